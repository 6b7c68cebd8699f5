import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiNotFoundError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  PermissionDeniedError,
  UnprocessableEntityError,
  closeAllPools,
  createKeycardClient,
  type KeycardClient,
} from '../../src/main/api';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';
import { sandboxLogin } from './support/sandbox-client';
import { membershipOf } from './support/dispatch';

/** People (members, invitations, roles, identities) through the API client against the sandbox over HTTP. */
const USERS_PER_ORG = 250;
const SEEDED_INVITATIONS = 6;

let sandbox: RunningSandbox;
let client: KeycardClient;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { usersPerOrg: USERS_PER_ORG } });
});
afterAll(async () => {
  await sandbox?.close();
  await closeAllPools();
});
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.faults.clearRequests();
  client = sandboxLogin(sandbox, sandbox.primaryCredential.clientId, sandbox.primaryCredential.clientSecret);
});

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('identities', () => {
  it('walks every member and invitation with the total count, in pages', async () => {
    const org = membershipOf(sandbox, 'org_admin').organizationId;
    const first = await client.organizations.identities.list(org, { limit: 50, expand: ['total_count'] });
    expect(first.items).toHaveLength(50);
    expect(first.pagination.total_count).toBe(USERS_PER_ORG + SEEDED_INVITATIONS);
    expect(first.pagination.after_cursor).toBe(first.page_info.end_cursor);
    const all = await client.organizations.identities.listAll(org, { limit: 100 });
    expect(all.items).toHaveLength(USERS_PER_ORG + SEEDED_INVITATIONS);
    expect(new Set(all.items.map((i) => i.id)).size).toBe(all.items.length);
    expect(all.permissions?.invitations?.create).toBe(true);
    expect(sandbox.faults.requests.filter((r) => r.path.endsWith('/identities'))).toHaveLength(4);
  });

  it('filters by email (case-insensitive substring, sent percent-encoded) and by role, counting the matches', async () => {
    const org = membershipOf(sandbox, 'org_admin').organizationId;
    const page = await client.organizations.identities.list(org, {
      email: 'GUEST.',
      role: 'org_viewer',
      expand: ['total_count'],
    });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.type === 'invitation' && i.role === 'org_viewer')).toBe(true);
    expect(page.pagination.total_count).toBe(page.items.length);
    const tooLong = await failure(client.organizations.identities.list(org, { email: 'a'.repeat(255) }));
    expect(tooLong).toBeInstanceOf(BadRequestError);
  });

  it('answers 404 for an organization the caller is not a member of', async () => {
    const acme = membershipOf(sandbox, 'org_admin');
    const [, acmeOnly] = sandbox.credentials;
    const outsider = sandboxLogin(sandbox, acmeOnly!.clientId, acmeOnly!.clientSecret);
    const globex = sandbox.primaryCredential.memberships[1]!.organizationId;
    expect(acmeOnly!.memberships.map((m) => m.organizationId)).toEqual([acme.organizationId]);
    expect(await failure(outsider.organizations.identities.list(globex))).toBeInstanceOf(ApiNotFoundError);
    expect(await failure(outsider.organizations.roles.list(globex))).toBeInstanceOf(ApiNotFoundError);
    const someone = sandbox.state.users.of(globex).all()[1]!;
    expect(
      await failure(outsider.organizations.users.update(globex, someone.id, { status: 'disabled' })),
    ).toBeInstanceOf(ApiNotFoundError);
    expect(sandbox.state.users.of(globex).get(someone.id)?.status).toBe(someone.status);
  });
});

describe('roles', () => {
  it('lists organization roles for the picker and zone roles for reference', async () => {
    const org = membershipOf(sandbox, 'org_viewer').organizationId;
    const organization = await client.organizations.roles.list(org, { scope: 'organization' });
    expect(organization.items.map((r) => r.name)).toEqual(['org_admin', 'org_member', 'org_viewer']);
    expect(organization.items[0]?.label).toBe('Organization Administrator');
    const zone = await client.organizations.roles.list(org, { scope: 'zone' });
    expect(zone.items.length).toBeGreaterThan(0);
    expect(zone.items.every((r) => r.scope === 'zone')).toBe(true);
  });
});

