import type { OrganizationRole, UserStatus } from '../../shared/api/users';

/**
 * What the sandbox stores. Records carry the wire field names so route files can
 * present them without renaming, but hold server-only fields (secrets, owners)
 * that the presenters leave out.
 */
export interface OrganizationRecord {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly sso_enabled: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface UserRecord {
  readonly id: string;
  readonly organization_id: string;
  readonly email?: string;
  readonly role: OrganizationRole;
  readonly status: UserStatus;
  readonly source: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A service account is owned by one organization but may hold roles in others (the primary one does). */
export interface ServiceAccountRecord {
  readonly id: string;
  readonly organization_id: string;
  readonly name: string;
  readonly description?: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface CredentialRecord {
  readonly id: string;
  readonly service_account_id: string;
  readonly name: string;
  readonly description?: string;
  readonly client_id: string;
  readonly client_secret: string;
  readonly created_at: string;
  readonly last_used_at?: string;
}

/** An issued bearer token. `organization_id` is set on tokens from the organization token exchange. */
export interface TokenRecord {
  readonly token: string;
  readonly principal_id: string;
  readonly organization_id?: string;
  readonly expires_at_ms: number;
}
