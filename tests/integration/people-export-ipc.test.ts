import { parse } from 'csv-parse/sync';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../src/shared/api/identities';
import type { InvitationList, PeopleExportResult } from '../../src/shared/ipc/people';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import type { SaveFileRequest } from '../../src/main/people/people-export';
import { startSandbox, type RunningSandbox, type SandboxMembership } from '../../src/main/sandbox/server';
import { MemorySecretStore } from '../support/memory-secret-store';
import { ipcCaller, membershipOf } from './support/dispatch';

/** `people:invitations` and `people:export` end to end through `dispatch`, against a sandbox over HTTP. */
let sandbox: RunningSandbox;
let services: AppServices;
let userDataDir: string;
/** Where exports go: a folder of its own per test. */
let exportDir: string;
let profileId: string;

/** What the stand-in for the save dialog was asked, and what it answers next. */
const asked: SaveFileRequest[] = [];
let answer: (request: SaveFileRequest) => string | undefined = () => undefined;

const { ok, refused } = ipcCaller(() => services);
const membership = (role: SandboxMembership['role'], nth = 0) => membershipOf(sandbox, role, nth);

/** Every identity of the organization as the sandbox holds it, its status read now. */
function identitiesOf(orgId: string): Identity[] {
  const users = sandbox.state.users
    .of(orgId)
    .all()
    .map((u): Identity => ({
      id: u.id,
      type: 'user',
      email: u.email ?? '',
      role: u.role,
      status: u.status,
      source: u.source,
      created_at: u.created_at,
      updated_at: u.updated_at,
    }));
  const invitations = sandbox.state.invitations
    .of(orgId)
    .all()
    .map((i): Identity => ({
      id: i.id,
      type: 'invitation',
      email: i.email,
      role: i.role,
      status: sandbox.state.invitations.statusOf(i),
      created_at: i.created_at,
      updated_at: i.updated_at,
    }));
  return [...users, ...invitations];
}

function readCsv(text: string): Array<Record<string, string>> {
  return parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
}

const sent = () => sandbox.faults.requests;
const walked = (orgId: string, resource: string) =>
  sent().filter((r) => r.method === 'GET' && r.path === `/organizations/${orgId}/${resource}`);

beforeAll(async () => {
  sandbox = await startSandbox();
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-people-export-'));
  services = await createAppServices({
    userDataDir,
    secretStore: new MemorySecretStore(),
    appVersion: '0.1.0-test',
    saveFile: async (request) => {
      asked.push(request);
      return answer(request);
    },
  });
  const profile = await ok<ProfileView>('profiles:create', {
    name: 'Export',
    baseUrl: sandbox.url,
    color: '#16a34a',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  profileId = profile.id;

  // Globex gets 1,500 more members and 1,200 more invitations: both lists run past one page of 1,000.
  const globex = membership('org_admin', 1).organizationId;
  const creator = sandbox.state.users.of(globex).all()[0]!.id;
  const stamp = (i: number) => new Date(Date.UTC(2026, 5, 1) + i * 1000).toISOString();
  for (let i = 0; i < 1500; i++) {
    sandbox.state.users.add({
      organization_id: globex,
      email: `member.${i}@globex.example`,
      role: i % 3 === 0 ? 'org_viewer' : 'org_member',
      status: i % 7 === 0 ? 'disabled' : 'active',
      source: 'https://id.keycard.ai',
      created_at: stamp(i),
      updated_at: stamp(i),
    });
  }
  for (let i = 0; i < 1200; i++) {
    sandbox.state.invitations.create({
      organization_id: globex,
      email: `invitee.${i}@elsewhere.example`,
      role: 'org_member',
      created_by: creator,
      at: stamp(2000 + i),
      // Every fourth one expired a day after it was sent; the rest are open for years.
      expires_at: i % 4 === 0 ? stamp(2000 + i + 86_400) : '2099-01-01T00:00:00.000Z',
    });
  }
}, 30_000);

afterAll(async () => {
  await services?.dispose();
  await sandbox?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  sandbox.faults.clear();
  sandbox.faults.clearRequests();
  asked.length = 0;
  answer = () => undefined;
  exportDir = await mkdtemp(join(userDataDir, 'exports-'));
});

describe('people:invitations', () => {
  it('answers every invitation across pages, with only the fields the table joins', async () => {
    const orgId = membership('org_admin', 1).organizationId;
    const { items } = await ok<InvitationList>('people:invitations', { profileId, orgId });
    const stored = sandbox.state.invitations.of(orgId).all();
    expect(items).toHaveLength(stored.length);
    expect(stored.length).toBeGreaterThan(1000);
    expect(walked(orgId, 'invitations')).toHaveLength(Math.ceil(stored.length / 1000));

    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['created_at', 'email', 'expires_at', 'id', 'role', 'status']);
    }
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const invitation of stored) {
      expect(byId.get(invitation.id)).toEqual({
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        status: sandbox.state.invitations.statusOf(invitation),
        expires_at: invitation.expires_at,
        created_at: invitation.created_at,
      });
    }
    expect(items.filter((item) => item.status === 'expired').length).toBeGreaterThanOrEqual(300);
  });

  it('refuses an organization that is not one path segment by name, before asking the server', async () => {
    const error = await refused('people:invitations', { profileId, orgId: '../users' });
    expect(error).toMatchObject({ kind: 'invalid_input', fields: [{ path: 'orgId' }] });
    expect(sent()).toHaveLength(0);
  });
});

