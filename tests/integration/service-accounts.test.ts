import { createHash } from 'node:crypto';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiNotFoundError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  PermissionDeniedError,
  UnprocessableEntityError,
  closeAllPools,
  type KeycardClient,
} from '../../src/main/api';
import { ErrorBody, TokenResponse } from '../../src/shared/api/common';
import { CreatedCredential, CredentialListResponse } from '../../src/shared/api/credentials';
import type { ServiceAccount } from '../../src/shared/api/service-accounts';
import { startSandbox, type RunningSandbox, type SandboxMembership } from '../../src/main/sandbox/server';
import { sandboxBearer, sandboxLogin } from './support/sandbox-client';

/** Service accounts, their credentials and the organization token, through the API client against the sandbox over HTTP. */
let sandbox: RunningSandbox;
let client: KeycardClient;
// A private pool for raw requests, so sockets a dropped-connection fault destroys stay here.
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
  sandbox.faults.clearRequests();
  client = sandboxLogin(sandbox, sandbox.primaryCredential.clientId, sandbox.primaryCredential.clientSecret);
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

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

async function raw(method: 'GET' | 'POST' | 'DELETE', path: string, token?: string): Promise<Answer> {
  const response = await request(`${sandbox.url}${path}`, {
    method,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    dispatcher,
  });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

async function tokenFor(clientId: string, secret: string): Promise<Answer> {
  const response = await request(`${sandbox.url}/service-account-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    }).toString(),
    dispatcher,
  });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

async function accessToken(clientId: string, secret: string): Promise<string> {
  const answer = await tokenFor(clientId, secret);
  expect(answer.status).toBe(200);
  return TokenResponse.parse(JSON.parse(answer.text)).access_token;
}

let serial = 0;
async function newAccount(organizationId = org('org_admin'), name = `robot ${++serial}`): Promise<ServiceAccount> {
  return client.organizations.serviceAccounts.create(organizationId, { name, description: 'made by a test' });
}

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

describe('service accounts', () => {
  it('lists only the organization’s own accounts, every page, with what the caller may do', async () => {
    const acme = org('org_admin');
    const globex = org('org_admin', 1);
    const made = [await newAccount(acme), await newAccount(acme), await newAccount(acme)];
    const elsewhere = await newAccount(globex);
    const all = await client.organizations.serviceAccounts.listAll(acme, { limit: 2 });
    const ids = all.items.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(made.map((a) => a.id)));
    expect(ids).toContain(sandbox.primaryCredential.serviceAccountId);
    expect(ids).not.toContain(elsewhere.id);
    expect(new Set(ids).size).toBe(ids.length);
    const pages = sandbox.faults.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/service-accounts'));
    expect(pages).toHaveLength(Math.ceil(ids.length / 2));
    expect(all.permissions).toEqual({
      service_accounts: { list: true, read: true, create: true, update: true, delete: true },
    });
    expect(all.items[0]?.permissions).toEqual({ service_accounts: { read: true, update: true, delete: true } });
    const bare = await client.organizations.serviceAccounts.list(acme, { expand: [] });
    expect(bare.permissions).toBeUndefined();
    expect(bare.items.every((a) => a.permissions === undefined)).toBe(true);
  });

  it('creates (201), retrieves, renames, clears the description and deletes (204)', async () => {
    const acme = org('org_admin');
    const token = await accessToken(sandbox.primaryCredential.clientId, sandbox.primaryCredential.clientSecret);
    sandbox.faults.clearRequests();
    const created = await client.organizations.serviceAccounts.create(acme, {
      name: '  deploy bot  ',
      description: 'Ships releases',
    });
    expect(created).toMatchObject({ name: 'deploy bot', description: 'Ships releases' });
    expect(created.created_at).toBe(created.updated_at);
    expect(await raw('GET', `/organizations/${acme}/service-accounts/${created.id}`, token)).toMatchObject({
      status: 200,
    });

    const renamed = await client.organizations.serviceAccounts.update(acme, created.id, { name: 'release bot' });
    expect(renamed).toMatchObject({ id: created.id, name: 'release bot', description: 'Ships releases' });
    expect(Date.parse(renamed.updated_at)).toBeGreaterThan(Date.parse(created.updated_at));
    const cleared = await client.organizations.serviceAccounts.update(acme, created.id, { description: null });
    expect(cleared.description ?? undefined).toBeUndefined();
    expect(cleared.name).toBe('release bot');
    const described = await client.organizations.serviceAccounts.update(acme, created.id, { description: 'x' });
    expect(described.description).toBe('x');
    const blank = await client.organizations.serviceAccounts.update(acme, created.id, { description: '  ' });
    expect(blank.description ?? undefined).toBeUndefined();
    expect(await client.organizations.serviceAccounts.retrieve(acme, created.id)).toEqual(blank);
    expect(await client.organizations.serviceAccounts.update(acme, created.id, {})).toEqual(blank);

    const empty = await client.organizations.serviceAccounts.create(acme, { name: 'no words', description: '' });
    expect(empty.description ?? undefined).toBeUndefined();

    await client.organizations.serviceAccounts.delete(acme, created.id);
    expect(await failure(client.organizations.serviceAccounts.retrieve(acme, created.id))).toBeInstanceOf(
      ApiNotFoundError,
    );
    expect(await failure(client.organizations.serviceAccounts.delete(acme, created.id))).toBeInstanceOf(
      ApiNotFoundError,
    );
    const deleted = await raw('DELETE', `/organizations/${acme}/service-accounts/${empty.id}`, token);
    expect([deleted.status, deleted.text]).toEqual([204, '']);
  });

  it('answers 201 to a create, over the wire', async () => {
    const acme = org('org_admin');
    const token = await accessToken(sandbox.primaryCredential.clientId, sandbox.primaryCredential.clientSecret);
    const response = await request(`${sandbox.url}/organizations/${acme}/service-accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `wire ${++serial}` }),
      dispatcher,
    });
    expect(response.statusCode).toBe(201);
    await response.body.text();
  });

  it('gives a new account a member’s role in its organization, and nothing elsewhere', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const credential = await client.organizations.serviceAccounts.credentials.create(acme, account.id, { name: 'k' });
    const asAccount = sandboxLogin(sandbox, credential.client_id, credential.client_secret);
    const visible = await asAccount.organizations.listAll();
    expect(visible.items.map((o) => o.id)).toEqual([acme]);
    expect(visible.items[0]?.permissions?.service_accounts).toMatchObject({ list: true, create: false });
    expect(await failure(asAccount.organizations.serviceAccounts.create(acme, { name: 'nope' }))).toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('refuses a name another account of the organization has (409 duplicate_name, ignoring case), not one of another organization', async () => {
    const acme = org('org_admin');
    const globex = org('org_admin', 1);
    const first = await newAccount(acme, 'Nightly Backup');
    const before = sandbox.state.serviceAccounts.of(acme).length;
    const again = await failure(client.organizations.serviceAccounts.create(acme, { name: ' nightly backup ' }));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ status: 409, code: 'duplicate_name' });
    expect(sandbox.state.serviceAccounts.of(acme)).toHaveLength(before);

    const other = await newAccount(acme, 'Weekly Backup');
    expect(
      await failure(client.organizations.serviceAccounts.update(acme, other.id, { name: 'NIGHTLY BACKUP' })),
    ).toMatchObject({ status: 409, code: 'duplicate_name' });
    expect((await client.organizations.serviceAccounts.retrieve(acme, other.id)).name).toBe('Weekly Backup');
    // Its own name, in another case, is no conflict; nor is another organization's name.
    expect((await client.organizations.serviceAccounts.update(acme, first.id, { name: 'nightly BACKUP' })).name).toBe(
      'nightly BACKUP',
    );
    expect((await newAccount(globex, 'Nightly Backup')).name).toBe('Nightly Backup');
  });

  it('refuses bad names and descriptions by name with 422', async () => {
    const acme = org('org_admin');
    const before = sandbox.state.serviceAccounts.of(acme).length;
    const cases: [object, RegExp][] = [
      [{ name: '' }, /name: Name is required/],
      [{ name: ' \u200B ' }, /name: Name is required/],
      [{ name: 'x'.repeat(256) }, /name: Name must be at most 255/],
      [{ name: 'tab\there' }, /name: .*control characters/],
      [{ name: 'evil\u202Egnp.exe' }, /name: .*text-direction/],
      [{ name: 'ok', description: 'd'.repeat(1001) }, /description: Description must be at most 1000/],
      [{ name: 'ok', description: 'bell\u0007' }, /description: .*control characters/],
      [{}, /name/],
    ];
    for (const [body, message] of cases) {
      const refused = await failure(client.organizations.serviceAccounts.create(acme, body as { name: string }));
      expect(refused, JSON.stringify(body)).toBeInstanceOf(UnprocessableEntityError);
      expect((refused as Error).message).toMatch(message);
    }
    const account = await newAccount(acme);
    expect(
      await failure(client.organizations.serviceAccounts.update(acme, account.id, { name: '   ' })),
    ).toBeInstanceOf(UnprocessableEntityError);
    expect(sandbox.state.serviceAccounts.of(acme)).toHaveLength(before + 1);
  });

  it('lets a member list and read but change nothing (403), and a viewer not even list', async () => {
    const initech = org('org_member');
    const umbrella = org('org_viewer');
    const [own] = sandbox.state.serviceAccounts.of(initech);
    const listed = await client.organizations.serviceAccounts.list(initech);
    expect(listed.items.map((a) => a.id)).toContain(own!.id);
    expect(listed.permissions?.service_accounts).toEqual({
      list: true,
      read: true,
      create: false,
      update: false,
      delete: false,
    });
    expect(listed.items[0]?.permissions).toEqual({ service_accounts: { read: true, update: false, delete: false } });
    expect((await client.organizations.serviceAccounts.retrieve(initech, own!.id)).name).toBe(own!.name);
    const sa = client.organizations.serviceAccounts;
    for (const attempt of [
      sa.create(initech, { name: 'nope' }),
      sa.update(initech, own!.id, { name: 'nope' }),
      sa.delete(initech, own!.id),
      sa.credentials.create(initech, own!.id, { name: 'nope' }),
      sa.credentials.delete(initech, own!.id, sandbox.state.credentials.of(own!.id)[0]!.id),
    ]) {
      expect(await failure(attempt)).toBeInstanceOf(PermissionDeniedError);
    }
    expect(sandbox.state.serviceAccounts.get(own!.id)).toEqual(own);
    expect(sandbox.state.credentials.of(own!.id)).toHaveLength(1);
    const credentials = await sa.credentials.list(initech, own!.id);
    expect(credentials.permissions?.service_account_credentials).toMatchObject({ list: true, create: false });

    const [viewerOwn] = sandbox.state.serviceAccounts.of(umbrella);
    for (const attempt of [
      sa.list(umbrella),
      sa.retrieve(umbrella, viewerOwn!.id),
      sa.create(umbrella, { name: 'nope' }),
      sa.credentials.list(umbrella, viewerOwn!.id),
    ]) {
      expect(await failure(attempt)).toBeInstanceOf(PermissionDeniedError);
    }
  });

  it('answers 404 for another tenant’s organization, an account of another organization, and unknown IDs', async () => {
    const acme = org('org_admin');
    const globex = org('org_admin', 1);
    const acmeAdmin = sandbox.credentials.find(
      (c) => c !== sandbox.primaryCredential && c.memberships.some((m) => m.organizationId === acme),
    )!;
    const outsider = sandboxLogin(sandbox, acmeAdmin.clientId, acmeAdmin.clientSecret);
    const globexAccount = await newAccount(globex);
    expect(await failure(outsider.organizations.serviceAccounts.list(globex))).toBeInstanceOf(ApiNotFoundError);
    expect(await failure(outsider.organizations.serviceAccounts.delete(globex, globexAccount.id))).toBeInstanceOf(
      ApiNotFoundError,
    );
    // Globex's account through Acme's path: not found, however the caller may act in Acme.
    const sa = client.organizations.serviceAccounts;
    for (const attempt of [
      sa.retrieve(acme, globexAccount.id),
      sa.update(acme, globexAccount.id, { name: 'taken over' }),
      sa.delete(acme, globexAccount.id),
      sa.credentials.list(acme, globexAccount.id),
      sa.credentials.create(acme, globexAccount.id, { name: 'x' }),
      sa.retrieve(acme, 'no-such-account'),
    ]) {
      expect(await failure(attempt)).toBeInstanceOf(ApiNotFoundError);
    }
    expect(sandbox.state.serviceAccounts.get(globexAccount.id)?.name).toBe(globexAccount.name);
    expect(sandbox.state.credentials.of(globexAccount.id)).toHaveLength(0);
  });

  it('deletes the account with its credentials: their logins answer 401 and every token they issued is refused', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const creds = sandbox.state.credentials;
    const [one, two] = [
      await client.organizations.serviceAccounts.credentials.create(acme, account.id, { name: 'one' }),
      await client.organizations.serviceAccounts.credentials.create(acme, account.id, { name: 'two' }),
    ];
    const tokens = [
      await accessToken(one.client_id, one.client_secret),
      await accessToken(two.client_id, two.client_secret),
    ];
    const exchanged = TokenResponse.parse(
      JSON.parse((await raw('POST', `/organizations/${acme}/token`, tokens[0])).text),
    );
    const everyToken = [...tokens, exchanged.access_token];
    for (const token of everyToken) expect((await raw('GET', `/organizations/${acme}`, token)).status).toBe(200);

    await client.organizations.serviceAccounts.delete(acme, account.id);
    expect(creds.get(one.id)).toBeUndefined();
    expect(creds.get(two.id)).toBeUndefined();
    expect(creds.of(account.id)).toHaveLength(0);
    expect(sandbox.state.roles.of(account.id, acme)).toBeUndefined();
    for (const { client_id, client_secret } of [one, two]) {
      const refused = await tokenFor(client_id, client_secret);
      expect(refused.status).toBe(401);
      expect(ErrorBody.parse(JSON.parse(refused.text)).code).toBe('invalid_client');
    }
    for (const token of everyToken) {
      const answer = await raw('GET', `/organizations/${acme}`, token);
      expect(answer.status).toBe(401);
      expect(ErrorBody.parse(JSON.parse(answer.text)).code).toBe('unauthorized');
    }
    expect(await failure(client.organizations.serviceAccounts.credentials.list(acme, account.id))).toBeInstanceOf(
      ApiNotFoundError,
    );
  });
});

