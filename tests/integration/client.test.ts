import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  PermissionDeniedError,
  createKeycardClient,
  closeAllPools,
  type KeycardClient,
} from '../../src/main/api';
import { createLogger } from '../../src/main/log';
import { startSandbox, type RunningSandbox, type SandboxMembership } from '../../src/main/sandbox/server';

/** The API client against the project's sandbox over real HTTP. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const EXTRA_ORGS = 120;

let sandbox: RunningSandbox;
let sleeps: number[];
let logLines: string[];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { usersPerOrg: 2, extraOrganizations: EXTRA_ORGS } });
});
afterAll(async () => {
  await sandbox?.close();
  await closeAllPools();
});
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.faults.clearRequests();
  sleeps = [];
  logLines = [];
});

function login(secret = sandbox.primaryCredential.clientSecret): KeycardClient {
  return createKeycardClient({
    baseUrl: sandbox.url,
    credentials: {
      type: 'client_credentials',
      clientId: sandbox.primaryCredential.clientId,
      getSecret: async () => secret,
    },
    logger: createLogger((line) => logLines.push(line), 'debug'),
    timeoutMs: 5_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

function membership(role: SandboxMembership['role']): SandboxMembership {
  const found = sandbox.primaryCredential.memberships.find((m) => m.role === role);
  if (!found) throw new Error(`the primary credential has no ${role} membership`);
  return found;
}

const seen = (method: string, path: string) =>
  sandbox.faults.requests.filter((r) => r.method === method && r.path === path);

describe('KeycardClient against the sandbox', () => {
  it('logs in with the primary credential and lists every organization, with permissions', async () => {
    const client = login();
    const all = await client.organizations.listAll({ limit: 50 });
    expect(all.items.length).toBeGreaterThanOrEqual(4 + EXTRA_ORGS);
    expect(new Set(all.items.map((o) => o.id)).size).toBe(all.items.length);
    expect(all.items.every((o) => o.permissions?.organizations !== undefined)).toBe(true);
    expect(all.permissions?.organizations?.create).toBe(true);
    expect(seen('POST', '/service-account-token')).toHaveLength(1);
    const lists = seen('GET', '/organizations');
    expect(lists.length).toBeGreaterThanOrEqual(3);
    for (const request of lists) expect(request.requestId).toMatch(UUID);
  });

  it('retrieves an organization by its label', async () => {
    const acme = membership('org_admin');
    const org = await login().organizations.retrieve(acme.organizationLabel);
    expect(org.id).toBe(acme.organizationId);
    expect(org.name).toBe(acme.organizationName);
    expect(org.permissions?.organizations?.update).toBe(true);
  });

  it('creates and renames an organization', async () => {
    const client = login();
    const created = await client.organizations.create({ name: 'Orgdesk Integration' });
    expect(created.name).toBe('Orgdesk Integration');
    expect(created.label).toMatch(/^[a-z0-9-]{1,63}$/);
    const renamed = await client.organizations.update(created.label, { name: 'Orgdesk Renamed' });
    expect(renamed.id).toBe(created.id);
    expect(renamed.name).toBe('Orgdesk Renamed');
    expect((await client.organizations.retrieve(created.id)).name).toBe('Orgdesk Renamed');
  });

  it('a rename in a viewer organization is a 403 with the server message and request ID', async () => {
    const umbrella = membership('org_viewer');
    const err = await login()
      .organizations.update(umbrella.organizationId, { name: 'Nope' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(PermissionDeniedError);
    const denied = err as PermissionDeniedError;
    expect(denied.status).toBe(403);
    expect(denied.code).toBe('forbidden');
    expect(denied.message).toBe('Your role (org_viewer) does not allow organizations.update');
    expect(denied.requestId).toBe(seen('PATCH', `/organizations/${umbrella.organizationId}`)[0]?.requestId);
    expect(seen('PATCH', `/organizations/${umbrella.organizationId}`)).toHaveLength(1);
  });

  it('a wrong secret is an AuthenticationError that does not contain the secret', async () => {
    const wrong = 'sks_definitelyWrongSecretValue0000000000';
    const err = await login(wrong)
      .organizations.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(AuthenticationError);
    const auth = err as AuthenticationError;
    expect(auth.kind).toBe('auth');
    expect(auth.message).toBe(`The client ID or secret was refused by ${sandbox.url}.`);
    expect(auth.requestId).toBe(seen('POST', '/service-account-token')[0]?.requestId);
    for (const text of [auth.message, String(auth), JSON.stringify(auth), ...logLines])
      expect(text).not.toContain(wrong);
    expect(seen('GET', '/organizations')).toHaveLength(0);
  });

  it('retries a GET on injected 503s', async () => {
    sandbox.faults.add({ method: 'GET', path: '/organizations', status: 503, times: 2 });
    const page = await login().organizations.list({ limit: 5 });
    expect(page.items).toHaveLength(5);
    const attempts = seen('GET', '/organizations');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.requestId)).size).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('retries a GET whose connection was dropped', async () => {
    sandbox.faults.add({ method: 'GET', path: '/organizations', dropConnection: true });
    await login().organizations.list({ limit: 1 });
    expect(seen('GET', '/organizations')).toHaveLength(2);
  });

  it('never replays a POST after an injected 500 or a dropped connection', async () => {
    const client = login();
    const before = sandbox.state.organizations.all().length;
    sandbox.faults.add({ method: 'POST', path: '/organizations', status: 500, times: 3 });
    const err = await client.organizations.create({ name: 'Once Only' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InternalServerError);
    expect((err as InternalServerError).requestId).toBe(seen('POST', '/organizations')[0]?.requestId);
    expect(seen('POST', '/organizations')).toHaveLength(1);

    sandbox.faults.clear();
    sandbox.faults.add({ method: 'POST', path: '/organizations', dropConnection: true, times: 3 });
    const dropped = await client.organizations.create({ name: 'Once Only' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(dropped).toBeInstanceOf(ConnectionError);
    expect(seen('POST', '/organizations')).toHaveLength(2);
    expect(sandbox.state.organizations.all().length).toBe(before);
  });

  it('retries a POST answered 429, waiting for Retry-After', async () => {
    sandbox.faults.add({ method: 'POST', path: '/organizations', status: 429, retryAfterSeconds: 1 });
    const created = await login().organizations.create({ name: 'After The Wait' });
    expect(created.name).toBe('After The Wait');
    expect(seen('POST', '/organizations')).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('refreshes an expired token once and carries on', async () => {
    const client = login();
    await client.organizations.list({ limit: 1 });
    sandbox.state.tokens.expireAll();
    const page = await client.organizations.list({ limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(seen('POST', '/service-account-token')).toHaveLength(2);
    expect(seen('GET', '/organizations')).toHaveLength(3);
  });

  it('exchanges an organization token that works as a pasted bearer token, and a bad one is final', async () => {
    const acme = membership('org_admin');
    const exchanged = await login().organizations.exchangeToken(acme.organizationLabel);
    expect(exchanged.token_type).toBe('Bearer');
    const scoped = createKeycardClient({
      baseUrl: sandbox.url,
      credentials: { type: 'bearer', getToken: async () => exchanged.access_token },
    });
    expect((await scoped.organizations.retrieve(acme.organizationId)).id).toBe(acme.organizationId);

    sandbox.faults.clearRequests();
    const bogus = createKeycardClient({
      baseUrl: sandbox.url,
      credentials: { type: 'bearer', getToken: async () => 'not-a-token' },
    });
    const err = await bogus.organizations.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(seen('GET', '/organizations')).toHaveLength(1);
  });
});
