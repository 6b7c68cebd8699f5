import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../src/shared/ipc/result';
import type { OrgList } from '../../src/shared/ipc/organizations';
import type { ProfileList, ProfileView } from '../../src/shared/ipc/profiles';
import type { Organization } from '../../src/shared/api/organizations';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';
import { MemorySecretStore } from '../support/memory-secret-store';

/**
 * Main's IPC surface end to end, minus Electron's transport: payloads go through
 * `structuredClone` as IPC would, handlers talk to the sandbox over real HTTP.
 */
let sandbox: RunningSandbox;
let services: AppServices;
let userDataDir: string;
const secrets = new MemorySecretStore();
const answers: string[] = [];

async function call<T>(channel: string, payload?: unknown): Promise<IpcResult<T>> {
  const result = structuredClone(await services.dispatch(channel, structuredClone(payload)));
  answers.push(JSON.stringify(result));
  return result as IpcResult<T>;
}

async function ok<T>(channel: string, payload?: unknown): Promise<T> {
  const result = await call<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-ipc-'));
  services = await createAppServices({ userDataDir, secretStore: secrets, appVersion: '0.1.0-test' });
});

afterAll(async () => {
  await services?.dispose();
  await sandbox?.close();
});

describe('profiles and organizations through IPC', () => {
  let profile: ProfileView;
  const form = () => ({
    name: 'Sandbox over HTTP',
    baseUrl: sandbox.url,
    color: '#9333ea',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });

  it('starts with no profiles and a working keychain', async () => {
    await expect(ok<ProfileList>('profiles:list')).resolves.toEqual({
      profiles: [],
      keychain: { available: true },
      problems: [],
    });
  });

  it('tests an unsaved form: a wrong secret is refused with status and request ID', async () => {
    const result = await call('profiles:test', { draft: { ...form(), clientSecret: 'wrong-secret' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(result.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.error.message).not.toContain('wrong-secret');
  });

  it('tests an unsaved form with the right secret and lists what the credential sees', async () => {
    const result = await ok<{ organizationCount: number }>('profiles:test', { draft: form() });
    expect(result.organizationCount).toBe(sandbox.primaryCredential.memberships.length);
  });

  it('saves the profile with its secret in the keychain only', async () => {
    profile = await ok<ProfileView>('profiles:create', form());
    expect(profile).toMatchObject({ authKind: 'client_credentials', secretStored: true, baseUrl: sandbox.url });
    expect(secrets.items.get(profile.id)).toBe(sandbox.primaryCredential.clientSecret);
  });

  it('lists organizations with permissions, renames one and reads it back by label', async () => {
    const list = await ok<OrgList>('orgs:list', { profileId: profile.id });
    expect(list.items.map((o) => o.name)).toEqual(
      expect.arrayContaining(sandbox.primaryCredential.memberships.map((m) => m.organizationName)),
    );
    const admin = sandbox.primaryCredential.memberships.find((m) => m.role === 'org_admin')!;
    const org = list.items.find((o) => o.id === admin.organizationId)!;
    expect(org.permissions?.organizations?.update).toBe(true);
    const renamed = await ok<Organization>('orgs:rename', {
      profileId: profile.id,
      orgId: org.id,
      name: '  Renamed by IPC ',
    });
    expect(renamed.name).toBe('Renamed by IPC');
    const byLabel = await ok<Organization>('orgs:get', { profileId: profile.id, orgId: org.label });
    expect(byLabel).toMatchObject({ id: org.id, name: 'Renamed by IPC' });
  });

  it("shows the server's refusal when the role does not allow a rename", async () => {
    const viewer = sandbox.primaryCredential.memberships.find((m) => m.role === 'org_viewer')!;
    const org = await ok<Organization>('orgs:get', { profileId: profile.id, orgId: viewer.organizationId });
    expect(org.permissions?.organizations?.update).toBe(false);
    const result = await call('orgs:rename', { profileId: profile.id, orgId: viewer.organizationId, name: 'Nope' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'api', status: 403 } });
    if (!result.ok) expect(result.error.requestId).toBeTruthy();
  });

  it('keeps the stored secret when the profile is edited without retyping it', async () => {
    const edited = await ok<ProfileView>('profiles:update', { id: profile.id, name: 'Edited', clientSecret: '' });
    expect(edited).toMatchObject({ name: 'Edited', secretStored: true });
    await expect(ok<OrgList>('orgs:list', { profileId: profile.id })).resolves.toMatchObject({
      items: expect.any(Array),
    });
    const retest = await ok<{ organizationCount: number }>('profiles:test', {
      id: profile.id,
      changes: { name: 'Unsaved' },
    });
    expect(retest.organizationCount).toBeGreaterThan(0);
  });

  it('reports a bad field with its path', async () => {
    const result = await call('profiles:create', { ...form(), baseUrl: 'not a url' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input', fields: [{ path: 'baseUrl' }] } });
  });

  it('adds the embedded sandbox profile once, and lists its organizations', async () => {
    const first = await ok<ProfileView>('profiles:addSandbox');
    const second = await ok<ProfileView>('profiles:addSandbox');
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ authKind: 'sandbox', name: 'Sandbox' });
    const list = await ok<OrgList>('orgs:list', { profileId: first.id });
    expect(list.items.length).toBeGreaterThanOrEqual(4);
  });

  it('removes a profile and its keychain item', async () => {
    await ok('profiles:remove', { id: profile.id });
    expect(secrets.items.has(profile.id)).toBe(false);
    const result = await call('orgs:list', { profileId: profile.id });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('never let the client secret reach an IPC answer, a file or the log', async () => {
    const secret = sandbox.primaryCredential.clientSecret;
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) expect(answer).not.toContain(secret);
    const files = await readdir(userDataDir, { recursive: true, withFileTypes: true });
    const contents = await Promise.all(
      files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'utf8')),
    );
    expect(contents.length).toBeGreaterThanOrEqual(2);
    for (const content of contents) expect(content).not.toContain(secret);
  });
});
