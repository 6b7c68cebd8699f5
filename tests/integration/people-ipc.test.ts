import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Invitation } from '../../src/shared/api/invitations';
import type { RoleListResponse } from '../../src/shared/api/roles';
import type { OrganizationUser } from '../../src/shared/api/users';
import type { IdentityPage } from '../../src/shared/ipc/people';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { startSandbox, type RunningSandbox, type SandboxMembership } from '../../src/main/sandbox/server';
import { MemorySecretStore } from '../support/memory-secret-store';
import { ipcCaller, membershipOf } from './support/dispatch';

/** The people channels end to end through `dispatch`, against a sandbox over HTTP. */
let sandbox: RunningSandbox;
let services: AppServices;
let userDataDir: string;
let profileId: string;

const { ok, refused } = ipcCaller(() => services);
const membership = (role: SandboxMembership['role'], nth = 0) => membershipOf(sandbox, role, nth);

function activeAdmins(orgId: string) {
  return sandbox.state.users
    .of(orgId)
    .all()
    .filter((u) => u.role === 'org_admin' && u.status === 'active');
}

const changesSent = () => sandbox.faults.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE');

beforeAll(async () => {
  sandbox = await startSandbox();
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-people-ipc-'));
  services = await createAppServices({ userDataDir, secretStore: new MemorySecretStore(), appVersion: '0.1.0-test' });
  const profile = await ok<ProfileView>('profiles:create', {
    name: 'People',
    baseUrl: sandbox.url,
    color: '#16a34a',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  profileId = profile.id;
});

afterAll(async () => {
  await services?.dispose();
  await sandbox?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

beforeEach(() => {
  sandbox.faults.clear();
  sandbox.faults.clearRequests();
});

describe('people:identities', () => {
  it('answers one page with the total count, and the next pages by cursor until the last', async () => {
    const orgId = membership('org_admin').organizationId;
    const total = sandbox.state.users.of(orgId).size + sandbox.state.invitations.of(orgId).size;
    const first = await ok<IdentityPage>('people:identities', { profileId, orgId, limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.totalCount).toBe(total);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.permissions?.users?.update).toBe(true);
    expect(first.permissions?.invitations?.create).toBe(true);

    const seen = first.items.map((i) => i.id);
    let after = first.nextCursor;
    let pages = 1;
    while (after !== undefined) {
      const page = await ok<IdentityPage>('people:identities', { profileId, orgId, limit: 10, after });
      expect(page.totalCount).toBe(total);
      seen.push(...page.items.map((i) => i.id));
      after = page.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(total / 10));
    expect(new Set(seen).size).toBe(total);
    const asked = sandbox.faults.requests.filter((r) => r.path.endsWith('/identities'));
    expect(asked).toHaveLength(pages);
  });

  it('filters by email and role, counting only the matches; a blank search is no filter', async () => {
    const orgId = membership('org_admin').organizationId;
    const page = await ok<IdentityPage>('people:identities', {
      profileId,
      orgId,
      email: ' GUEST. ',
      role: 'org_viewer',
    });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.role === 'org_viewer' && i.email.toLowerCase().includes('guest.'))).toBe(true);
    expect(page.totalCount).toBe(page.items.length);
    expect(page.nextCursor).toBeUndefined();

    const blank = await ok<IdentityPage>('people:identities', { profileId, orgId, email: '   ', limit: 1 });
    expect(blank.totalCount).toBe(sandbox.state.users.of(orgId).size + sandbox.state.invitations.of(orgId).size);
  });

  it('refuses a search with control or bidi characters, or too long, by name before asking the server', async () => {
    const orgId = membership('org_admin').organizationId;
    for (const email of ['evil\u202E.com', 'a\nb', 'x'.repeat(255)]) {
      const error = await refused('people:identities', { profileId, orgId, email });
      expect(error.kind).toBe('invalid_input');
      expect(error.fields?.map((f) => f.path)).toEqual(['email']);
    }
    const badPage = await refused('people:identities', { profileId, orgId, limit: 1001, after: '' });
    expect(badPage.fields?.map((f) => f.path).sort()).toEqual(['after', 'limit']);
    expect(sandbox.faults.requests.filter((r) => r.path.endsWith('/identities'))).toHaveLength(0);
  });
});

describe('cancelling a people call', () => {
  it('stops a slow page when the renderer cancels the call', async () => {
    const orgId = membership('org_admin').organizationId;
    const path = `/organizations/${orgId}/identities`;
    sandbox.faults.add({ method: 'GET', path, delayMs: 3_000 });
    const callId = randomUUID();
    const answer = services.dispatch('people:identities', { profileId, orgId }, callId);
    await vi.waitFor(() => expect(sandbox.faults.requests.some((r) => r.path === path)).toBe(true));
    await expect(ok('calls:cancel', { callId })).resolves.toEqual({ cancelled: true });
    await expect(answer).resolves.toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });

  it('passes the cancel down to the client: an invitation stopped after it was sent may exist', async () => {
    const orgId = membership('org_admin').organizationId;
    const path = `/organizations/${orgId}/invitations`;
    sandbox.faults.add({ method: 'POST', path, delayMs: 3_000 });
    const callId = randomUUID();
    const payload = { profileId, orgId, email: 'stopped@example.com', role: 'org_member' };
    const answer = services.dispatch('people:invite', payload, callId);
    await vi.waitFor(() => expect(sandbox.faults.requests.some((r) => r.path === path)).toBe(true));
    await ok('calls:cancel', { callId });
    await expect(answer).resolves.toMatchObject({ ok: false, error: { kind: 'cancelled', code: 'outcome_unknown' } });
  });
});

describe('people:roles', () => {
  it("lists the organization's roles with their label and scope, for a viewer too", async () => {
    const orgId = membership('org_viewer').organizationId;
    const roles = await ok<RoleListResponse>('people:roles', { profileId, orgId });
    const organization = roles.items.filter((r) => r.scope === 'organization').map((r) => r.name);
    expect(organization).toEqual(['org_admin', 'org_member', 'org_viewer']);
    expect(roles.items.some((r) => r.scope === 'zone')).toBe(true);
    expect(roles.items[0]?.label).toBe('Organization Administrator');
  });
});

describe('members', () => {
  it('changes a role, disables and re-enables a member, and the identities list shows it', async () => {
    const orgId = membership('org_admin').organizationId;
    const target = sandbox.state.users
      .of(orgId)
      .all()
      .find((u) => u.role === 'org_member' && u.status === 'active')!;
    const ref = { profileId, orgId, userId: target.id };
    const viewer = await ok<OrganizationUser>('people:updateMember', { ...ref, role: 'org_viewer' });
    expect(viewer).toMatchObject({ id: target.id, role: 'org_viewer', status: 'active' });
    expect(viewer.permissions?.users?.update).toBe(true);
    const disabled = await ok<OrganizationUser>('people:updateMember', { ...ref, status: 'disabled' });
    expect(disabled).toMatchObject({ role: 'org_viewer', status: 'disabled' });
    const listed = await ok<IdentityPage>('people:identities', { profileId, orgId, email: target.email });
    expect(listed.items.find((i) => i.id === target.id)).toMatchObject({ role: 'org_viewer', status: 'disabled' });
    await expect(ok('people:updateMember', { ...ref, status: 'active' })).resolves.toMatchObject({ status: 'active' });
  });

  it('refuses an update that changes nothing, and IDs that are not one path segment, by name', async () => {
    const orgId = membership('org_admin').organizationId;
    const empty = await refused('people:updateMember', { profileId, orgId, userId: 'someone' });
    expect(empty).toMatchObject({ kind: 'invalid_input', fields: [{ path: 'role' }] });
    const dots = await refused('people:removeMember', { profileId, orgId, userId: '..' });
    expect(dots.fields?.map((f) => f.path)).toEqual(['userId']);
    const slash = await refused('people:revokeInvitation', { profileId, orgId, invitationId: 'a/../b' });
    expect(slash.fields?.map((f) => f.path)).toEqual(['invitationId']);
    expect(changesSent()).toHaveLength(0);
  });

  it('removes a member', async () => {
    const orgId = membership('org_admin').organizationId;
    const target = sandbox.state.users
      .of(orgId)
      .all()
      .find((u) => u.role !== 'org_admin')!;
    await expect(ok('people:removeMember', { profileId, orgId, userId: target.id })).resolves.toEqual({
      userId: target.id,
    });
    expect(sandbox.state.users.of(orgId).get(target.id)).toBeUndefined();
    const listed = await ok<IdentityPage>('people:identities', { profileId, orgId, email: target.email });
    expect(listed.items.some((i) => i.id === target.id)).toBe(false);
  });
});

describe('the last active administrator', () => {
  it('cannot be demoted, disabled or removed until someone else is an active administrator', async () => {
    const globex = membership('org_admin', 1);
    const orgId = globex.organizationId;
    const [last, ...others] = activeAdmins(orgId);
    expect(others.length).toBeGreaterThanOrEqual(2);
    // A disabled administrator does not count: disable one of the others, demote the rest.
    const [toDisable, ...toDemote] = others;
    if (toDisable) await ok('people:updateMember', { profileId, orgId, userId: toDisable.id, status: 'disabled' });
    for (const admin of toDemote)
      await ok('people:updateMember', { profileId, orgId, userId: admin.id, role: 'org_member' });
    expect(activeAdmins(orgId).map((u) => u.id)).toEqual([last!.id]);

    sandbox.faults.clearRequests();
    const ref = { profileId, orgId, userId: last!.id };
    for (const [channel, payload] of [
      ['people:updateMember', { ...ref, role: 'org_member' }],
      ['people:updateMember', { ...ref, role: 'org_viewer', status: 'active' }],
      ['people:updateMember', { ...ref, status: 'disabled' }],
      ['people:removeMember', ref],
    ] as const) {
      const error = await refused(channel, payload);
      expect(error).toMatchObject({ kind: 'invalid_input', code: 'last_admin', fields: [{ path: 'userId' }] });
      expect(error.message).toBe(
        `${last!.email} is the only active administrator of ${globex.organizationName}; ` +
          'make someone else an administrator first',
      );
    }
    expect(changesSent()).toHaveLength(0);
    expect(sandbox.state.users.of(orgId).get(last!.id)).toMatchObject({ role: 'org_admin', status: 'active' });
    // Changes that keep them an active administrator are not refused.
    await ok('people:updateMember', { ...ref, role: 'org_admin', status: 'active' });

    const successor = sandbox.state.users
      .of(orgId)
      .all()
      .find((u) => u.role === 'org_member' && u.status === 'active')!;
    await ok('people:updateMember', { profileId, orgId, userId: successor.id, role: 'org_admin' });
    await expect(ok<OrganizationUser>('people:updateMember', { ...ref, role: 'org_member' })).resolves.toMatchObject({
      role: 'org_member',
    });
    await expect(refused('people:removeMember', { profileId, orgId, userId: successor.id })).resolves.toMatchObject({
      code: 'last_admin',
    });
  });

  it('reads every page of administrators before deciding', async () => {
    const orgId = membership('org_admin', 1).organizationId;
    const users = sandbox.state.users;
    const [keep, ...rest] = activeAdmins(orgId);
    for (const admin of rest) users.update(orgId, admin.id, { role: 'org_member' });
    // A thousand former administrators, listed after everyone seeded: the first page holds no other active one.
    const stamp = (i: number) => new Date(Date.UTC(2099, 0, 1) + i * 1000).toISOString();
    const former = (i: number, status: 'active' | 'disabled') =>
      users.add({
        organization_id: orgId,
        email: `admin.${i}@globex.example`,
        role: 'org_admin',
        status,
        source: 'https://id.keycard.ai',
        created_at: stamp(i),
        updated_at: stamp(i),
      });
    for (let i = 0; i < 1000; i++) former(i, 'disabled');
    const ref = { profileId, orgId, userId: keep!.id };
    await expect(refused('people:removeMember', ref)).resolves.toMatchObject({ code: 'last_admin' });

    // The only other active administrator is on the second page of the walk.
    former(1000, 'active');
    sandbox.faults.clearRequests();
    await expect(ok('people:removeMember', ref)).resolves.toEqual({ userId: keep!.id });
    const listed = sandbox.faults.requests.filter(
      (r) => r.method === 'GET' && r.path === `/organizations/${orgId}/users`,
    );
    expect(listed).toHaveLength(2);
  });
});

describe('invitations', () => {
  it('invites, refuses the same address again with 409, and revokes', async () => {
    const orgId = membership('org_admin').organizationId;
    const invitation = await ok<Invitation>('people:invite', {
      profileId,
      orgId,
      email: ' grace.hopper@navy.example ',
      role: 'org_member',
    });
    expect(invitation).toMatchObject({ email: 'grace.hopper@navy.example', status: 'pending', role: 'org_member' });
    const pending = await ok<IdentityPage>('people:identities', { profileId, orgId, email: 'grace.hopper' });
    expect(pending.items).toEqual([expect.objectContaining({ id: invitation.id, type: 'invitation' })]);

    const again = await refused('people:invite', {
      profileId,
      orgId,
      email: 'grace.hopper@navy.example',
      role: 'org_admin',
    });
    expect(again).toMatchObject({ kind: 'api', status: 409, code: 'already_invited' });
    const member = sandbox.state.users.of(orgId).all()[2]!.email!;
    const joined = await refused('people:invite', {
      profileId,
      orgId,
      email: member.toUpperCase(),
      role: 'org_member',
    });
    expect(joined).toMatchObject({ kind: 'api', status: 409, code: 'already_member' });

    await expect(ok('people:revokeInvitation', { profileId, orgId, invitationId: invitation.id })).resolves.toEqual({
      invitationId: invitation.id,
    });
    const revoked = await ok<IdentityPage>('people:identities', { profileId, orgId, email: 'grace.hopper' });
    expect(revoked.items.find((i) => i.id === invitation.id)?.status).toBe('revoked');
  });

  it('refuses a malformed address by name, before anything is sent', async () => {
    const orgId = membership('org_admin').organizationId;
    for (const email of ['not-an-address', 'evil\u202E@x.example', '']) {
      const error = await refused('people:invite', { profileId, orgId, email, role: 'org_member' });
      expect(error).toMatchObject({ kind: 'invalid_input', fields: [{ path: 'email' }] });
    }
    const role = await refused('people:invite', { profileId, orgId, email: 'a@b.example', role: 'owner' });
    expect(role.fields?.map((f) => f.path)).toEqual(['role']);
    expect(sandbox.faults.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('never sends an invitation twice: a lost answer says the outcome is unknown', async () => {
    const orgId = membership('org_admin').organizationId;
    const path = `/organizations/${orgId}/invitations`;
    sandbox.faults.add({ method: 'POST', path, dropConnection: true, times: 3 });
    const error = await refused('people:invite', {
      profileId,
      orgId,
      email: 'once.only@example.com',
      role: 'org_viewer',
    });
    expect(error).toMatchObject({ kind: 'network', code: 'outcome_unknown' });
    expect(error.message).toMatch(/may have been sent/);
    expect(sandbox.faults.requests.filter((r) => r.method === 'POST' && r.path === path)).toHaveLength(1);
  });
});

describe('a viewer', () => {
  it('gets 403 from the server for every change, shown as kind api', async () => {
    const orgId = membership('org_viewer').organizationId;
    const member = sandbox.state.users
      .of(orgId)
      .all()
      .find((u) => u.role !== 'org_admin')!;
    const open = sandbox.state.invitations
      .of(orgId)
      .all()
      .find((i) => i.status === 'pending')!;
    const attempts: Array<[string, object]> = [
      ['people:updateMember', { userId: member.id, role: 'org_admin' }],
      ['people:removeMember', { userId: member.id }],
      ['people:invite', { email: 'x@y.example', role: 'org_member' }],
      ['people:revokeInvitation', { invitationId: open.id }],
    ];
    for (const [channel, fields] of attempts) {
      const error = await refused(channel, { profileId, orgId, ...fields });
      expect(error).toMatchObject({ kind: 'api', status: 403 });
      expect(error.requestId).toBeTruthy();
    }
    expect(sandbox.state.users.of(orgId).get(member.id)).toEqual(member);
    const page = await ok<IdentityPage>('people:identities', { profileId, orgId, limit: 1 });
    expect(page.permissions?.users).toMatchObject({ update: false, delete: false });
  });
});
