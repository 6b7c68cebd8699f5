import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';
import type { ServiceAccount } from '../../src/shared/api/service-accounts';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import type { RotationReport } from '../../src/shared/ipc/rotation';
import type { CredentialCreated } from '../../src/shared/ipc/service-accounts';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { KeychainError } from '../../src/main/secrets/secret-store';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';
import { MemorySecretStore } from '../support/memory-secret-store';
import { ipcCaller, membershipOf } from './support/dispatch';

/** A keychain that refuses to save the items `refuse` picks, as a keychain locked mid-rotation does. */
class RefusingStore extends MemorySecretStore {
  refuse: (account: string) => boolean = () => false;
  override async set(account: string, secret: string): Promise<void> {
    if (this.refuse(account)) throw new KeychainError('save the secret', new Error('Locked (test)'));
    return super.set(account, secret);
  }
}

/**
 * Every way a rotation can stop, over real HTTP through `dispatch`, each checked on the server:
 * never more than one new credential, and the old one working until step 5.
 */
let sandbox: RunningSandbox;
let services: AppServices;
let userDataDir: string;
let profileId: string;
let orgId: string;
let account: ServiceAccount;
const keychain = new RefusingStore();
const secrets: string[] = [];
const { ok, refused } = ipcCaller(() => services);

