import { describe, expect, it } from 'vitest';
import { Identity } from '../../../src/shared/api/identities';
import { OrganizationUser } from '../../../src/shared/api/users';
import { presentUser } from '../../../src/main/sandbox/resources/users/routes';
import { createSeededState, type SandboxState } from '../../../src/main/sandbox/server';
import { PEOPLE_AT_SCALE_ORGANIZATION_NAME } from '../../../src/main/sandbox/seed';

/** Every record of every organization, invitations included, as the seed stored it. */
function world(state: SandboxState, organizationCount: number) {
  const organizations = state.organizations.all().slice(0, organizationCount);
  return {
    organizations,
    users: organizations.map((o) => state.users.of(o.id).all()),
    invitations: organizations.map((o) => state.invitations.of(o.id).all()),
    serviceAccounts: state.serviceAccounts.all().slice(0, organizationCount + 1),
    credentials: state.credentials.all().slice(0, organizationCount + 1),
  };
}

const tally = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

describe('seed, people at scale', () => {
  it('adds one organization last and leaves every record seeded before it as it was', () => {
    for (const options of [{}, { usersPerOrg: 40, extraOrganizations: 3 }]) {
      const without = createSeededState({ seed: options });
      const withIt = createSeededState({ seed: { ...options, peopleAtScale: 500 } });
      const before = without.state.organizations.size;
      expect(withIt.state.organizations.size).toBe(before + 1);
      expect(world(withIt.state, before)).toEqual(world(without.state, before));
      expect(withIt.seed.credentials.slice(0, -1)).toEqual(
        without.seed.credentials.map((c) => (c === without.seed.primaryCredential ? withIt.seed.primaryCredential : c)),
      );
      expect(withIt.seed.primaryCredential.memberships.slice(0, -1)).toEqual(
        without.seed.primaryCredential.memberships,
      );
    }
  });

  it('fills it with 10,000 identities: every role and status, invitations in every status, the primary credential its admin', () => {
    const { state, seed } = createSeededState({ seed: { peopleAtScale: 10_000 } });
    const organization = state.organizations.all().at(-1)!;
    expect(organization.name).toBe(PEOPLE_AT_SCALE_ORGANIZATION_NAME);
    expect(seed.primaryCredential.memberships.at(-1)).toMatchObject({
      organizationId: organization.id,
      role: 'org_admin',
    });
    expect(state.roles.of(seed.primaryCredential.serviceAccountId, organization.id)).toBe('org_admin');
    expect(seed.credentials.at(-1)?.memberships).toEqual([
      expect.objectContaining({ organizationId: organization.id }),
    ]);

    const users = state.users.of(organization.id).all();
    const invitations = state.invitations.of(organization.id).all();
    expect(users.length + invitations.length).toBe(10_000);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    for (const user of users.slice(0, 50)) OrganizationUser.parse(presentUser(user, 'org_admin', false));

    const roles = tally(users, (u) => u.role);
    expect(Object.keys(roles).sort()).toEqual(['org_admin', 'org_member', 'org_viewer']);
    // Few admins, members the most, some viewers.
    expect(roles['org_admin']).toBeLessThan(users.length * 0.02);
    expect(roles['org_member']).toBeGreaterThan(users.length * 0.7);
    expect(roles['org_viewer']).toBeGreaterThan(users.length * 0.1);
    expect(Object.keys(tally(users, (u) => u.status)).sort()).toEqual(['active', 'disabled']);

    const statuses = tally(invitations, (i) => state.invitations.statusOf(i));
    expect(Object.keys(statuses).sort()).toEqual(['accepted', 'expired', 'pending', 'revoked']);
    const memberEmails = new Set(users.map((u) => u.email));
    for (const invitation of invitations) {
      const status = state.invitations.statusOf(invitation);
      // An expired invitation is stored pending, past its expiry; an accepted one names a member.
      if (status === 'expired') expect(invitation.status).toBe('pending');
      expect(memberEmails.has(invitation.email)).toBe(status === 'accepted');
      Identity.parse({ ...invitation, type: 'invitation', status });
    }
    const open = invitations.filter((i) => state.invitations.statusOf(i) !== 'accepted').map((i) => i.email);
    expect(new Set(open).size).toBe(open.length);
  });

  it('is deterministic, and refuses a count that is not a non-negative integer', () => {
    const a = createSeededState({ seed: { peopleAtScale: 300 } });
    const b = createSeededState({ seed: { peopleAtScale: 300 } });
    const organization = a.state.organizations.all().at(-1)!.id;
    expect(b.state.users.of(organization).all()).toEqual(a.state.users.of(organization).all());
    expect(b.state.invitations.of(organization).all()).toEqual(a.state.invitations.of(organization).all());
    expect(createSeededState({ seed: { peopleAtScale: 0 } }).state.organizations.size).toBe(4);
    for (const bad of [-1, 2.5, Number.NaN]) {
      expect(() => createSeededState({ seed: { peopleAtScale: bad } })).toThrow('peopleAtScale');
    }
  });
});
