import type { OrganizationRole } from '../../shared/api/users';
import {
  seedExtraOrganization,
  seedNamedOrganizations,
  seedPeopleAtScaleOrganization,
} from './resources/organizations/seed';
import type { OrganizationRecord } from './resources/organizations/store';
import {
  PRIMARY_CREDENTIAL_NAME,
  membership,
  sandboxCredential,
  seedOrgAdminCredential,
  seedPrimaryAccount,
  type SandboxCredential,
  type SandboxMembership,
} from './resources/service-accounts/seed';
import { seedInvitations, seedInvitationsAtScale } from './resources/invitations/seed';
import { seedUsers, type PeopleMix } from './resources/users/seed';
import type { SandboxState } from './state';

export type { SandboxCredential, SandboxMembership } from './resources/service-accounts/seed';
export { ORG_ADMIN_SERVICE_ACCOUNT_NAME, PRIMARY_CREDENTIAL_NAME } from './resources/service-accounts/seed';
export { PEOPLE_AT_SCALE_ORGANIZATION_NAME } from './resources/organizations/seed';
export { SEED_CLOCK_BASE } from './seed-clock';

export interface SeedOptions {
  /** Users seeded in every organization (default 25); e.g. 10,000 for benchmarks. */
  usersPerOrg?: number;
  /** Organizations beyond the four named ones; the primary credential is a member of each. */
  extraOrganizations?: number;
  /**
   * Identities (members and invitations) of one more organization, seeded after everything
   * else so the records above keep their IDs; the primary credential is its admin. 0 or absent:
   * no such organization.
   */
  peopleAtScale?: number;
}

export interface SeedResult {
  /** Every seeded credential, the primary one first. */
  readonly credentials: readonly SandboxCredential[];
  readonly primaryCredential: SandboxCredential;
}

export const DEFAULT_USERS_PER_ORG = 25;

/** A large organization: few admins, mostly members, some viewers, a few disabled. */
const AT_SCALE_MIX: PeopleMix = { adminBelow: 0.01, memberBelow: 0.82, disabledBelow: 0.05 };

/** One identity in 25 of the organization at scale is an invitation, the rest are members. */
const AT_SCALE_INVITATION_SHARE = 1 / 25;

/** The primary credential's role in each named organization, so `permissions` differ between them. */
const PRIMARY_ROLES: readonly OrganizationRole[] = ['org_admin', 'org_admin', 'org_member', 'org_viewer'];

/**
 * Runs each resource's seed in a fixed order. Every store draws from one PRNG, so
 * this order is what keeps seeded IDs and secrets the same from one start to the
 * next: a new resource seeds after the existing ones, never between them.
 */
export function seedSandbox(state: SandboxState, options: SeedOptions = {}): SeedResult {
  const usersPerOrg = options.usersPerOrg ?? DEFAULT_USERS_PER_ORG;
  const extraOrganizations = options.extraOrganizations ?? 0;
  const peopleAtScale = options.peopleAtScale ?? 0;
  if (!Number.isInteger(usersPerOrg) || usersPerOrg < 0) throw new Error('usersPerOrg must be a non-negative integer');
  if (!Number.isInteger(extraOrganizations) || extraOrganizations < 0) {
    throw new Error('extraOrganizations must be a non-negative integer');
  }
  if (!Number.isInteger(peopleAtScale) || peopleAtScale < 0) {
    throw new Error('peopleAtScale must be a non-negative integer');
  }
  const random = state.context.random;

  // Named organizations, their credentials and the primary credential come first so
  // their IDs and secrets do not depend on the scale options.
  const named = seedNamedOrganizations(state);
  const perOrganization = named.map((organization) => seedOrgAdminCredential(state, organization));

  const [acme] = named;
  if (acme === undefined) throw new Error('seed has no organizations');
  const primaryAccount = seedPrimaryAccount(state, acme);
  const primaryMemberships: SandboxMembership[] = [];
  named.forEach((organization, i) => {
    const role = PRIMARY_ROLES[i] ?? 'org_viewer';
    state.roles.set(primaryAccount.account.id, organization.id, role);
    primaryMemberships.push(membership(organization, role));
  });

  const extras: OrganizationRecord[] = [];
  for (let i = 0; i < extraOrganizations; i++) {
    const organization = seedExtraOrganization(state, i);
    const role = random.pick(PRIMARY_ROLES);
    state.roles.set(primaryAccount.account.id, organization.id, role);
    primaryMemberships.push(membership(organization, role));
    extras.push(organization);
    perOrganization.push(seedOrgAdminCredential(state, organization));
  }

  for (const organization of [...named, ...extras]) seedUsers(state, organization, usersPerOrg);
  // Last: invitations were added after the records above, whose IDs must not move.
  for (const organization of [...named, ...extras]) {
    seedInvitations(state, organization, primaryAccount.account.id);
  }
  // Last again, for the same reason: the organization at scale came after invitations.
  if (peopleAtScale > 0) {
    const organization = seedPeopleAtScaleOrganization(state, extraOrganizations);
    state.roles.set(primaryAccount.account.id, organization.id, 'org_admin');
    primaryMemberships.push(membership(organization, 'org_admin'));
    perOrganization.push(seedOrgAdminCredential(state, organization));
    const invitations = Math.floor(peopleAtScale * AT_SCALE_INVITATION_SHARE);
    const members = seedUsers(state, organization, peopleAtScale - invitations, AT_SCALE_MIX);
    seedInvitationsAtScale(state, organization, members, invitations);
  }

  const primary = sandboxCredential(
    PRIMARY_CREDENTIAL_NAME,
    primaryAccount.account,
    primaryAccount.credential,
    primaryMemberships,
  );
  return { credentials: [primary, ...perOrganization], primaryCredential: primary };
}
