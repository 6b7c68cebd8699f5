import type { OrganizationRole, UserStatus } from '../../shared/api/users';
import { labelBase } from './labels';
import type { SeededRandom } from './random';
import type { OrganizationRecord } from './records';
import {
  BASE_ORGANIZATION_NAMES,
  FIRST_NAMES,
  LAST_NAMES,
  ORGANIZATION_NAME_HEADS,
  ORGANIZATION_NAME_TAILS,
} from './seed-names';
import type { SandboxState } from './state';

export interface SeedOptions {
  /** Users seeded in every organization (default 25); e.g. 10,000 for benchmarks. */
  usersPerOrg?: number;
  /** Organizations beyond the four named ones; the primary credential is a member of each. */
  extraOrganizations?: number;
}

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

export interface SeedResult {
  /** Every seeded credential, the primary one first. */
  readonly credentials: readonly SandboxCredential[];
  readonly primaryCredential: SandboxCredential;
}

/** Fixed clock base so seeded timestamps are identical on every start. */
export const SEED_CLOCK_BASE = '2026-01-05T09:00:00.000Z';
export const DEFAULT_USERS_PER_ORG = 25;
export const PRIMARY_CREDENTIAL_NAME = 'Sandbox workspace admin';
export const ORG_ADMIN_SERVICE_ACCOUNT_NAME = 'orgdesk-admin';

/** The primary credential's role in each named organization, so `permissions` differ between them. */
const PRIMARY_ROLES: readonly OrganizationRole[] = ['org_admin', 'org_admin', 'org_member', 'org_viewer'];
const USER_SPREAD_MS = 60 * 24 * 3600 * 1000;

export function seedSandbox(state: SandboxState, options: SeedOptions = {}): SeedResult {
  const usersPerOrg = options.usersPerOrg ?? DEFAULT_USERS_PER_ORG;
  const extraOrganizations = options.extraOrganizations ?? 0;
  if (!Number.isInteger(usersPerOrg) || usersPerOrg < 0) throw new Error('usersPerOrg must be a non-negative integer');
  if (!Number.isInteger(extraOrganizations) || extraOrganizations < 0) {
    throw new Error('extraOrganizations must be a non-negative integer');
  }
  const random = state.random;
  const base = Date.parse(SEED_CLOCK_BASE);
  const at = (offsetMs: number): string => new Date(base + offsetMs).toISOString();
  const hours = (n: number): number => n * 3600 * 1000;

  // Named organizations, their credentials and the primary credential come first so
  // their IDs and secrets do not depend on the scale options.
  const named = BASE_ORGANIZATION_NAMES.map((name, i) =>
    state.createOrganization({ name, at: at(hours(i * 26 + random.int(0, 5))) }),
  );
  const perOrganization = named.map((organization) => seedOrgAdminCredential(state, organization));

  const [acme] = named;
  if (acme === undefined) throw new Error('seed has no organizations');
  const primaryAccount = state.createServiceAccount({
    organization_id: acme.id,
    name: PRIMARY_CREDENTIAL_NAME,
    description: 'Multi-organization login for trying Orgdesk against the sandbox',
    at: at(hours(120)),
  });
  const primaryCredential = state.createCredential({
    service_account_id: primaryAccount.id,
    name: 'workspace-admin',
    at: at(hours(120)),
  });
  const primaryMemberships: SandboxMembership[] = [];
  named.forEach((organization, i) => {
    const role = PRIMARY_ROLES[i] ?? 'org_viewer';
    state.setRole(primaryAccount.id, organization.id, role);
    primaryMemberships.push(membership(organization, role));
  });

  const extras: OrganizationRecord[] = [];
  for (let i = 0; i < extraOrganizations; i++) {
    const name = `${random.pick(ORGANIZATION_NAME_HEADS)} ${random.pick(ORGANIZATION_NAME_TAILS)}`;
    const organization = state.createOrganization({ name, at: at(hours(130) + i * 60_000) });
    const role = random.pick(PRIMARY_ROLES);
    state.setRole(primaryAccount.id, organization.id, role);
    primaryMemberships.push(membership(organization, role));
    extras.push(organization);
    perOrganization.push(seedOrgAdminCredential(state, organization));
  }

  for (const organization of [...named, ...extras]) seedUsers(state, random, organization, usersPerOrg);

  const primary: SandboxCredential = {
    name: PRIMARY_CREDENTIAL_NAME,
    serviceAccountId: primaryAccount.id,
    credentialId: primaryCredential.id,
    clientId: primaryCredential.client_id,
    clientSecret: primaryCredential.client_secret,
    memberships: primaryMemberships,
  };
  return { credentials: [primary, ...perOrganization], primaryCredential: primary };
}

