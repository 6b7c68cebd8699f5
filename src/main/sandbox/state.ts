import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OrganizationRole } from '../../shared/api/users';
import { deriveLabel } from './labels';
import { SeededRandom, newClientId, newClientSecret, newId, newRandomClientSecret } from './random';
import type { CredentialRecord, OrganizationRecord, ServiceAccountRecord, TokenRecord, UserRecord } from './records';
import { SortedCollection } from './sorted-collection';

export interface SandboxStateOptions {
  /** Seed of the PRNG behind every ID and secret, so runs are reproducible. */
  randomSeed?: number;
  /** Client secrets from the OS CSPRNG instead of the seeded PRNG: for a sandbox others can reach. */
  randomSecrets?: boolean;
  tokenTtlSeconds?: number;
  /** Wall clock for records created at runtime and for token expiry. */
  now?: () => Date;
}

export type TokenCheck =
  | { readonly kind: 'valid'; readonly record: TokenRecord }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unknown' };

export interface IssuedToken {
  readonly token: string;
  readonly expiresIn: number;
}

export const DEFAULT_RANDOM_SEED = 0x5eed_2026;
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/**
 * The sandbox's whole world, in memory. Route files read and change it only
 * through these methods, so resources added later (invitations, service accounts,
 * credentials, SSO) extend this class rather than reach into each other's maps.
 */
export class SandboxState {
  readonly random: SeededRandom;
  readonly tokenTtlSeconds: number;
  readonly #now: () => Date;
  readonly #randomSecrets: boolean;

  readonly organizations = new SortedCollection<OrganizationRecord>();
  readonly serviceAccounts = new SortedCollection<ServiceAccountRecord>();
  readonly credentials = new SortedCollection<CredentialRecord>();
  readonly #organizationIdByLabel = new Map<string, string>();
  readonly #usersByOrganization = new Map<string, SortedCollection<UserRecord>>();
  readonly #credentialIdByClientId = new Map<string, string>();
  /** principal (service account) ID → organization ID → role. */
  readonly #roles = new Map<string, Map<string, OrganizationRole>>();
  readonly #tokens = new Map<string, TokenRecord>();

  constructor(options: SandboxStateOptions = {}) {
    this.random = new SeededRandom(options.randomSeed ?? DEFAULT_RANDOM_SEED);
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    this.#now = options.now ?? (() => new Date());
    this.#randomSecrets = options.randomSecrets ?? false;
  }

  now(): Date {
    return this.#now();
  }

  timestamp(): string {
    return this.#now().toISOString();
  }

  newId(): string {
    return newId(this.random);
  }

  // Organizations

  /** `at` lets the seed back-date records; runtime creations use the clock. */
  createOrganization(input: { name: string; at?: string; sso_enabled?: boolean }): OrganizationRecord {
    const at = input.at ?? this.timestamp();
    const id = this.#unusedId();
    // A label equal to another organization's ID would make `{organization_id}` ambiguous.
    const label = deriveLabel(
      input.name,
      (l) => this.#organizationIdByLabel.has(l) || this.organizations.get(l) !== undefined,
    );
    const record: OrganizationRecord = {
      id,
      name: input.name,
      label,
      sso_enabled: input.sso_enabled ?? false,
      created_at: at,
      updated_at: at,
    };
    this.organizations.insert(record);
    this.#organizationIdByLabel.set(label, id);
    this.#usersByOrganization.set(id, new SortedCollection<UserRecord>());
    return record;
  }

  /** The path parameter `{organization_id}` takes an ID or a label; IDs are tried first. */
  findOrganization(idOrLabel: string): OrganizationRecord | undefined {
    const byId = this.organizations.get(idOrLabel);
    if (byId !== undefined) return byId;
    const id = this.#organizationIdByLabel.get(idOrLabel);
    return id === undefined ? undefined : this.organizations.get(id);
  }

  updateOrganization(id: string, patch: { name?: string }): OrganizationRecord {
    const current = this.#require(this.organizations.get(id), 'organization', id);
    // The label is not re-derived: the vendor derives it once, at creation, and
    // clients may have stored URLs that use it.
    const next: OrganizationRecord = {
      ...current,
      name: patch.name ?? current.name,
      updated_at: this.#laterTimestamp(current.updated_at),
    };
    this.organizations.replace(next);
    return next;
  }

  // Users