describe('credentials', () => {
  it('answers the secret once, in the create (201, no-store); never in a list or a get; stores only its hash', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const token = await accessToken(sandbox.primaryCredential.clientId, sandbox.primaryCredential.clientSecret);
    const response = await request(`${sandbox.url}/organizations/${acme}/service-accounts/${account.id}/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci', description: 'GitHub Actions' }),
      dispatcher,
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = CreatedCredential.parse(await response.body.json());
    expect(created).toMatchObject({ name: 'ci', description: 'GitHub Actions' });
    expect(created.client_secret).toMatch(/^sks_[A-Za-z0-9]{40}$/);
    expect(created.client_id).toMatch(/^sa_[a-z0-9]{24}$/);
    expect(created.last_used_at ?? undefined).toBeUndefined();

    const viaClient = await client.organizations.serviceAccounts.credentials.create(acme, account.id, { name: 'cd' });
    const secrets = [created.client_secret, viaClient.client_secret];
    const base = `/organizations/${acme}/service-accounts/${account.id}/credentials`;
    for (const path of [base, `${base}?expand=permissions`, `${base}/${created.id}`, `${base}/${viaClient.id}`]) {
      const answer = await raw('GET', path, token);
      expect(answer.status).toBe(200);
      for (const secret of secrets) expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toContain('client_secret');
    }
    const listed = await client.organizations.serviceAccounts.credentials.listAll(acme, account.id);
    expect(listed.items.map((c) => c.id).sort()).toEqual([created.id, viaClient.id].sort());
    expect(listed.items.every((c) => !('client_secret' in c))).toBe(true);
    const one = await client.organizations.serviceAccounts.credentials.retrieve(acme, account.id, viaClient.id);
    expect('client_secret' in one).toBe(false);
    const { client_secret: _secret, ...withoutSecret } = viaClient;
    expect(one).toEqual(withoutSecret);

    // At rest: the hash, never the secret, in anything the store holds.
    const stored = JSON.stringify(sandbox.state.credentials.all());
    for (const secret of secrets) expect(stored).not.toContain(secret);
    expect(sandbox.state.credentials.get(created.id)?.client_secret_sha256).toBe(sha256(created.client_secret));
    expect(sandbox.state.credentials.get(viaClient.id)?.client_secret_sha256).toBe(sha256(viaClient.client_secret));
  });

  it('logs in with a new credential, and sets last_used_at at each successful login only', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const created = await client.organizations.serviceAccounts.credentials.create(acme, account.id, { name: 'ci' });
    const credentials = client.organizations.serviceAccounts.credentials;

    const before = Date.now();
    await accessToken(created.client_id, created.client_secret);
    const after = Date.now();
    const first = (await credentials.retrieve(acme, account.id, created.id)).last_used_at!;
    expect(Date.parse(first)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(first)).toBeLessThanOrEqual(after);

    expect((await tokenFor(created.client_id, `${created.client_secret}x`)).status).toBe(401);
    expect((await credentials.retrieve(acme, account.id, created.id)).last_used_at).toBe(first);

    // Through the client (HTTP Basic), as a profile would.
    const asAccount = sandboxLogin(sandbox, created.client_id, created.client_secret);
    expect((await asAccount.organizations.listAll()).items.map((o) => o.id)).toEqual([acme]);
    const second = (await credentials.retrieve(acme, account.id, created.id)).last_used_at!;
    expect(Date.parse(second)).toBeGreaterThanOrEqual(Date.parse(first));
    const listed = await credentials.list(acme, account.id);
    expect(listed.items[0]?.last_used_at).toBe(second);
  });

  it('renames and re-describes a credential; names may repeat within an account', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const credentials = client.organizations.serviceAccounts.credentials;
    const a = await credentials.create(acme, account.id, { name: 'deploy', description: 'old' });
    const b = await credentials.create(acme, account.id, { name: 'deploy' });
    expect(b.name).toBe(a.name);
    const renamed = await credentials.update(acme, account.id, a.id, { name: 'deploy (old)' });
    expect(renamed).toMatchObject({ id: a.id, name: 'deploy (old)', description: 'old', client_id: a.client_id });
    const cleared = await credentials.update(acme, account.id, a.id, { description: null });
    expect(cleared.description ?? undefined).toBeUndefined();
    expect(await failure(credentials.update(acme, account.id, a.id, { name: '\u202E' }))).toBeInstanceOf(
      UnprocessableEntityError,
    );
    expect(await failure(credentials.create(acme, account.id, { name: 'x'.repeat(256) }))).toBeInstanceOf(
      UnprocessableEntityError,
    );
    expect(cleared.permissions).toEqual({
      service_account_credentials: { read: true, update: true, delete: true },
    });
  });

  it('answers 404 for a credential of another account and for unknown IDs', async () => {
    const acme = org('org_admin');
    const [mine, theirs] = [await newAccount(acme), await newAccount(acme)];
    const credentials = client.organizations.serviceAccounts.credentials;
    const theirCredential = await credentials.create(acme, theirs.id, { name: 'theirs' });
    for (const attempt of [
      credentials.retrieve(acme, mine.id, theirCredential.id),
      credentials.update(acme, mine.id, theirCredential.id, { name: 'mine now' }),
      credentials.delete(acme, mine.id, theirCredential.id),
      credentials.retrieve(acme, mine.id, 'no-such-credential'),
      credentials.delete(acme, 'no-such-account', theirCredential.id),
    ]) {
      expect(await failure(attempt)).toBeInstanceOf(ApiNotFoundError);
    }
    expect(sandbox.state.credentials.get(theirCredential.id)?.name).toBe('theirs');
  });

  it('revokes: the login answers 401 and the tokens it issued, exchanged ones too, are refused at once', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const credentials = client.organizations.serviceAccounts.credentials;
    const [revoked, kept] = [
      await credentials.create(acme, account.id, { name: 'old' }),
      await credentials.create(acme, account.id, { name: 'new' }),
    ];
    const token = await accessToken(revoked.client_id, revoked.client_secret);
    const exchanged = await sandboxBearer(sandbox, token).organizations.exchangeToken(acme);
    const keptToken = await accessToken(kept.client_id, kept.client_secret);
    const asRevoked = sandboxLogin(sandbox, revoked.client_id, revoked.client_secret);
    await asRevoked.organizations.retrieve(acme);

    await credentials.delete(acme, account.id, revoked.id);
    const login401 = await tokenFor(revoked.client_id, revoked.client_secret);
    expect(login401.status).toBe(401);
    expect(ErrorBody.parse(JSON.parse(login401.text))).toMatchObject({ code: 'invalid_client' });
    for (const dead of [token, exchanged.access_token]) {
      const answer = await raw('GET', `/organizations/${acme}`, dead);
      expect(answer.status).toBe(401);
      expect(ErrorBody.parse(JSON.parse(answer.text)).message).toMatch(/revoked/);
    }
    // The client's cached token is refused, its one fresh login too: it says so, it does not loop.
    expect(await failure(asRevoked.organizations.retrieve(acme))).toBeInstanceOf(AuthenticationError);
    // The account's other credential is untouched.
    expect((await raw('GET', `/organizations/${acme}`, keptToken)).status).toBe(200);
    expect((await credentials.listAll(acme, account.id)).items.map((c) => c.id)).toEqual([kept.id]);
    expect(await failure(credentials.delete(acme, account.id, revoked.id))).toBeInstanceOf(ApiNotFoundError);
  });
});

describe('a create performed on the server but answered with a failure (fault afterAction)', () => {
  it('answered 500: the credential exists once, the client did not send it again', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const path = `/organizations/${acme}/service-accounts/${account.id}/credentials`;
    sandbox.faults.add({ method: 'POST', path, status: 500, afterAction: true });
    const err = await failure(client.organizations.serviceAccounts.credentials.create(acme, account.id, { name: 'n' }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(sandbox.faults.requests.filter((r) => r.method === 'POST' && r.path === path)).toHaveLength(1);
    const listed = await client.organizations.serviceAccounts.credentials.listAll(acme, account.id);
    expect(listed.items.map((c) => c.name)).toEqual(['n']);
  });

  it('connection dropped: outcome_unknown, and the credential exists once', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const path = `/organizations/${acme}/service-accounts/${account.id}/credentials`;
    sandbox.faults.add({ method: 'POST', path, dropConnection: true, afterAction: true, times: 3 });
    const err = await failure(client.organizations.serviceAccounts.credentials.create(acme, account.id, { name: 'n' }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ code: 'outcome_unknown' });
    expect((err as Error).message).toMatch(/credential may have been created: refresh before trying again/);
    expect(sandbox.faults.requests.filter((r) => r.method === 'POST' && r.path === path)).toHaveLength(1);
    expect(sandbox.state.credentials.of(account.id).map((c) => c.name)).toEqual(['n']);
  });

  it('a service account create answered 500 after it was made exists once', async () => {
    const acme = org('org_admin');
    const path = `/organizations/${acme}/service-accounts`;
    sandbox.faults.add({ method: 'POST', path, status: 503, afterAction: true });
    const name = `after action ${++serial}`;
    expect(await failure(client.organizations.serviceAccounts.create(acme, { name }))).toBeInstanceOf(
      InternalServerError,
    );
    expect(sandbox.faults.requests.filter((r) => r.method === 'POST' && r.path === path)).toHaveLength(1);
    expect(sandbox.state.serviceAccounts.of(acme).filter((a) => a.name === name)).toHaveLength(1);
    // And the duplicate-name rule then tells a blind retry apart.
    expect(await failure(client.organizations.serviceAccounts.create(acme, { name }))).toBeInstanceOf(ConflictError);
  });

  it('a revoke answered 500 after it was done leaves the credential revoked', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const credentials = client.organizations.serviceAccounts.credentials;
    const credential = await credentials.create(acme, account.id, { name: 'gone' });
    const path = `/organizations/${acme}/service-accounts/${account.id}/credentials/${credential.id}`;
    sandbox.faults.add({ method: 'DELETE', path, status: 500, afterAction: true });
    // DELETE is idempotent, so the client retries; the retry finds it gone.
    expect(await failure(credentials.delete(acme, account.id, credential.id))).toBeInstanceOf(ApiNotFoundError);
    expect(sandbox.faults.requests.filter((r) => r.method === 'DELETE' && r.path === path)).toHaveLength(2);
    expect(sandbox.state.credentials.get(credential.id)).toBeUndefined();
  });
});

describe('organization token', () => {
  it('exchanges a token that works for that organization’s endpoints and not another’s', async () => {
    const acme = org('org_admin');
    const globex = org('org_admin', 1);
    const token = await client.organizations.exchangeToken(acme);
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const scoped = sandboxBearer(sandbox, token.access_token);
    expect((await scoped.organizations.listAll()).items.map((o) => o.id)).toEqual([acme]);
    const accounts = await scoped.organizations.serviceAccounts.listAll(acme);
    expect(accounts.items.map((a) => a.id)).toContain(sandbox.primaryCredential.serviceAccountId);
    const made = await scoped.organizations.serviceAccounts.create(acme, { name: `scoped ${++serial}` });
    expect(sandbox.state.serviceAccounts.get(made.id)?.organization_id).toBe(acme);
    for (const attempt of [
      scoped.organizations.retrieve(globex),
      scoped.organizations.serviceAccounts.list(globex),
      scoped.organizations.exchangeToken(globex),
    ]) {
      expect(await failure(attempt)).toBeInstanceOf(ApiNotFoundError);
    }
    // The same organization again is allowed, and stays scoped to it.
    const again = await scoped.organizations.exchangeToken(acme);
    expect(await failure(sandboxBearer(sandbox, again.access_token).organizations.retrieve(globex))).toBeInstanceOf(
      ApiNotFoundError,
    );
  });

  it('keeps the caller’s role in that organization', async () => {
    const umbrella = org('org_viewer');
    const token = await client.organizations.exchangeToken(umbrella);
    const scoped = sandboxBearer(sandbox, token.access_token);
    expect((await scoped.organizations.retrieve(umbrella)).permissions?.service_accounts?.list).toBe(false);
    expect(await failure(scoped.organizations.serviceAccounts.list(umbrella))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(client.organizations.exchangeToken('no-such-org'))).toBeInstanceOf(ApiNotFoundError);
  });
});

describe('list pages of credentials', () => {
  it('walks a service account’s credentials forward in pages', async () => {
    const acme = org('org_admin');
    const account = await newAccount(acme);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        (await client.organizations.serviceAccounts.credentials.create(acme, account.id, { name: `k${i}` })).id,
      );
    }
    const first = await client.organizations.serviceAccounts.credentials.list(acme, account.id, { limit: 2 });
    CredentialListResponse.parse(first);
    expect(first.items).toHaveLength(2);
    expect(first.page_info.has_next_page).toBe(true);
    const all = await client.organizations.serviceAccounts.credentials.listAll(acme, account.id, { limit: 2 });
    // Created within one millisecond, they come in (created_at, id) order, not necessarily creation order.
    expect([...all.items.map((c) => c.id)].sort()).toEqual([...made].sort());
    expect(all.items.slice(0, 2)).toEqual(first.items);
  });
});
