import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { IdentityListResponse } from '../../../src/shared/api/identities';
import {
  Invitation,
  InvitationAcceptResponse,
  InvitationDetails,
  InvitationListResponse,
} from '../../../src/shared/api/invitations';
import { RoleListResponse } from '../../../src/shared/api/roles';
import { OrganizationUser } from '../../../src/shared/api/users';
import { seedSandbox } from '../../../src/main/sandbox/seed';
import { SandboxFaults } from '../../../src/main/sandbox/faults';
import { buildSandboxApp, SandboxState } from '../../../src/main/sandbox/server';

/** The people routes through `inject`, with a clock the test moves. */
let clock: number;
let state: SandboxState;
let app: FastifyInstance;
let admin: string;
let viewer: string;
let acme: string;
let umbrella: string;
let outsider: string;

beforeEach(() => {
  clock = Date.parse('2026-11-25T12:00:00.000Z');
  state = new SandboxState({ now: () => new Date(clock) });
  const seed = seedSandbox(state, { usersPerOrg: 30 });
  app = buildSandboxApp({ state, faults: new SandboxFaults() });
  const primary = seed.primaryCredential;
  // The primary credential is an admin in Acme and a viewer in Umbrella: one token, two roles.
  admin = state.tokens.issue(primary.serviceAccountId).token;
  viewer = admin;
  acme = primary.memberships[0]!.organizationId;
  umbrella = primary.memberships[3]!.organizationId;
  // Acme's own admin credential is a member of Acme only.
  outsider = state.tokens.issue(seed.credentials[1]!.serviceAccountId).token;
});

async function call(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const answer = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, host: '127.0.0.1' },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: answer.statusCode, body: answer.body === '' ? undefined : (answer.json() as unknown) };
}

async function identities(query: string, org = acme) {
  const answer = await call(admin, 'GET', `/organizations/${org}/identities${query}`);
  expect(answer.status).toBe(200);
  return IdentityListResponse.parse(answer.body);
}

describe('roles', () => {
  it('lists organization and zone roles, filtered by scope, and refuses an unknown scope by name', async () => {
    const all = RoleListResponse.parse((await call(viewer, 'GET', `/organizations/${umbrella}/roles`)).body);
    expect(all.items.map((r) => r.name)).toEqual([
      'org_admin',
      'org_member',
      'org_viewer',
      'zone_manager',
      'zone_viewer',
    ]);
    const zone = RoleListResponse.parse((await call(admin, 'GET', `/organizations/${acme}/roles?scope=zone`)).body);
    expect(zone.items.every((r) => r.scope === 'zone')).toBe(true);
    const bad = await call(admin, 'GET', `/organizations/${acme}/roles?scope=planet`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: expect.stringContaining('"scope"') });
  });
});

describe('identities', () => {
  it('merges members and every kind of invitation in creation order, with a total count', async () => {
    const page = await identities('?limit=1000&expand[]=total_count');
    expect(page.pagination.total_count).toBe(30 + 6);
    expect(page.items.filter((i) => i.type === 'user')).toHaveLength(30);
    expect(new Set(page.items.filter((i) => i.type === 'invitation').map((i) => i.status))).toEqual(
      new Set(['pending', 'expired', 'revoked', 'accepted']),
    );
    const keys = page.items.map((i) => `${i.created_at}|${i.id}`);
    expect([...keys].sort()).toEqual(keys);
    expect(page.pagination.after_cursor).toBeNull();
    expect((await identities('')).pagination.total_count).toBeUndefined();
  });

  it('filters by a case-insensitive email substring and by role, and counts only the matches', async () => {
    const page = await identities('?query%5Bemail%5D=GUEST.&role=org_admin&expand=total_count');
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.email.includes('guest.') && i.role === 'org_admin')).toBe(true);
    expect(page.pagination.total_count).toBe(page.items.length);
    const tooLong = await call(admin, 'GET', `/organizations/${acme}/identities?query%5Bemail%5D=${'a'.repeat(255)}`);
    expect(tooLong.status).toBe(400);
    expect((await call(admin, 'GET', `/organizations/${acme}/identities?role=owner`)).status).toBe(400);
  });

  it('walks forward and back with its cursors', async () => {
    const all = (await identities('?limit=1000')).items.map((i) => i.id);
    const walked: string[] = [];
    let after: string | null = null;
    let last: IdentityListResponse | undefined;
    do {
      last = await identities(`?limit=7${after === null ? '' : `&after=${after}`}`);
      walked.push(...last.items.map((i) => i.id));
      after = last.pagination.after_cursor;
    } while (after !== null);
    expect(walked).toEqual(all);
    const before = await identities(`?limit=7&before=${last.pagination.before_cursor}`);
    expect(before.items.map((i) => i.id)).toEqual(all.slice(-last.items.length - 7, -last.items.length));
  });
});

