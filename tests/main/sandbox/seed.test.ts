import { describe, expect, it } from 'vitest';
import { Organization } from '../../../src/shared/api/organizations';
import { OrganizationUser } from '../../../src/shared/api/users';
import { presentOrganization } from '../../../src/main/sandbox/resources/organizations/routes';
import { presentUser } from '../../../src/main/sandbox/resources/users/routes';
import { createSeededState } from '../../../src/main/sandbox/server';

const ID = /^[a-z0-9]{26}$/;

describe('seed', () => {
  it('is deterministic and independent of the scale options for named organizations', () => {
    const a = createSeededState();
    const b = createSeededState({ seed: { usersPerOrg: 300, extraOrganizations: 7 } });
    const logins = (credentials: typeof a.seed.credentials): string[][] =>
      credentials.map((c) => [c.credentialId, c.clientId, c.clientSecret]);
    expect(logins(b.seed.credentials.slice(0, 5))).toEqual(logins(a.seed.credentials));
    expect(b.seed.primaryCredential.memberships.slice(0, 4)).toEqual(a.seed.primaryCredential.memberships);
    expect(b.state.organizations.all().slice(0, 4)).toEqual(a.state.organizations.all());
    expect(b.state.organizations.size).toBe(11);
  });

  it('seeds valid, unique, realistic records', () => {
    const { state, seed } = createSeededState({ seed: { usersPerOrg: 2000, extraOrganizations: 40 } });
    const organizations = state.organizations.all();
    expect(new Set(organizations.map((o) => o.label)).size).toBe(organizations.length);
    expect(organizations.slice(0, 4).map((o) => o.name)).toEqual([
      'Acme Robotics',
      'Globex Research',
      'Initech Platform',
      'Umbrella Health',
    ]);
    for (const organization of organizations) {
      expect(organization.id).toMatch(ID);
      expect(organization.label).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
      Organization.parse(presentOrganization(organization, 'org_admin', true));
      const users = state.users.of(organization.id).all();
      expect(users).toHaveLength(2000);
      expect(new Set(users.map((u) => u.email)).size).toBe(2000);
      expect(users[0]?.role).toBe('org_admin');
      expect(new Set(users.map((u) => u.role))).toEqual(new Set(['org_admin', 'org_member', 'org_viewer']));
    }
    const user = state.users.of(organizations[0]?.id ?? '').all()[5];
    if (user === undefined) throw new Error('no user');
    expect(OrganizationUser.parse(presentUser(user, 'org_viewer', false)).email).toMatch(
      /^[a-z]+\.[a-z]+\d*@acmerobotics\.example$/,
    );
    expect(seed.primaryCredential.memberships.slice(0, 4).map((m) => m.role)).toEqual([
      'org_admin',
      'org_admin',
      'org_member',
      'org_viewer',
    ]);
    expect(seed.credentials.filter((c) => c.name === 'orgdesk-admin')).toHaveLength(organizations.length);
    expect(new Set(seed.credentials.map((c) => c.clientId)).size).toBe(seed.credentials.length);
  });
});