describe('people:export', () => {
  it('asks where to save first: a cancelled dialog answers saved: false and sends nothing', async () => {
    const acme = membership('org_admin');
    const result = await ok<PeopleExportResult>('people:export', {
      profileId,
      orgId: acme.organizationLabel,
      format: 'csv',
    });
    expect(result).toEqual({ saved: false });
    expect(asked).toEqual([
      {
        defaultName: expect.stringMatching(new RegExp(`^${acme.organizationLabel}-people-\\d{4}-\\d\\d-\\d\\d\\.csv$`)),
        format: 'csv',
      },
    ]);
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
    expect(asked[0]!.defaultName).toContain(day);
    expect(sent()).toHaveLength(0);
    expect(await readdir(exportDir)).toEqual([]);
  });

  it('writes every page of people to CSV, each invitation with its expiry, and no secret', async () => {
    const globex = membership('org_admin', 1);
    const orgId = globex.organizationId;
    answer = ({ defaultName }) => join(exportDir, defaultName);
    const result = await ok<PeopleExportResult>('people:export', {
      profileId,
      orgId: globex.organizationLabel,
      format: 'csv',
    });

    const expected = identitiesOf(orgId);
    expect(expected.length).toBeGreaterThan(2500);
    expect(result).toEqual({ saved: true, path: join(exportDir, asked[0]!.defaultName), count: expected.length });
    if (!result.saved) return;
    expect(await readdir(exportDir)).toEqual([asked[0]!.defaultName]);

    const text = await readFile(result.path, 'utf8');
    const rows = readCsv(text);
    expect(rows).toHaveLength(expected.length);
    // Without a sort the rows keep the server's order.
    expect(rows.map((row) => row.id)).toEqual(expected.sort(byServerOrder).map((identity) => identity.id));
    const invitations = new Map(
      sandbox.state.invitations
        .of(orgId)
        .all()
        .map((i) => [i.id, i]),
    );
    for (const row of rows) {
      const invitation = invitations.get(row.id!);
      expect(row.expires_at).toBe(invitation?.expires_at ?? '');
    }
    const first = rows.find((row) => row.type === 'user')!;
    const user = sandbox.state.users.of(orgId).get(first.id!)!;
    expect(first).toEqual({
      email: user.email,
      type: 'user',
      role: user.role,
      status: user.status,
      source: user.source,
      created_at: user.created_at,
      updated_at: user.updated_at,
      id: user.id,
      expires_at: '',
    });

    // One request for the count, then pages of 1,000 of each list, all addressed by the label given.
    const label = globex.organizationLabel;
    expect(walked(label, 'identities')).toHaveLength(1 + Math.ceil(expected.length / 1000));
    expect(walked(label, 'invitations')).toHaveLength(Math.ceil(invitations.size / 1000));
    for (const credential of sandbox.credentials) expect(text).not.toContain(credential.clientSecret);
    expect(text).not.toContain('permissions');
  });

  it('applies the filters: email and role on the server, status and sort in main, to JSON', async () => {
    const orgId = membership('org_admin', 1).organizationId;
    answer = () => join(exportDir, 'filtered.json');
    const filters = { email: ' .1', role: 'org_member', status: 'expired' } as const;
    const result = await ok<PeopleExportResult>('people:export', {
      profileId,
      orgId,
      format: 'json',
      ...filters,
      sort: { column: 'email', direction: 'desc' },
    });
    const expected = identitiesOf(orgId)
      .filter((i) => i.email.toLowerCase().includes('.1') && i.role === 'org_member' && i.status === 'expired')
      .sort((a, b) => (a.email.toLowerCase() < b.email.toLowerCase() ? 1 : -1));
    expect(expected.length).toBeGreaterThan(10);
    expect(result).toEqual({ saved: true, path: join(exportDir, 'filtered.json'), count: expected.length });

    const written = JSON.parse(await readFile(join(exportDir, 'filtered.json'), 'utf8')) as Array<
      Record<string, unknown>
    >;
    expect(written.map((row) => row.email)).toEqual(expected.map((i) => i.email));
    expect(written.every((row) => row.type === 'invitation' && typeof row.expires_at === 'string')).toBe(true);
    expect(written.some((row) => 'permissions' in row)).toBe(false);
    // The server filtered: the count and one page, where the whole list would take three more.
    expect(walked(orgId, 'identities')).toHaveLength(2);
  });

  it('leaves no file and no temporary file when the walk fails halfway', async () => {
    const orgId = membership('org_admin', 1).organizationId;
    answer = () => join(exportDir, 'people.csv');
    // The identities are all read; the invitations list then fails for good.
    sandbox.faults.add({ method: 'GET', path: `/organizations/${orgId}/invitations`, status: 404 });
    const error = await refused('people:export', { profileId, orgId, format: 'csv' });
    expect(error).toMatchObject({ kind: 'api', status: 404 });
    expect(walked(orgId, 'identities').length).toBeGreaterThan(2);
    expect(await readdir(exportDir)).toEqual([]);
  });

  it('leaves what was there, and no temporary file, when the file cannot be written', async () => {
    const orgId = membership('org_admin').organizationId;
    // A folder (not empty) where the file should go: the write succeeds, the rename cannot.
    const target = join(exportDir, 'people.csv');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'kept');
    answer = () => target;
    const error = await refused('people:export', { profileId, orgId, format: 'csv' });
    expect(error).toMatchObject({ kind: 'file', code: 'write_failed' });
    expect(error.message).toContain(target);
    expect(await readdir(exportDir)).toEqual(['people.csv']);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('kept');
  });

  it('refuses bad filters by name before showing the dialog', async () => {
    const orgId = membership('org_admin').organizationId;
    const error = await refused('people:export', {
      profileId,
      orgId,
      format: 'xlsx',
      email: 'a\u202Eb',
      role: 'owner',
      status: 'gone',
      sort: { column: 'permissions', direction: 'up' },
    });
    expect(error.kind).toBe('invalid_input');
    expect(error.fields?.map((f) => f.path).sort()).toEqual([
      'email',
      'format',
      'role',
      'sort.column',
      'sort.direction',
      'status',
    ]);
    expect(asked).toEqual([]);
    expect(sent()).toHaveLength(0);
  });

  it('says by name that it cannot export where no save dialog can open', async () => {
    const bare = await createAppServices({
      userDataDir: await mkdtemp(join(userDataDir, 'bare-')),
      secretStore: new MemorySecretStore(),
    });
    try {
      const profile = await bare.dispatch('profiles:addSandbox', undefined);
      if (!profile.ok) throw new Error(JSON.stringify(profile.error));
      const result = await bare.dispatch('people:export', {
        profileId: (profile.value as ProfileView).id,
        orgId: 'acme',
        format: 'csv',
      });
      expect(result).toMatchObject({ ok: false, error: { kind: 'not_found', code: 'no_save_dialog' } });
    } finally {
      await bare.dispose();
    }
  });
});

/** The sandbox's list order: creation time, then ID. */
function byServerOrder(a: Identity, b: Identity): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1;
}