beforeAll(async () => {
  sandbox = await startSandbox();
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-rotation-'));
  services = await createAppServices({ userDataDir, secretStore: keychain, appVersion: '0.1.0-test' });
  const profile = await ok<ProfileView>('profiles:create', {
    name: 'Rotations',
    baseUrl: sandbox.url,
    color: '#16a34a',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  profileId = profile.id;
  orgId = membershipOf(sandbox, 'org_admin').organizationId;
  account = await ok<ServiceAccount>('serviceAccounts:create', { profileId, orgId, name: 'rotation-suite' });
});

afterEach(() => {
  sandbox.faults.clear();
  keychain.refuse = () => false;
});

afterAll(async () => {
  // No secret in any file Orgdesk wrote: the journal, the profiles, the log.
  const files = await readdir(userDataDir, { recursive: true, withFileTypes: true });
  for (const file of files.filter((entry) => entry.isFile())) {
    const content = await readFile(join(file.parentPath, file.name), 'utf8');
    for (const secret of secrets) expect(content).not.toContain(secret);
  }
  await services.dispose();
  await sandbox.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const ref = (credentialId: string) => ({ profileId, orgId, serviceAccountId: account.id, credentialId });
const named = (prefix: string) => sandbox.state.credentials.of(account.id).filter((c) => c.name.startsWith(prefix));

async function credential(name: string): Promise<string> {
  const created = await ok<CredentialCreated>('credentials:create', {
    ...ref('x'),
    credentialId: undefined,
    name,
    saveToKeychain: true,
  });
  secrets.push(created.clientSecret);
  return created.credential.id;
}

const steps = (report: RotationReport) => Object.fromEntries(report.steps.map((s) => [s.step, s.status]));

describe('a rotation that stops', () => {
  it('at step 1, when the create was performed but its answer was a 500: one new credential, found by Check, cleaned up', async () => {
    const old = await credential('one');
    sandbox.faults.add({ method: 'POST', path: /\/credentials$/, status: 500, afterAction: true });
    const report = await ok<RotationReport>('credentials:rotate', ref(old));
    expect(steps(report).create).toBe('unknown');
    expect(named('one')).toHaveLength(2);
    const checked = await ok<RotationReport>('credentials:rotationAction', { rotationId: report.id, action: 'check' });
    expect(checked.exists.newCredential).toBe('exists');
    const cleaned = await ok<RotationReport>('credentials:rotationAction', {
      rotationId: report.id,
      action: 'clean_up',
    });
    expect(cleaned.state).toBe('cleaned_up');
    expect(named('one').map((c) => c.id)).toEqual([old]);
  });

  it('at step 2, when the keychain refuses the new secret: the old credential untouched, the new one deletable', async () => {
    const old = await credential('two');
    keychain.refuse = (accountName) => accountName.startsWith('credential/') && !accountName.includes(old);
    const report = await ok<RotationReport>('credentials:rotate', ref(old));
    expect(steps(report)).toMatchObject({ create: 'done', store: 'failed', verify: 'pending' });
    expect(report.exists.oldCredential).toBe('working');
    expect(named('two')).toHaveLength(2);
    await ok('credentials:rotationAction', { rotationId: report.id, action: 'clean_up' });
    expect(named('two').map((c) => c.id)).toEqual([old]);
  });

  it('at step 3, when the new credential cannot sign in: no profile moved, the old one still signs in', async () => {
    const old = await credential('three');
    sandbox.faults.add({ method: 'POST', path: '/service-account-token', status: 401 });
    const report = await ok<RotationReport>('credentials:rotate', ref(old));
    expect(steps(report)).toMatchObject({ verify: 'failed', repoint: 'pending', revoke: 'pending' });
    expect(named('three')).toHaveLength(2);
    expect(sandbox.state.credentials.get(old)).toBeDefined();
  });

  it('at step 4, when a profile cannot be switched: the profile keeps the old credential, which still works', async () => {
    const old = await credential('four');
    const used = await ok<ProfileView>('credentials:useAsProfile', { ...ref(old), name: 'As four', color: '#dc2626' });
    keychain.refuse = (accountName) => accountName.startsWith(`profile/${used.id}/`);
    const report = await ok<RotationReport>('credentials:rotate', ref(old));
    expect(steps(report)).toMatchObject({ verify: 'done', repoint: 'failed', revoke: 'pending' });
    expect(sandbox.state.credentials.get(old)).toBeDefined();
    // The profile still signs in with the old credential.
    const orgs = await ok<{ items: unknown[] }>('orgs:list', { profileId: used.id });
    expect(orgs.items.length).toBeGreaterThan(0);
    keychain.refuse = () => false;
    const resumed = await ok<RotationReport>('credentials:rotationAction', { rotationId: report.id, action: 'resume' });
    expect(resumed.state).toBe('done');
    expect(resumed.repointedProfileIds).toEqual([used.id]);
    expect(sandbox.state.credentials.get(old)).toBeUndefined();
    // And it signs in with the new one now.
    expect((await ok<{ items: unknown[] }>('orgs:list', { profileId: used.id })).items.length).toBeGreaterThan(0);
  });

  it('at step 5, when the revoke fails: the new credential in use, the old one still there until Resume', async () => {
    const old = await credential('five');
    sandbox.faults.add({ method: 'DELETE', path: new RegExp(`/credentials/${old}$`), status: 500, times: Infinity });
    const report = await ok<RotationReport>('credentials:rotate', ref(old));
    expect(['failed', 'unknown']).toContain(steps(report).revoke);
    expect(named('five')).toHaveLength(2);
    sandbox.faults.clear();
    const resumed = await ok<RotationReport>('credentials:rotationAction', { rotationId: report.id, action: 'resume' });
    expect(resumed.state).toBe('done');
    expect(named('five').map((c) => c.id)).not.toContain(old);
    expect(named('five')).toHaveLength(1);
  }, 30_000);

  it('never twice: a second rotate of the same credential while one is unfinished is refused by name', async () => {
    const old = await credential('six');
    sandbox.faults.add({ method: 'POST', path: '/service-account-token', status: 401 });
    await ok<RotationReport>('credentials:rotate', ref(old));
    const again = await refused('credentials:rotate', ref(old));
    expect(again.code).toBe('rotation_in_progress');
    expect(named('six')).toHaveLength(2);
    // Two clicks at once: one rotation, one refusal, one new credential.
    const other = await credential('seven');
    const [first, second] = await Promise.all([
      services.dispatch('credentials:rotate', ref(other)),
      services.dispatch('credentials:rotate', ref(other)),
    ]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect(named('seven')).toHaveLength(1);
  });
});
