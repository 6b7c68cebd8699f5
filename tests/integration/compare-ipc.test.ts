import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import type { SaveFileRequest } from '../../src/main/people/people-export';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';
import type { CompareExportResult, CompareResult } from '../../src/shared/ipc/compare';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import type { OrganizationRole } from '../../src/shared/api/users';
import { MemorySecretStore } from '../support/memory-secret-store';
import { ipcCaller, membershipOf } from './support/dispatch';

/**
 * `compare:run` and `compare:export` through `dispatch`. Side A is Acme Robotics on one sandbox,
 * side B the same seed's Acme Robotics on a second sandbox (another server, another credential),
 * changed here in known ways.
 */
let first: RunningSandbox;
let second: RunningSandbox;
let services: AppServices;
let userDataDir: string;
let profileA: string;
let profileB: string;
let acmeA: string;
let acmeB: string;

const asked: SaveFileRequest[] = [];
let answer: (request: SaveFileRequest) => string | undefined = () => undefined;

const { ok, refused } = ipcCaller(() => services);

const stamp = '2026-06-01T00:00:00.000Z';
const acmeOf = (sandbox: RunningSandbox) => membershipOf(sandbox, 'org_admin').organizationId;

function addMember(sandbox: RunningSandbox, orgId: string, email: string, role: OrganizationRole = 'org_member') {
  return sandbox.state.users.add({
    organization_id: orgId,
    email,
    role,
    status: 'active',
    source: 'https://id.keycard.ai',
    created_at: stamp,
    updated_at: stamp,
  });
}

