import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityExportResult, ActivityPage } from '../../src/shared/ipc/activity';
import type { IdentityPage } from '../../src/shared/ipc/people';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { basicAuthorization } from '../../src/main/api';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';
import { MemorySecretStore } from '../support/memory-secret-store';
import { ipcCaller, membershipOf } from './support/dispatch';

/**
 * The activity log end to end: requests made through `dispatch` against the sandbox over HTTP,
 * failed by its faults, then read back through `activity:list` and `activity:export`.
 */
let sandbox: RunningSandbox;
let services: AppServices;
let userDataDir: string;
let profileId: string;
let savePath: string | undefined;

const { ok, refused } = ipcCaller(() => services);
const PROFILE_NAME = 'Activity';

beforeAll(async () => {
  sandbox = await startSandbox();
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-activity-'));
  services = await createAppServices({
    userDataDir,
    secretStore: new MemorySecretStore(),
    appVersion: '0.1.0-test',
    saveFile: async () => savePath,
  });
  const profile = await ok<ProfileView>('profiles:create', {
    name: PROFILE_NAME,
    baseUrl: sandbox.url,
    color: '#16a34a',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  profileId = profile.id;
}, 30_000);

afterAll(async () => {
  await services?.dispose();
  await sandbox?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  sandbox.faults.clear();
  sandbox.faults.clearRequests();
  savePath = undefined;
  await ok('activity:clear');
});

const acme = () => membershipOf(sandbox, 'org_admin', 0).organizationId;
const seenIds = (path: string) => sandbox.faults.requests.filter((r) => r.path === path).map((r) => r.requestId);

describe('activity log over IPC', () => {
  it('records a failed request’s ID as the sandbox saw it and as the error gave it, with each retry counted', async () => {
    const orgId = acme();
    sandbox.faults.add({ method: 'GET', path: `/organizations/${orgId}`, status: 503, times: Infinity });
    const error = await refused('orgs:get', { profileId, orgId });
    expect(error.status).toBe(503);
    const { entries } = await ok<ActivityPage>('activity:list', { orgId, errorsOnly: true });
    expect(entries.map((e) => [e.method, e.status, e.retry])).toEqual([
      ['GET', 503, 2],
      ['GET', 503, 1],
      ['GET', 503, 0],
    ]);
    expect(entries.map((e) => e.requestId).reverse()).toEqual(seenIds(`/organizations/${orgId}`));
    expect(entries[0]!.requestId).toBe(error.requestId);
    expect(entries.every((e) => e.profileId === profileId && e.profileName === PROFILE_NAME)).toBe(true);
    expect(entries[0]!.path).toBe(`/organizations/${orgId}?expand[]=permissions`);
  });

  it('records a dropped connection by its kind, and the token request that came first', async () => {
    const orgId = acme();
    sandbox.faults.add({ method: 'GET', path: `/organizations/${orgId}`, dropConnection: true, times: Infinity });
    await services.dispose(); // a fresh client, so the token is asked for again
    services = await createAppServices({
      userDataDir,
      secretStore: new MemorySecretStore(),
      saveFile: async () => savePath,
    });
    const profile = await ok<ProfileView>('profiles:create', {
      name: PROFILE_NAME,
      baseUrl: sandbox.url,
      color: '#16a34a',
      authKind: 'client_credentials',
      clientId: sandbox.primaryCredential.clientId,
      clientSecret: sandbox.primaryCredential.clientSecret,
    });
    profileId = profile.id;
    const error = await refused('orgs:get', { profileId, orgId });
    expect(error.kind).toBe('network');
    const { entries } = await ok<ActivityPage>('activity:list', {});
    expect(entries.map((e) => [e.method, e.path.split('?')[0], e.status ?? e.failure])).toEqual([
      ['GET', `/organizations/${orgId}`, 'network'],
      ['GET', `/organizations/${orgId}`, 'network'],
      ['GET', `/organizations/${orgId}`, 'network'],
      ['POST', '/service-account-token', 200],
    ]);
    expect(entries.at(-1)!.orgId).toBeUndefined();
    expect(entries.at(-1)!.requestId).toBe(seenIds('/service-account-token')[0]);
  });

  it('keeps a search’s address and the secret out of every entry and export', async () => {
    const orgId = acme();
    const email = 'zoe.searched@acme.example';
    await ok<IdentityPage>('people:identities', { profileId, orgId, email, limit: 20 });
    const page = await ok<ActivityPage>('activity:list', { orgId });
    expect(page.entries[0]!.path).toBe(
      `/organizations/${orgId}/identities?limit=20&query[email]=<dropped>&expand[]=permissions&expand[]=total_count`,
    );
    savePath = join(userDataDir, 'activity.json');
    const saved = await ok<ActivityExportResult>('activity:export', { format: 'json' });
    expect(saved).toMatchObject({ saved: true, path: savePath });
    const { clientId, clientSecret } = sandbox.primaryCredential;
    const texts = [JSON.stringify(await ok<ActivityPage>('activity:list', {})), await readFile(savePath, 'utf8')];
    for (const text of texts) {
      for (const needle of [email, clientSecret, basicAuthorization(clientId, clientSecret), 'Bearer ']) {
        expect(text).not.toContain(needle);
      }
    }
  });

  it('exports what the view filters as CSV, the failed request’s ID in it', async () => {
    const orgId = acme();
    sandbox.faults.add({ method: 'GET', path: `/organizations/${orgId}`, status: 404 });
    const error = await refused('orgs:get', { profileId, orgId });
    await ok('orgs:list', { profileId });
    savePath = join(userDataDir, 'errors.csv');
    const saved = await ok<ActivityExportResult>('activity:export', { format: 'csv', errorsOnly: true });
    expect(saved).toEqual({ saved: true, path: savePath, count: 1 });
    const csv = await readFile(savePath, 'utf8');
    expect(csv).toContain(error.requestId!);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('answers a cancelled save dialog with saved: false, and refuses a bad filter by name', async () => {
    await expect(ok<ActivityExportResult>('activity:export', { format: 'csv' })).resolves.toEqual({ saved: false });
    const bad = await refused('activity:list', { limit: 0, orgId: '../x' });
    expect(bad.kind).toBe('invalid_input');
    expect(bad.fields?.map((f) => f.path).sort()).toEqual(['limit', 'orgId']);
  });
});
