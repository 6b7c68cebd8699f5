import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../src/shared/api/organizations';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import type { DiscoveredProvider, SsoCheck, SsoSaved, SsoState } from '../../src/shared/ipc/sso';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';
import { startFakeIdentityProvider, type FakeIdentityProvider } from '../support/fake-identity-provider';
import { MemorySecretStore } from '../support/memory-secret-store';
import { ipcCaller, membershipOf } from './support/dispatch';

/** The system clipboard as main sees it: the SSO client secret may be read from it. */
class TestClipboard {
  text = '';
  clears = 0;
  writeText(text: string): void {
    this.text = text;
  }
  readText(): string {
    return this.text;
  }
  clear(): void {
    this.text = '';
    this.clears++;
  }
}

/**
 * The SSO channels through main's dispatcher over real HTTP: the sandbox for Keycard, the fake
 * identity provider for discovery. Every answer is kept and scanned for the client secrets.
 */
let sandbox: RunningSandbox;
let idp: FakeIdentityProvider;
let services: AppServices;
let userDataDir: string;
let profileId: string;
let orgId: string;
const clipboard = new TestClipboard();
const answers: unknown[] = [];
const caller = ipcCaller(() => services);
const TYPED_SECRET = 'typed-sso-secret-4f1c9a';
const PASTED_SECRET = 'pasted-sso-secret-7b2e11';