describe('members', () => {
  it('changes a role, disables and re-enables, then removes a member', async () => {
    const org = membershipOf(sandbox, 'org_admin').organizationId;
    const target = (await client.organizations.users.list(org, { role: 'org_member', limit: 1 })).items[0]!;
    const promoted = await client.organizations.users.update(org, target.id, { role: 'org_admin' });
    expect(promoted).toMatchObject({ id: target.id, role: 'org_admin', status: target.status });
    expect(promoted.permissions?.users?.update).toBe(true);
    expect((await client.organizations.users.update(org, target.id, { status: 'disabled' })).status).toBe('disabled');
    const listed = await client.organizations.identities.list(org, { email: target.email!, expand: ['total_count'] });
    expect(listed.items.find((i) => i.id === target.id)).toMatchObject({ status: 'disabled', role: 'org_admin' });
    expect((await client.organizations.users.update(org, target.id, { status: 'active' })).status).toBe('active');

    await client.organizations.users.delete(org, target.id);
    expect(await failure(client.organizations.users.retrieve(org, target.id))).toBeInstanceOf(ApiNotFoundError);
    const after = await client.organizations.identities.list(org, { email: target.email!, expand: ['total_count'] });
    expect(after.items.some((i) => i.id === target.id)).toBe(false);
  });

  it('refuses every change to a viewer with 403 and leaves the member as it was', async () => {
    const org = membershipOf(sandbox, 'org_viewer').organizationId;
    const target = sandbox.state.users.of(org).all()[2]!;
    expect(await failure(client.organizations.users.update(org, target.id, { role: 'org_admin' }))).toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(await failure(client.organizations.users.delete(org, target.id))).toBeInstanceOf(PermissionDeniedError);
    expect(sandbox.state.users.of(org).get(target.id)).toEqual(target);
    const listed = await client.organizations.identities.list(org, { limit: 1 });
    expect(listed.permissions?.users).toMatchObject({ update: false, delete: false });
    expect(listed.permissions?.invitations).toMatchObject({ create: false, delete: false });
  });
});

