import type { OrganizationRole } from '../../../../shared/api/users';
import { hours, seedTime } from '../../seed-clock';
import type { SandboxState } from '../../state';
import type { CreatedCredentialRecord } from '../credentials/store';
import type { OrganizationRecord } from '../organizations/store';
import type { ServiceAccountRecord } from './store';

export interface SandboxMembership {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly organizationLabel: string;
  readonly role: OrganizationRole;
}

/** A seeded client-credentials login, secret included: the sandbox is local and its data fictional. */
export interface SandboxCredential {
  readonly name: string;
  readonly serviceAccountId: string;
  readonly credentialId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Roles at seed time; organizations created later are not reflected. */
  readonly memberships: readonly SandboxMembership[];
}

export const PRIMARY_CREDENTIAL_NAME = 'Sandbox workspace admin';
export const ORG_ADMIN_SERVICE_ACCOUNT_NAME = 'orgdesk-admin';

/** An `orgdesk-admin` service account with one credential, org_admin in its own organization. */
export function seedOrgAdminCredential(state: SandboxState, organization: OrganizationRecord): SandboxCredential {
  const createdAt = new Date(Date.parse(organization.created_at) + 15 * 60_000).toISOString();
  const account = state.serviceAccounts.create({
    organization_id: organization.id,
    name: ORG_ADMIN_SERVICE_ACCOUNT_NAME,
    description: 'Used by Orgdesk to administer this organization',
    at: createdAt,
  });
  const credential = state.credentials.create({ service_account_id: account.id, name: 'orgdesk', at: createdAt });
  state.roles.set(account.id, organization.id, 'org_admin');
  return sandboxCredential(ORG_ADMIN_SERVICE_ACCOUNT_NAME, account, credential, [
    membership(organization, 'org_admin'),
  ]);
}

/** The multi-organization login's account and credential; the caller grants its roles. */
export function seedPrimaryAccount(
  state: SandboxState,
  owner: OrganizationRecord,
): { account: ServiceAccountRecord; credential: CreatedCredentialRecord } {
  const account = state.serviceAccounts.create({
    organization_id: owner.id,
    name: PRIMARY_CREDENTIAL_NAME,
    description: 'Multi-organization login for trying Orgdesk against the sandbox',
    at: seedTime(hours(120)),
  });
  const credential = state.credentials.create({
    service_account_id: account.id,
    name: 'workspace-admin',
    at: seedTime(hours(120)),
  });
  return { account, credential };
}

export function sandboxCredential(
  name: string,
  account: ServiceAccountRecord,
  credential: CreatedCredentialRecord,
  memberships: readonly SandboxMembership[],
): SandboxCredential {
  return {
    name,
    serviceAccountId: account.id,
    credentialId: credential.record.id,
    clientId: credential.record.client_id,
    // The seed's secrets are kept only here (the store has their hashes), to be printed and used.
    clientSecret: credential.clientSecret,
    memberships,
  };
}

export function membership(organization: OrganizationRecord, role: OrganizationRole): SandboxMembership {
  return {
    organizationId: organization.id,
    organizationName: organization.name,
    organizationLabel: organization.label,
    role,
  };
}
