import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiNotFoundError,
  ConflictError,
  PermissionDeniedError,
  UnprocessableEntityError,
  closeAllPools,
  createKeycardClient,
  type KeycardClient,
} from '../../src/main/api';
import { createLogger } from '../../src/main/log';
import { ErrorBody, TokenResponse } from '../../src/shared/api/common';
import { SsoConnection, type SsoEnableBody } from '../../src/shared/api/sso-connection';
import { SSO_ALREADY_ENABLED_CODE } from '../../src/main/sandbox/resources/sso-connection/routes';
import { startSandbox, type RunningSandbox, type SandboxMembership } from '../../src/main/sandbox/server';
import { sandboxLogin } from './support/sandbox-client';

/** The SSO connection's four calls, through the API client against the sandbox over HTTP. */
let sandbox: RunningSandbox;
let client: KeycardClient;
const dispatcher = new Agent({ keepAliveTimeout: 1000 });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { usersPerOrg: 2 } });
});
afterAll(async () => {
  await sandbox?.close();
  await dispatcher.close();
  await closeAllPools();
});
beforeEach(() => {
  sandbox.faults.clear();
  client = sandboxLogin(sandbox, sandbox.primaryCredential.clientId, sandbox.primaryCredential.clientSecret);
});
// One failing test must not leave SSO on for the next.
afterEach(() => {
  for (const { organizationId } of sandbox.primaryCredential.memberships) sandbox.state.disableSso(organizationId);
});

/** The primary credential: admin in Acme and Globex, member in Initech, viewer in Umbrella. */
function org(role: SandboxMembership['role'], nth = 0): string {
  const found = sandbox.primaryCredential.memberships.filter((m) => m.role === role)[nth];
  if (!found) throw new Error(`the primary credential has no ${role} membership #${nth}`);
  return found.organizationId;
}

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

let secretSerial = 0;
/** A distinct, recognisable secret per test, to scan answers for. */
const newSecret = (): string => `sso-secret-${++secretSerial}-${'x'.repeat(24)}`;

const ENABLE: SsoEnableBody = {
  identifier: 'https://login.example.com/tenant',
  client_id: 'orgdesk-app',
  protocols: {
    oauth2: {
      authorization_endpoint: 'https://login.example.com/tenant/authorize',
      token_endpoint: 'https://login.example.com/tenant/token',
      jwks_uri: 'https://login.example.com/tenant/jwks',
      registration_endpoint: null,
      scopes_supported: ['openid', 'email', 'profile'],
      code_challenge_methods_supported: ['S256'],
    },
    openid: { userinfo_endpoint: 'https://login.example.com/tenant/userinfo' },
  },
};