describe('users', () => {
  it('changes a role and a status, removes a member, and answers 404 for one that is gone', async () => {
    const [, target] = state.users.of(acme).all();
    const url = `/organizations/${acme}/users/${target!.id}`;
    const changed = await call(admin, 'PATCH', url, { role: 'org_viewer', status: 'disabled' });
    expect(changed.status).toBe(200);
    expect(OrganizationUser.parse(changed.body)).toMatchObject({ role: 'org_viewer', status: 'disabled' });
    expect((await call(admin, 'PATCH', url, { role: 'owner' })).status).toBe(422);
    expect(await call(admin, 'DELETE', url)).toEqual({ status: 204, body: undefined });
    expect((await call(admin, 'GET', url)).status).toBe(404);
    expect((await call(admin, 'DELETE', url)).status).toBe(404);
  });

  it('refuses every change to a viewer and hides other tenants', async () => {
    const [, target] = state.users.of(umbrella).all();
    const url = `/organizations/${umbrella}/users/${target!.id}`;
    expect((await call(viewer, 'PATCH', url, { status: 'disabled' })).status).toBe(403);
    expect((await call(viewer, 'DELETE', url)).status).toBe(403);
    expect((await call(outsider, 'GET', `/organizations/${umbrella}/identities`)).status).toBe(404);
    expect((await call(outsider, 'DELETE', url)).status).toBe(404);
    expect(state.users.of(umbrella).get(target!.id)?.status).toBe(target!.status);
  });
});

describe('invitations', () => {
  it('invites, refuses a second invitation or a member with 409, and revokes', async () => {
    const url = `/organizations/${acme}/invitations`;
    const created = await call(admin, 'POST', url, { email: 'New.Person@Example.com', role: 'org_member' });
    expect(created.status).toBe(201);
    const invitation = Invitation.parse(created.body);
    expect(invitation.status).toBe('pending');
    expect((await call(admin, 'POST', url, { email: 'new.person@example.com', role: 'org_admin' })).status).toBe(409);
    const member = state.users.of(acme).all()[3]!.email!.toUpperCase();
    expect((await call(admin, 'POST', url, { email: member, role: 'org_member' })).status).toBe(409);
    expect((await call(admin, 'POST', url, { email: 'a\u202E@x.example', role: 'org_member' })).status).toBe(422);
    expect((await call(admin, 'DELETE', `${url}/${invitation.id}`)).status).toBe(204);
    expect((await call(admin, 'DELETE', `${url}/${invitation.id}`)).status).toBe(409);
    const list = InvitationListResponse.parse((await call(admin, 'GET', url)).body);
    expect(list.items.find((i) => i.id === invitation.id)?.status).toBe('revoked');
    // Revoked, the address can be invited again.
    expect((await call(admin, 'POST', url, { email: 'new.person@example.com', role: 'org_admin' })).status).toBe(201);
  });

  it('reads a pending invitation as expired once its expiry passes', async () => {
    const created = await call(admin, 'POST', `/organizations/${acme}/invitations`, {
      email: 'late@example.com',
      role: 'org_viewer',
    });
    const { id, expires_at } = Invitation.parse(created.body);
    clock = Date.parse(expires_at);
    admin = state.tokens.issue(state.invitations.of(acme).get(id)!.created_by).token;
    const list = InvitationListResponse.parse((await call(admin, 'GET', `/organizations/${acme}/invitations`)).body);
    expect(list.items.find((i) => i.id === id)?.status).toBe('expired');
  });

  it('refuses invitation changes to a viewer', async () => {
    const url = `/organizations/${umbrella}/invitations`;
    expect((await call(viewer, 'POST', url, { email: 'x@example.com', role: 'org_member' })).status).toBe(403);
    const pending = state.invitations.of(umbrella).all()[0]!;
    expect((await call(viewer, 'DELETE', `${url}/${pending.id}`)).status).toBe(403);
  });

  it('shows and accepts an invitation by its token without a bearer token, once', async () => {
    const created = Invitation.parse(
      (
        await call(admin, 'POST', `/organizations/${acme}/invitations`, {
          email: 'joiner@example.com',
          role: 'org_member',
        })
      ).body,
    );
    const token = state.invitations.of(acme).get(created.id)!.token;
    const shown = await app.inject({ method: 'GET', url: `/invitations/${token}`, headers: { host: '127.0.0.1' } });
    expect(InvitationDetails.parse(shown.json())).toMatchObject({ email: 'joiner@example.com', status: 'pending' });
    const accept = () =>
      app.inject({ method: 'POST', url: `/invitations/${token}/accept`, headers: { host: '127.0.0.1' } });
    const accepted = InvitationAcceptResponse.parse((await accept()).json());
    expect(accepted).toMatchObject({ success: true, organization_id: acme });
    expect(state.users.of(acme).get(accepted.user_id!)?.email).toBe('joiner@example.com');
    expect((await accept()).statusCode).toBe(409);
    const unknown = await app.inject({ method: 'GET', url: '/invitations/nope', headers: { host: '127.0.0.1' } });
    expect(unknown.statusCode).toBe(404);
  });
});