  addUser(input: Omit<UserRecord, 'id'> & { id?: string }): UserRecord {
    const users = this.#require(
      this.#usersByOrganization.get(input.organization_id),
      'organization',
      input.organization_id,
    );
    const record: UserRecord = { ...input, id: input.id ?? this.newId() };
    users.insert(record);
    return record;
  }

  users(organizationId: string): SortedCollection<UserRecord> {
    return this.#require(this.#usersByOrganization.get(organizationId), 'organization', organizationId);
  }

  // Service accounts, credentials and roles

  createServiceAccount(input: {
    organization_id: string;
    name: string;
    description?: string;
    at?: string;
  }): ServiceAccountRecord {
    const at = input.at ?? this.timestamp();
    const record: ServiceAccountRecord = {
      id: this.newId(),
      organization_id: input.organization_id,
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
      created_at: at,
      updated_at: at,
    };
    this.serviceAccounts.insert(record);
    return record;
  }

  createCredential(input: {
    service_account_id: string;
    name: string;
    description?: string;
    at?: string;
  }): CredentialRecord {
    this.#require(this.serviceAccounts.get(input.service_account_id), 'service account', input.service_account_id);
    let clientId = newClientId(this.random);
    while (this.#credentialIdByClientId.has(clientId)) clientId = newClientId(this.random);
    const record: CredentialRecord = {
      id: this.newId(),
      service_account_id: input.service_account_id,
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
      client_id: clientId,
      client_secret: this.#randomSecrets ? newRandomClientSecret() : newClientSecret(this.random),
      created_at: input.at ?? this.timestamp(),
    };
    this.credentials.insert(record);
    this.#credentialIdByClientId.set(clientId, record.id);
    return record;
  }

  setRole(principalId: string, organizationId: string, role: OrganizationRole): void {
    let roles = this.#roles.get(principalId);
    if (roles === undefined) {
      roles = new Map();
      this.#roles.set(principalId, roles);
    }
    roles.set(organizationId, role);
  }

  roleOf(principalId: string, organizationId: string): OrganizationRole | undefined {
    return this.#roles.get(principalId)?.get(organizationId);
  }

  /** Organization IDs the principal holds a role in. */
  organizationIdsOf(principalId: string): ReadonlySet<string> {
    return new Set(this.#roles.get(principalId)?.keys() ?? []);
  }

  /**
   * Checks a client's secret in constant time. Unknown client IDs still go through
   * a comparison so response timing does not tell which client IDs exist.
   */
  authenticateClient(clientId: string, clientSecret: string): CredentialRecord | undefined {
    const credentialId = this.#credentialIdByClientId.get(clientId);
    const credential = credentialId === undefined ? undefined : this.credentials.get(credentialId);
    const expected = digest(credential?.client_secret ?? 'no such client');
    const matches = timingSafeEqual(expected, digest(clientSecret));
    if (credential === undefined || !matches) return undefined;
    const used: CredentialRecord = { ...credential, last_used_at: this.timestamp() };
    this.credentials.replace(used);
    return used;
  }

  // Tokens

  issueToken(principalId: string, organizationId?: string): IssuedToken {
    // Tokens are bearer secrets, so they come from the OS CSPRNG, not the seeded PRNG.
    const token = `sbx_${randomBytes(32).toString('base64url')}`;
    this.#tokens.set(token, {
      token,
      principal_id: principalId,
      ...(organizationId === undefined ? {} : { organization_id: organizationId }),
      expires_at_ms: this.#now().getTime() + this.tokenTtlSeconds * 1000,
    });
    return { token, expiresIn: this.tokenTtlSeconds };
  }

  checkToken(token: string): TokenCheck {
    const record = this.#tokens.get(token);
    if (record === undefined) return { kind: 'unknown' };
    if (record.expires_at_ms <= this.#now().getTime()) return { kind: 'expired' };
    return { kind: 'valid', record };
  }

  /** Lets tests exercise a client's refresh-on-401 path without waiting for the TTL. */
  expireToken(token: string): boolean {
    const record = this.#tokens.get(token);
    if (record === undefined) return false;
    this.#tokens.set(token, { ...record, expires_at_ms: this.#now().getTime() - 1 });
    return true;
  }

  expireAllTokens(): void {
    for (const token of [...this.#tokens.keys()]) this.expireToken(token);
  }

  #unusedId(): string {
    let id = this.newId();
    while (this.organizations.get(id) !== undefined || this.#organizationIdByLabel.has(id)) id = this.newId();
    return id;
  }

  /** `updated_at` must move forward even when two writes land in the same millisecond. */
  #laterTimestamp(previous: string): string {
    const now = this.#now().getTime();
    const before = Date.parse(previous);
    return new Date(Math.max(now, before + 1)).toISOString();
  }

  #require<T>(value: T | undefined, kind: string, id: string): T {
    if (value === undefined) throw new Error(`unknown ${kind} ${id}`);
    return value;
  }
}

/** Equal-length inputs for timingSafeEqual whatever the secrets' lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