async function accessToken(): Promise<string> {
  const response = await request(`${sandbox.url}/service-account-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.primaryCredential.clientId,
      client_secret: sandbox.primaryCredential.clientSecret,
    }).toString(),
    dispatcher,
  });
  return TokenResponse.parse(await response.body.json()).access_token;
}

async function rawText(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const token = await accessToken();
  const response = await request(`${sandbox.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    dispatcher,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

async function ssoEnabled(organizationId: string): Promise<boolean> {
  return (await client.organizations.retrieve(organizationId)).sso_enabled;
}

describe('SSO connection', () => {
  it('enables (201), retrieves, updates, disables (204), with the organization’s sso_enabled following', async () => {
    const acme = org('org_admin');
    const secret = newSecret();
    expect(await ssoEnabled(acme)).toBe(false);
    expect(await failure(client.organizations.ssoConnection.retrieve(acme))).toBeInstanceOf(ApiNotFoundError);

    const enabled = await client.organizations.ssoConnection.enable(acme, { ...ENABLE, client_secret: secret });
    expect(SsoConnection.parse(enabled)).toEqual(enabled);
    expect(enabled).toMatchObject({
      identifier: ENABLE.identifier,
      client_id: 'orgdesk-app',
      client_secret_set: true,
      protocols: ENABLE.protocols,
    });
    expect(enabled.created_at).toBe(enabled.updated_at);
    expect(
      sandbox.faults.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/sso-connection')),
    ).toHaveLength(1);
    expect(await ssoEnabled(acme)).toBe(true);
    expect(await client.organizations.ssoConnection.retrieve(acme)).toEqual(enabled);

    const moved = await client.organizations.ssoConnection.update(acme, { identifier: 'https://idp.example.org' });
    expect(moved).toMatchObject({ id: enabled.id, identifier: 'https://idp.example.org', client_id: 'orgdesk-app' });
    expect(moved.client_secret_set).toBe(true);
    expect(Date.parse(moved.updated_at)).toBeGreaterThan(Date.parse(enabled.updated_at));
    expect(moved.created_at).toBe(enabled.created_at);

    await client.organizations.ssoConnection.disable(acme);
    expect(await ssoEnabled(acme)).toBe(false);
    expect(await failure(client.organizations.ssoConnection.retrieve(acme))).toBeInstanceOf(ApiNotFoundError);
    expect(sandbox.state.ssoConnections.of(acme)).toBeUndefined();
  });

  it('answers 409 to a second enable, keeping the first connection', async () => {
    const globex = org('org_admin', 1);
    const first = await client.organizations.ssoConnection.enable(globex, { ...ENABLE, client_id: 'first' });
    const err = await failure(client.organizations.ssoConnection.enable(globex, { ...ENABLE, client_id: 'second' }));
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).code).toBe(SSO_ALREADY_ENABLED_CODE);
    expect(await client.organizations.ssoConnection.retrieve(globex)).toEqual(first);
    await client.organizations.ssoConnection.disable(globex);
  });

  it('answers 404 to update and disable when SSO is not enabled', async () => {
    const acme = org('org_admin');
    const update = await failure(client.organizations.ssoConnection.update(acme, { client_id: 'x' }));
    expect(update).toBeInstanceOf(ApiNotFoundError);
    const disable = await failure(client.organizations.ssoConnection.disable(acme));
    expect(disable).toBeInstanceOf(ApiNotFoundError);
    expect(await ssoEnabled(acme)).toBe(false);
  });

  it('keeps the secret and client ID when left out, removes each with null, and sets a new secret', async () => {
    const acme = org('org_admin');
    const secret = newSecret();
    await client.organizations.ssoConnection.enable(acme, { ...ENABLE, client_secret: secret });
    const kept = await client.organizations.ssoConnection.update(acme, { protocols: null });
    expect(kept).toMatchObject({ client_id: 'orgdesk-app', client_secret_set: true });
    expect(kept.protocols).toBeUndefined();
    expect(sandbox.state.ssoConnections.of(acme)?.client_secret).toBe(secret);

    const noSecret = await client.organizations.ssoConnection.update(acme, { client_secret: null });
    expect(noSecret).toMatchObject({ client_id: 'orgdesk-app', client_secret_set: false });
    expect(sandbox.state.ssoConnections.of(acme)?.client_secret).toBeNull();

    const noClient = await client.organizations.ssoConnection.update(acme, { client_id: null });
    expect(noClient).toMatchObject({ client_id: null, client_secret_set: false });

    const again = newSecret();
    const both = await client.organizations.ssoConnection.update(acme, { client_id: 'new-id', client_secret: again });
    expect(both).toMatchObject({ client_id: 'new-id', client_secret_set: true });
    expect(sandbox.state.ssoConnections.of(acme)?.client_secret).toBe(again);

    const unchanged = await client.organizations.ssoConnection.update(acme, {});
    expect(unchanged).toEqual(both);
    await client.organizations.ssoConnection.disable(acme);
  });

  it('enables without a client secret or endpoints', async () => {
    const acme = org('org_admin');
    const bare = await client.organizations.ssoConnection.enable(acme, {
      identifier: 'http://localhost:9000',
      client_id: null,
    });
    expect(bare).toMatchObject({ identifier: 'http://localhost:9000', client_id: null, client_secret_set: false });
    expect(bare.protocols).toBeUndefined();
    await client.organizations.ssoConnection.disable(acme);
  });

  it('never answers the secret: not in the enable, the get, the update, nor any error', async () => {
    const acme = org('org_admin');
    const secret = newSecret();
    const path = `/organizations/${acme}/sso-connection`;
    const answers = [
      await rawText('POST', path, { ...ENABLE, client_secret: secret }),
      await rawText('GET', path),
      await rawText('PATCH', path, { client_id: 'changed' }),
      await rawText('POST', path, { ...ENABLE, client_secret: secret }),
      await rawText('PATCH', path, { client_secret: secret, identifier: 'ftp://nope' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 409, 422]);
    for (const answer of answers) {
      expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toContain('"client_secret"');
    }
    await client.organizations.ssoConnection.disable(acme);
  });

  it('writes no client secret to the log, at debug level, through enable, update and a refused enable', async () => {
    const acme = org('org_admin');
    const lines: string[] = [];
    const logged = createKeycardClient({
      baseUrl: sandbox.url,
      credentials: {
        type: 'client_credentials',
        clientId: sandbox.primaryCredential.clientId,
        getSecret: async () => sandbox.primaryCredential.clientSecret,
      },
      timeoutMs: 5_000,
      sleep: async () => {},
      logger: createLogger((line) => lines.push(line), 'debug'),
    });
    const [first, second] = [newSecret(), newSecret()];
    await logged.organizations.ssoConnection.enable(acme, { ...ENABLE, client_secret: first });
    await logged.organizations.ssoConnection.update(acme, { client_secret: second });
    await failure(logged.organizations.ssoConnection.enable(acme, { ...ENABLE, client_secret: second }));
    expect(lines.some((line) => line.includes('sso-connection'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain(first);
      expect(line).not.toContain(second);
    }
  });

  it('refuses bad input by field name (422): URLs, scopes, PKCE methods, empty client ID', async () => {
    const acme = org('org_admin');
    const path = `/organizations/${acme}/sso-connection`;
    const cases: [unknown, RegExp][] = [
      [{ ...ENABLE, identifier: 'http://login.example.com' }, /^identifier: .*https/],
      [{ ...ENABLE, identifier: 'https://user:pw@login.example.com' }, /^identifier: .*user name or password/],
      [{ ...ENABLE, identifier: `https://login.example.com/${'a'.repeat(2048)}` }, /^identifier: .*2048/],
      [{ ...ENABLE, identifier: '/relative' }, /^identifier: .*full URL/],
      [
        { ...ENABLE, protocols: { oauth2: { token_endpoint: 'javascript:alert(1)' } } },
        /^protocols\.oauth2\.token_endpoint: /,
      ],
      [
        { ...ENABLE, protocols: { oauth2: { scopes_supported: ['openid', ''] } } },
        /^protocols\.oauth2\.scopes_supported\.1: /,
      ],
      [
        { ...ENABLE, protocols: { oauth2: { scopes_supported: ['two words'] } } },
        /^protocols\.oauth2\.scopes_supported\.0: /,
      ],
      [
        { ...ENABLE, protocols: { oauth2: { code_challenge_methods_supported: ['S256', 'a\\b'] } } },
        /^protocols\.oauth2\.code_challenge_methods_supported\.1: /,
      ],
      [{ ...ENABLE, client_id: '  ' }, /^client_id: /],
      [{ identifier: ENABLE.identifier }, /^client_id: /],
    ];
    for (const [body, message] of cases) {
      const answer = await rawText('POST', path, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(ErrorBody.parse(JSON.parse(answer.text)).message).toMatch(message);
    }
    expect(await ssoEnabled(acme)).toBe(false);
    const err = await failure(
      client.organizations.ssoConnection.enable(acme, { ...ENABLE, identifier: 'http://evil.example' }),
    );
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    // http to this machine is allowed, in every spelling of loopback.
    for (const identifier of ['http://127.0.0.1:8080/realm', 'http://[::1]:8080']) {
      await client.organizations.ssoConnection.enable(acme, { ...ENABLE, identifier });
      await client.organizations.ssoConnection.disable(acme);
    }
  });

  it('lets a member read but not change it, and a viewer not even read it', async () => {
    const acme = org('org_admin');
    const initech = org('org_member');
    const umbrella = org('org_viewer');
    const admin = sandbox.state;
    admin.enableSso(initech, { identifier: 'https://idp.initech.example', client_id: 'initech', client_secret: 's' });
    const seen = await client.organizations.ssoConnection.retrieve(initech);
    expect(seen).toMatchObject({ identifier: 'https://idp.initech.example', client_secret_set: true });
    expect(await failure(client.organizations.ssoConnection.update(initech, { client_id: 'x' }))).toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(await failure(client.organizations.ssoConnection.disable(initech))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(client.organizations.ssoConnection.enable(umbrella, ENABLE))).toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(await failure(client.organizations.ssoConnection.retrieve(umbrella))).toBeInstanceOf(PermissionDeniedError);
    admin.disableSso(initech);
    expect(await ssoEnabled(initech)).toBe(false);
    expect(await ssoEnabled(acme)).toBe(false);
  });

  it('takes the organization label as well as its ID', async () => {
    const acme = sandbox.primaryCredential.memberships.find((m) => m.role === 'org_admin');
    if (!acme) throw new Error('no admin membership');
    const enabled = await client.organizations.ssoConnection.enable(acme.organizationLabel, ENABLE);
    expect(await client.organizations.ssoConnection.retrieve(acme.organizationId)).toEqual(enabled);
    await client.organizations.ssoConnection.disable(acme.organizationLabel);
    expect(await ssoEnabled(acme.organizationId)).toBe(false);
  });
});