async function createProfile(name: string, sandbox: RunningSandbox): Promise<string> {
  const profile = await ok<ProfileView>('profiles:create', {
    name,
    baseUrl: sandbox.url,
    color: '#16a34a',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  return profile.id;
}

beforeAll(async () => {
  [first, second] = await Promise.all([startSandbox(), startSandbox()]);
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-compare-'));
  services = await createAppServices({
    userDataDir,
    secretStore: new MemorySecretStore(),
    appVersion: '0.1.0-test',
    saveFile: async (request) => {
      asked.push(request);
      return answer(request);
    },
  });
  profileA = await createProfile('Production', first);
  profileB = await createProfile('Staging', second);
  acmeA = acmeOf(first);
  acmeB = acmeOf(second);

  // The known differences, all made on B.
  const users = second.state.users.of(acmeB).all();
  const [promoted, disabled, removed] = users.filter((user) => user.role !== 'org_admin');
  second.state.users.update(acmeB, promoted!.id, { role: 'org_admin' });
  second.state.users.update(acmeB, disabled!.id, { status: 'disabled' });
  second.state.users.remove(acmeB, removed!.id);
  addMember(second, acmeB, 'Only.In.Staging@Example.com');
  second.state.invitations.create({
    organization_id: acmeB,
    email: 'invited.in.staging@example.com',
    role: 'org_viewer',
    created_by: users[0]!.id,
    at: stamp,
    expires_at: '2099-01-01T00:00:00.000Z',
  });
  second.state.serviceAccounts.create({ organization_id: acmeB, name: 'staging-only', description: 'for tests' });
  const shared = second.state.serviceAccounts.of(acmeB)[0];
  if (shared) second.state.serviceAccounts.update(shared.id, { description: 'changed in staging' });
  second.state.enableSso(acmeB, {
    identifier: 'https://login.example.com',
    client_id: 'orgdesk-staging',
    client_secret: 'sso-secret-never-shown-4b1d',
    protocols: { oauth2: { scopes_supported: ['openid', 'email'], code_challenge_methods_supported: ['S256'] } },
  });
}, 30_000);

afterAll(async () => {
  await services?.dispose();
  await Promise.all([first?.close(), second?.close()]);
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const sandbox of [first, second]) {
    sandbox.faults.clear();
    sandbox.faults.clearRequests();
  }
  asked.length = 0;
  answer = () => undefined;
});

describe('compare:run', () => {
  it('compares one organization on two servers under two profiles, with the differences made there', async () => {
    const result = await ok<CompareResult>('compare:run', {
      a: { profileId: profileA, orgId: acmeA },
      b: { profileId: profileB, orgId: acmeB },
    });
    expect(result.a).toMatchObject({ profileName: 'Production', orgName: 'Acme Robotics', orgId: acmeA });
    expect(result.b).toMatchObject({ profileName: 'Staging', orgName: 'Acme Robotics', orgId: acmeB });

    const usersA = first.state.users.of(acmeA).all();
    const usersB = second.state.users.of(acmeB).all();
    const removedEmail = usersA.find((user) => !usersB.some((other) => other.id === user.id))!.email!;
    const members = result.members.diff!;
    const byEmail = new Map(members.differences.map((row) => [row.email.toLowerCase(), row]));
    expect(byEmail.get(removedEmail.toLowerCase())).toMatchObject({ b: null, fields: [] });
    expect(byEmail.get('only.in.staging@example.com')).toMatchObject({
      email: 'Only.In.Staging@Example.com',
      a: null,
      b: { type: 'user', role: 'org_member', status: 'active' },
    });
    expect(byEmail.get('invited.in.staging@example.com')).toMatchObject({
      a: null,
      b: { type: 'invitation', role: 'org_viewer', status: 'pending' },
    });
    const changed = members.differences.filter((row) => row.a && row.b);
    expect(changed.map((row) => row.fields).sort()).toEqual([['role'], ['status']]);
    expect(members.differences).toHaveLength(5);
    expect(members.same.count).toBe(members.counted.a - 3);
    expect(members.same.count).toBeGreaterThan(0);

    const accounts = result.serviceAccounts.diff!;
    expect(accounts.differences.find((row) => row.name === 'staging-only')).toMatchObject({ a: null });
    expect(accounts.differences.filter((row) => row.fields.includes('description'))).toHaveLength(1);

    const sso = result.sso.diff!;
    expect(sso.fields.filter((field) => !field.same).map((field) => field.field)).toEqual([
      'enabled',
      'identifier',
      'client_id',
      'client_secret_set',
      'scopes_supported',
      'code_challenge_methods_supported',
    ]);
    expect(JSON.stringify(result)).not.toContain('sso-secret-never-shown');
    expect(result.members.unreadable).toEqual([]);
  });

  it('finds nothing different between an organization and itself', async () => {
    const ref = { profileId: profileA, orgId: acmeA };
    const result = await ok<CompareResult>('compare:run', { a: ref, b: ref });
    expect(result.members.diff!.differences).toEqual([]);
    expect(result.serviceAccounts.diff!.differences).toEqual([]);
    expect(result.sso.diff!.fields.every((field) => field.same)).toBe(true);
  });

  it('says which sections a viewer cannot read, and still compares the members', async () => {
    const umbrella = membershipOf(first, 'org_viewer').organizationId;
    const result = await ok<CompareResult>('compare:run', {
      a: { profileId: profileA, orgId: acmeA },
      b: { profileId: profileA, orgId: umbrella },
    });
    expect(result.members.diff).not.toBeNull();
    for (const section of [result.serviceAccounts, result.sso]) {
      expect(section.diff).toBeNull();
      expect(section.unreadable).toEqual([
        { side: 'b', profileName: 'Production', reason: expect.stringMatching(/org_viewer/) },
      ]);
    }
  });

  it('answers 10,000 members on each side as the differences and a count, walking every page', async () => {
    const globexA = membershipOf(first, 'org_admin', 1).organizationId;
    const globexB = membershipOf(second, 'org_admin', 1).organizationId;
    for (let i = 0; i < 10_000; i++) {
      addMember(first, globexA, `scale.${i}@globex.example`);
      // Every hundredth is a viewer on B.
      addMember(second, globexB, `scale.${i}@globex.example`, i % 100 === 0 ? 'org_viewer' : 'org_member');
    }
    const result = await ok<CompareResult>('compare:run', {
      a: { profileId: profileA, orgId: globexA },
      b: { profileId: profileB, orgId: globexB },
    });
    const members = result.members.diff!;
    expect(members.counted.a).toBeGreaterThan(10_000);
    expect(members.differences).toHaveLength(100);
    expect(members.same.count).toBe(members.counted.a - 100);
    // 100 differences and a bounded sample of the ~9,900 that match: a few tens of KB, not a megabyte.
    expect(JSON.stringify(result).length).toBeLessThan(30_000);
    const pages = (sandbox: RunningSandbox, orgId: string) =>
      sandbox.faults.requests.filter((r) => r.path === `/organizations/${orgId}/identities`).length;
    expect(pages(first, globexA)).toBe(1 + Math.ceil(members.counted.a / 1000));
    expect(pages(second, globexB)).toBe(1 + Math.ceil(members.counted.b / 1000));
  }, 60_000);

  it('fails as a whole when an organization is not there, naming it', async () => {
    const error = await refused('compare:run', {
      a: { profileId: profileA, orgId: acmeA },
      b: { profileId: profileB, orgId: 'no-such-org' },
    });
    expect(error).toMatchObject({ kind: 'api', status: 404 });
    expect(error.message).toContain('no-such-org');
  });

  it('refuses a reference that is not one path segment by name, before asking either server', async () => {
    const error = await refused('compare:run', {
      a: { profileId: profileA, orgId: acmeA },
      b: { profileId: profileB, orgId: '../users' },
    });
    expect(error).toMatchObject({ kind: 'invalid_input', fields: [{ path: 'b.orgId' }] });
    expect([...first.faults.requests, ...second.faults.requests]).toHaveLength(0);
  });

  it('stops both walks when the window cancels the call', async () => {
    const path = `/organizations/${acmeB}/identities`;
    second.faults.add({ method: 'GET', path, delayMs: 3_000 });
    const callId = randomUUID();
    const answered = services.dispatch(
      'compare:run',
      { a: { profileId: profileA, orgId: acmeA }, b: { profileId: profileB, orgId: acmeB } },
      callId,
    );
    await vi.waitFor(() => expect(second.faults.requests.some((r) => r.path === path)).toBe(true));
    await expect(ok('calls:cancel', { callId })).resolves.toEqual({ cancelled: true });
    await expect(answered).resolves.toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });
});

describe('compare:export', () => {
  const input = (format: 'csv' | 'json') => ({
    a: { profileId: profileA, orgId: 'acme-robotics' },
    b: { profileId: profileB, orgId: 'acme-robotics' },
    format,
  });

  it('asks where to save first: a cancelled dialog answers saved: false and sends nothing', async () => {
    expect(await ok<CompareExportResult>('compare:export', input('csv'))).toEqual({ saved: false });
    expect(asked).toEqual([
      {
        defaultName: expect.stringMatching(/^acme-robotics-vs-acme-robotics-compare-\d{4}-\d\d-\d\d\.csv$/),
        format: 'csv',
      },
    ]);
    expect([...first.faults.requests, ...second.faults.requests]).toHaveLength(0);
  });

  it('writes the differences as CSV, and the whole comparison as JSON, with no secret', async () => {
    const dir = await mkdtemp(join(userDataDir, 'exports-'));
    answer = ({ defaultName }) => join(dir, defaultName);
    const csv = await ok<CompareExportResult>('compare:export', input('csv'));
    const json = await ok<CompareExportResult>('compare:export', input('json'));
    if (!csv.saved || !json.saved) throw new Error('not saved');
    expect(csv.differences).toBe(5 + 2 + 6);
    expect(json.differences).toBe(csv.differences);

    const rows = parse(await readFile(csv.path, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.find((row) => row.item === 'Only.In.Staging@Example.com')).toMatchObject({
      section: 'members',
      difference: 'only_in_b',
      b: 'member, org_member, active',
    });
    expect(rows.find((row) => row.section === 'sso' && row.item === 'client_id')).toMatchObject({
      difference: 'differs',
      a: '',
      b: 'orgdesk-staging',
    });
    const written = JSON.parse(await readFile(json.path, 'utf8')) as CompareResult;
    expect(written.b.profileName).toBe('Staging');
    for (const file of await readdir(dir)) {
      expect(await readFile(join(dir, file), 'utf8')).not.toContain('sso-secret-never-shown');
    }
    expect((await readdir(dir)).sort()).toEqual([csv.path, json.path].map((path) => path.slice(dir.length + 1)).sort());
  });
});