async function ok<T>(channel: string, payload?: unknown): Promise<T> {
  const value = await caller.ok<T>(channel, payload);
  answers.push(value);
  return value;
}
async function refused(channel: string, payload?: unknown) {
  const error = await caller.refused(channel, payload);
  answers.push(error);
  return error;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  idp = await startFakeIdentityProvider();
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-sso-ipc-'));
  services = await createAppServices({
    userDataDir,
    secretStore: new MemorySecretStore(),
    appVersion: '0.1.0-test',
    clipboard,
    discovery: { timeoutMs: 1_000 },
  });
  const profile = await caller.ok<ProfileView>('profiles:create', {
    name: 'SSO',
    baseUrl: sandbox.url,
    color: '#16a34a',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  profileId = profile.id;
  orgId = membershipOf(sandbox, 'org_admin').organizationId;
});

afterAll(async () => {
  await services?.dispose();
  await sandbox?.close();
  await idp?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('SSO over IPC', () => {
  it('answers null for an organization without SSO, and not_found for one that does not exist', async () => {
    expect(await ok<SsoState>('sso:get', { profileId, orgId })).toEqual({ connection: null });
    const missing = await refused('sso:get', { profileId, orgId: 'org_does_not_exist' });
    expect(missing).toMatchObject({ kind: 'api', status: 404 });
    expect(missing.message).not.toMatch(/SSO connection/);
  });

  it('discovers a provider, and says why next to the issuer field when it cannot', async () => {
    const found = await ok<DiscoveredProvider>('sso:discover', { identifier: idp.issuer('good') });
    expect(found.protocols.oauth2.token_endpoint).toBe(`${idp.issuer('good')}/token`);

    const plain = await refused('sso:discover', { identifier: 'http://login.example.com' });
    expect(plain).toMatchObject({ kind: 'invalid_input', code: 'not_https' });
    expect(plain.fields).toEqual([{ path: 'identifier', message: expect.stringContaining('https://') }]);

    const mismatch = await refused('sso:discover', { identifier: idp.issuer('issuer-mismatch') });
    expect(mismatch.code).toBe('issuer_mismatch');
    expect((await refused('sso:discover', { identifier: idp.issuer('slow') })).code).toBe('timed_out');
  });

  it('enables with a typed secret: set on the server, never answered', async () => {
    const found = await ok<DiscoveredProvider>('sso:discover', { identifier: idp.issuer('good') });
    const saved = await ok<SsoSaved>('sso:enable', {
      profileId,
      orgId,
      identifier: found.identifier,
      client_id: 'orgdesk-app',
      client_secret: { source: 'typed', value: TYPED_SECRET },
      protocols: found.protocols,
    });
    expect(saved.clipboardCleared).toBe(false);
    expect(saved.connection).toMatchObject({ identifier: idp.issuer('good'), client_id: 'orgdesk-app' });
    expect(saved.connection.client_secret_set).toBe(true);
    expect(sandbox.state.ssoConnections.of(orgId)?.client_secret).toBe(TYPED_SECRET);
    const org = await ok<Organization>('orgs:get', { profileId, orgId });
    expect(org.sso_enabled).toBe(true);
    expect((await ok<SsoState>('sso:get', { profileId, orgId })).connection?.id).toBe(saved.connection.id);
  });

  it('refuses a second enable with sso_already_enabled', async () => {
    const again = await refused('sso:enable', {
      profileId,
      orgId,
      identifier: idp.issuer('good'),
      client_id: null,
      client_secret: null,
    });
    expect(again).toMatchObject({ kind: 'api', status: 409, code: 'sso_already_enabled' });
  });

  it('takes the new secret from the clipboard in main, then clears the clipboard', async () => {
    clipboard.text = `${PASTED_SECRET}\n`;
    const saved = await ok<SsoSaved>('sso:update', { profileId, orgId, client_secret: { source: 'clipboard' } });
    expect(saved.clipboardCleared).toBe(true);
    expect(clipboard.text).toBe('');
    expect(sandbox.state.ssoConnections.of(orgId)?.client_secret).toBe(PASTED_SECRET);
    // Nothing else changed: absent fields are kept.
    expect(saved.connection.client_id).toBe('orgdesk-app');
  });

  it('refuses an empty or unusable clipboard by name, without quoting it', async () => {
    clipboard.text = '';
    const empty = await refused('sso:update', { profileId, orgId, client_secret: { source: 'clipboard' } });
    expect(empty).toMatchObject({ kind: 'invalid_input' });
    expect(empty.fields?.[0]?.path).toBe('client_secret');

    clipboard.text = 'two\nlines-of-secret';
    const broken = await refused('sso:update', { profileId, orgId, client_secret: { source: 'clipboard' } });
    expect(broken.fields?.[0]).toMatchObject({ path: 'client_secret' });
    expect(JSON.stringify(broken)).not.toContain('lines-of-secret');
    expect(sandbox.state.ssoConnections.of(orgId)?.client_secret).toBe(PASTED_SECRET);
  });

  it('removes the secret and the client ID with null', async () => {
    const saved = await ok<SsoSaved>('sso:update', { profileId, orgId, client_secret: null, client_id: null });
    expect(saved.connection).toMatchObject({ client_secret_set: false, client_id: null });
  });

  it('checks the connection: a drifted endpoint named with both values, the JWKS asked for its keys', async () => {
    const good = idp.issuer('good');
    await ok<SsoSaved>('sso:update', {
      profileId,
      orgId,
      protocols: {
        oauth2: {
          authorization_endpoint: `${good}/authorize`,
          token_endpoint: `${good}/old-token`,
          jwks_uri: `${good}/jwks`,
          scopes_supported: ['email', 'openid', 'profile'],
          code_challenge_methods_supported: ['plain', 'S256'],
          registration_endpoint: `${good}/register`,
        },
        openid: { userinfo_endpoint: `${good}/userinfo` },
      },
    });
    const check = await ok<SsoCheck>('sso:check', { profileId, orgId });
    expect(check.failure).toBeNull();
    expect(check.differences).toEqual([
      { field: 'token_endpoint', held: `${good}/old-token`, discovered: `${good}/token` },
    ]);
    expect(check.jwks).toEqual({ status: 'ok', keys: expect.any(Number) });
  });

  it('reports a provider that no longer answers as the check’s finding, not as an error', async () => {
    await ok<SsoSaved>('sso:update', { profileId, orgId, identifier: idp.issuer('missing') });
    const check = await ok<SsoCheck>('sso:check', { profileId, orgId });
    expect(check.failure).toMatchObject({ code: 'http_status' });
    expect(check.discovered).toBeNull();
    expect(check.connection.identifier).toBe(idp.issuer('missing'));
  });

  it('disables: the organization follows, and a second disable is not_found', async () => {
    expect(await ok('sso:disable', { profileId, orgId })).toEqual({ disabled: true });
    expect(await ok<SsoState>('sso:get', { profileId, orgId })).toEqual({ connection: null });
    expect((await ok<Organization>('orgs:get', { profileId, orgId })).sso_enabled).toBe(false);
    expect(await refused('sso:disable', { profileId, orgId })).toMatchObject({ kind: 'api', status: 404 });
  });

  it('can be tried against the sandbox’s own provider: discovered, enabled and checked clean', async () => {
    const globex = membershipOf(sandbox, 'org_admin', 1).organizationId;
    const found = await ok<DiscoveredProvider>('sso:discover', { identifier: `${sandbox.url}/demo-idp` });
    expect(found.identifier).toBe(`${sandbox.url}/demo-idp`);
    await ok<SsoSaved>('sso:enable', {
      profileId,
      orgId: globex,
      identifier: found.identifier,
      client_id: 'orgdesk',
      client_secret: null,
      protocols: found.protocols,
    });
    const check = await ok<SsoCheck>('sso:check', { profileId, orgId: globex });
    expect(check).toMatchObject({ failure: null, differences: [], jwks: { status: 'ok', keys: 1 } });
    await ok('sso:disable', { profileId, orgId: globex });
  });

  it('never lets a client secret into an answer, the log or any file under user data', async () => {
    const secrets = [TYPED_SECRET, PASTED_SECRET, 'lines-of-secret'];
    const answered = JSON.stringify(answers);
    for (const secret of secrets) expect(answered).not.toContain(secret);
    const files = await readdir(userDataDir, { recursive: true, withFileTypes: true });
    const contents = await Promise.all(
      files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'utf8')),
    );
    expect(contents.length).toBeGreaterThan(0);
    for (const text of contents) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