describe('invitations', () => {
  it('invites, refuses a duplicate or a member with 409, revokes, and shows it revoked', async () => {
    const org = membershipOf(sandbox, 'org_admin').organizationId;
    const invitation = await client.organizations.invitations.create(org, {
      email: 'grace.hopper@navy.example',
      role: 'org_member',
    });
    expect(invitation).toMatchObject({ status: 'pending', role: 'org_member', organization_id: org });
    const pending = await client.organizations.identities.list(org, { email: 'grace.hopper' });
    expect(pending.items).toEqual([
      expect.objectContaining({ id: invitation.id, type: 'invitation', status: 'pending' }),
    ]);

    const again = client.organizations.invitations.create(org, {
      email: 'Grace.Hopper@navy.example',
      role: 'org_admin',
    });
    expect(await failure(again)).toBeInstanceOf(ConflictError);
    const member = sandbox.state.users.of(org).all()[0]!.email!;
    expect(
      await failure(client.organizations.invitations.create(org, { email: member, role: 'org_member' })),
    ).toBeInstanceOf(ConflictError);

    await client.organizations.invitations.delete(org, invitation.id);
    const all = await client.organizations.invitations.listAll(org, { limit: 3 });
    expect(all.items.find((i) => i.id === invitation.id)?.status).toBe('revoked');
    expect(await failure(client.organizations.invitations.delete(org, invitation.id))).toBeInstanceOf(ConflictError);
  });

  it('tells an address already a member (already_member) from one already invited (already_invited), whatever its case', async () => {
    const org = membershipOf(sandbox, 'org_admin').organizationId;
    const invitations = sandbox.state.invitations.of(org);
    await client.organizations.invitations.create(org, { email: 'Ada.Lovelace@Engine.example', role: 'org_viewer' });
    const before = invitations.size;

    const invited = await failure(
      client.organizations.invitations.create(org, { email: 'ada.lovelace@ENGINE.example', role: 'org_member' }),
    );
    expect(invited).toBeInstanceOf(ConflictError);
    expect(invited).toMatchObject({ status: 409, code: 'already_invited' });

    const member = sandbox.state.users.of(org).all()[3]!.email!;
    for (const spelling of [member, member.toUpperCase(), ` ${member.replace(/^./, (c) => c.toUpperCase())} `]) {
      const refused = await failure(
        client.organizations.invitations.create(org, { email: spelling, role: 'org_member' }),
      );
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused).toMatchObject({ status: 409, code: 'already_member' });
    }
    expect(invitations.size).toBe(before);
  });

  it('refuses a malformed address at the server too (the client sends what it is given)', async () => {
    const org = membershipOf(sandbox, 'org_admin').organizationId;
    const err = await failure(
      client.organizations.invitations.create(org, { email: 'evil\u202E@x.example', role: 'org_member' }),
    );
    expect(err).toBeInstanceOf(UnprocessableEntityError);
  });

  it('refuses invitations to a viewer with 403', async () => {
    const org = membershipOf(sandbox, 'org_viewer').organizationId;
    const err = await failure(
      client.organizations.invitations.create(org, { email: 'x@y.example', role: 'org_member' }),
    );
    expect(err).toBeInstanceOf(PermissionDeniedError);
    const open = sandbox.state.invitations.of(org).all()[0]!;
    expect(await failure(client.organizations.invitations.delete(org, open.id))).toBeInstanceOf(PermissionDeniedError);
  });

  it('never sends an invitation twice when the connection drops', async () => {
    const org = membershipOf(sandbox, 'org_admin').organizationId;
    const invitationsPath = `/organizations/${org}/invitations`;
    const before = sandbox.state.invitations.of(org).size;
    sandbox.faults.add({ method: 'POST', path: invitationsPath, dropConnection: true, times: 3 });
    const err = await failure(
      client.organizations.invitations.create(org, { email: 'once.only@example.com', role: 'org_viewer' }),
    );
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).message).toMatch(/may have been sent/);
    expect(sandbox.faults.requests.filter((r) => r.method === 'POST' && r.path === invitationsPath)).toHaveLength(1);
    expect(sandbox.state.invitations.of(org).size).toBe(before);
  });

  it('shows and accepts an invitation by its link token without logging in', async () => {
    const org = membershipOf(sandbox, 'org_admin');
    const invitation = await client.organizations.invitations.create(org.organizationId, {
      email: 'ada.joins@example.com',
      role: 'org_viewer',
    });
    const token = sandbox.state.invitations.of(org.organizationId).get(invitation.id)!.token;
    const anonymous = createKeycardClient({
      baseUrl: sandbox.url,
      // Asked for a token, this client fails: the link's calls must not log in.
      credentials: {
        type: 'bearer',
        getToken: async () => {
          throw new Error('the invitation link needs no login');
        },
      },
      timeoutMs: 5_000,
    });
    const shown = await anonymous.invitations.retrieve(token);
    expect(shown).toMatchObject({
      email: 'ada.joins@example.com',
      status: 'pending',
      organization_name: org.organizationName,
    });
    const accepted = await anonymous.invitations.accept(token);
    expect(accepted).toMatchObject({ success: true, organization_id: org.organizationId });
    const member = await client.organizations.users.retrieve(org.organizationId, accepted.user_id!);
    expect(member).toMatchObject({ email: 'ada.joins@example.com', role: 'org_viewer', status: 'active' });
    expect(await failure(anonymous.invitations.accept(token))).toBeInstanceOf(ConflictError);
  });
});