function seedOrgAdminCredential(state: SandboxState, organization: OrganizationRecord): SandboxCredential {
  const createdAt = new Date(Date.parse(organization.created_at) + 15 * 60_000).toISOString();
  const account = state.createServiceAccount({
    organization_id: organization.id,
    name: ORG_ADMIN_SERVICE_ACCOUNT_NAME,
    description: 'Used by Orgdesk to administer this organization',
    at: createdAt,
  });
  const credential = state.createCredential({ service_account_id: account.id, name: 'orgdesk', at: createdAt });
  state.setRole(account.id, organization.id, 'org_admin');
  return {
    name: ORG_ADMIN_SERVICE_ACCOUNT_NAME,
    serviceAccountId: account.id,
    credentialId: credential.id,
    clientId: credential.client_id,
    clientSecret: credential.client_secret,
    memberships: [membership(organization, 'org_admin')],
  };
}

function membership(organization: OrganizationRecord, role: OrganizationRole): SandboxMembership {
  return {
    organizationId: organization.id,
    organizationName: organization.name,
    organizationLabel: organization.label,
    role,
  };
}

function seedUsers(state: SandboxState, random: SeededRandom, organization: OrganizationRecord, count: number): void {
  const domain = `${labelBase(organization.name).replace(/-/g, '')}.example`;
  const sources = [
    'https://accounts.google.com',
    'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
    `https://${organization.label}.okta.com`,
    'https://id.keycard.ai',
  ];
  const emails = new Set<string>();
  const start = Date.parse(organization.created_at);
  // Spread creation over ~60 days whatever the count, so large seeds stay in the past.
  const meanStep = Math.max(1000, Math.floor(USER_SPREAD_MS / Math.max(count, 1)));
  let clock = start + 30 * 60_000;
  for (let i = 0; i < count; i++) {
    clock += random.int(1, meanStep * 2);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const email = uniqueEmail(emails, `${emailPart(first)}.${emailPart(last)}`, domain);
    const role: OrganizationRole = i === 0 ? 'org_admin' : pickRole(random.next());
    const status: UserStatus = i > 0 && random.next() < 0.07 ? 'disabled' : 'active';
    const roll = random.next();
    const source = roll < 0.55 ? sources[0] : roll < 0.8 ? sources[1] : roll < 0.95 ? sources[2] : sources[3];
    const createdAt = new Date(clock).toISOString();
    const updatedAt =
      random.next() < 0.3 ? new Date(clock + random.int(60_000, 10 * 86_400_000)).toISOString() : createdAt;
    state.addUser({
      organization_id: organization.id,
      email,
      role,
      status,
      source: source ?? 'https://accounts.google.com',
      created_at: createdAt,
      updated_at: updatedAt,
    });
  }
}

function pickRole(roll: number): OrganizationRole {
  if (roll < 0.12) return 'org_admin';
  if (roll < 0.7) return 'org_member';
  return 'org_viewer';
}

function emailPart(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function uniqueEmail(taken: Set<string>, local: string, domain: string): string {
  let candidate = `${local}@${domain}`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${local}${n}@${domain}`;
  taken.add(candidate);
  return candidate;
}
