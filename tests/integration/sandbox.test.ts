import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ErrorBody, TokenResponse } from '../../src/shared/api/common';
import { Organization, OrganizationListResponse } from '../../src/shared/api/organizations';
import { OrganizationUser, UserListResponse } from '../../src/shared/api/users';
import { startSandbox, type RunningSandbox, type SandboxCredential } from '../../src/main/sandbox/server';

let sandbox: RunningSandbox;
// A private pool, so sockets the drop-connection fault destroys cannot leak into other suites.
const dispatcher = new Agent({ keepAliveTimeout: 1000 });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

async function call(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await request(`${sandbox.url}${path}`, {
    method,
    headers,
    dispatcher,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
}

function expectOk<T extends z.ZodType>(answer: Answer, schema: T, status = 200): z.infer<T> {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  return schema.parse(answer.json);
}

function expectError(answer: Answer, status: number, code: string): ErrorBody {
  expect(answer.status).toBe(status);
  const body = ErrorBody.parse(answer.json);
  expect(body).toMatchObject({ status, code });
  expect(body.message.length).toBeGreaterThan(0);
  return body;
}

async function tokenRequest(body: string, authorization?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (authorization !== undefined) headers['authorization'] = authorization;
  const response = await request(`${sandbox.url}/service-account-token`, { method: 'POST', headers, body, dispatcher });
  return { status: response.statusCode, headers: response.headers, json: await response.body.json() };
}

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function login(credential: SandboxCredential): Promise<string> {
  const answer = await tokenRequest(
    'grant_type=client_credentials',
    basic(credential.clientId, credential.clientSecret),
  );
  return expectOk(answer, TokenResponse).access_token;
}

function orgAdminOf(label: string): SandboxCredential {
  const credential = sandbox.credentials.find(
    (c) => c !== sandbox.primaryCredential && c.memberships.some((m) => m.organizationLabel === label),
  );
  if (credential === undefined) throw new Error(`no credential for ${label}`);
  return credential;
}

let primaryToken: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  primaryToken = await login(sandbox.primaryCredential);
});

afterAll(async () => {
  await sandbox.close();
  await dispatcher.close();
});

describe('service-account token', () => {
  it('accepts HTTP Basic client authentication', async () => {
    const { clientId, clientSecret } = sandbox.primaryCredential;
    const token = expectOk(
      await tokenRequest('grant_type=client_credentials', basic(clientId, clientSecret)),
      TokenResponse,
    );
    expect(token.token_type).toBe('Bearer');
    expect(token.expires_in).toBe(3600);
    expectOk(await call('GET', '/organizations', { token: token.access_token }), OrganizationListResponse);
  });

  it('accepts client_id and client_secret as form fields', async () => {
    const { clientId, clientSecret } = sandbox.primaryCredential;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    const token = expectOk(await tokenRequest(form.toString()), TokenResponse);
    expectOk(await call('GET', '/organizations', { token: token.access_token }), OrganizationListResponse);
  });

  it('answers 401 invalid_client for a wrong secret, an unknown client or no credentials', async () => {
    const { clientId } = sandbox.primaryCredential;
    expectError(
      await tokenRequest('grant_type=client_credentials', basic(clientId, 'sks_wrong')),
      401,
      'invalid_client',
    );
    expectError(await tokenRequest('grant_type=client_credentials', basic('sa_nobody', 'x')), 401, 'invalid_client');
    expectError(await tokenRequest('grant_type=client_credentials'), 401, 'invalid_client');
  });

  it('answers 400 for a missing or unsupported grant_type', async () => {
    const { clientId, clientSecret } = sandbox.primaryCredential;
    expectError(
      await tokenRequest('grant_type=password', basic(clientId, clientSecret)),
      400,
      'unsupported_grant_type',
    );
    expectError(await tokenRequest('', basic(clientId, clientSecret)), 400, 'invalid_request');
  });

  it('answers 401 unauthorized for a missing, unknown or expired bearer token', async () => {
    expectError(await call('GET', '/organizations'), 401, 'unauthorized');
    expectError(await call('GET', '/organizations', { token: 'sbx_not-a-token' }), 401, 'unauthorized');
    const token = await login(sandbox.primaryCredential);
    expectOk(await call('GET', '/organizations', { token }), OrganizationListResponse);
    expect(sandbox.state.tokens.expire(token)).toBe(true);
    expectError(await call('GET', '/organizations', { token }), 401, 'unauthorized');
  });
});

describe('DNS rebinding', () => {
  it('refuses a request whose Host is not loopback, however it reached the socket', async () => {
    const port = new URL(sandbox.url).port;
    const rebound = { host: `rebound.attacker.example:${port}` };
    expectError(
      await call('GET', '/organizations', { token: primaryToken, headers: rebound }),
      421,
      'misdirected_request',
    );
    const { clientId, clientSecret } = sandbox.primaryCredential;
    const response = await request(`${sandbox.url}/service-account-token`, {
      method: 'POST',
      headers: { ...rebound, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
      dispatcher,
    });
    const answer = { status: response.statusCode, headers: response.headers, json: await response.body.json() };
    expectError(answer, 421, 'misdirected_request');
    expectOk(await call('GET', '/organizations', { token: primaryToken }), OrganizationListResponse);
  });
});

describe('organizations', () => {
  it('lists only the organizations the caller belongs to', async () => {
    const all = expectOk(await call('GET', '/organizations', { token: primaryToken }), OrganizationListResponse);
    expect(all.items.map((o) => o.label)).toEqual(
      expect.arrayContaining(['acme-robotics', 'globex-research', 'initech-platform', 'umbrella-health']),
    );
    const acmeOnly = await login(orgAdminOf('acme-robotics'));
    const list = expectOk(await call('GET', '/organizations', { token: acmeOnly }), OrganizationListResponse);
    expect(list.items.map((o) => o.label)).toEqual(['acme-robotics']);
    expect(list.page_info).toMatchObject({ has_next_page: false, has_prev_page: false });
  });

  it('retrieves by ID and by label, and hides organizations the caller is not in', async () => {
    const byLabel = expectOk(
      await call('GET', '/organizations/globex-research', { token: primaryToken }),
      Organization,
    );
    const byId = expectOk(await call('GET', `/organizations/${byLabel.id}`, { token: primaryToken }), Organization);
    expect(byId).toEqual(byLabel);
    expect(byId.name).toBe('Globex Research');
    expect(byId.permissions).toBeUndefined();

    const acmeOnly = await login(orgAdminOf('acme-robotics'));
    const hidden = expectError(
      await call('GET', `/organizations/${byLabel.id}`, { token: acmeOnly }),
      404,
      'not_found',
    );
    const missing = expectError(await call('GET', '/organizations/no-such-org', { token: acmeOnly }), 404, 'not_found');
    expect(hidden.message.replace(byLabel.id, 'X')).toBe(missing.message.replace('no-such-org', 'X'));
  });

  it('expands permissions with expand, expand[] and percent-encoded expand%5B%5D', async () => {
    for (const query of [
      'expand=permissions',
      'expand[]=permissions',
      'expand%5B%5D=permissions',
      'expand=total_count&expand=permissions',
    ]) {
      const list = expectOk(
        await call('GET', `/organizations?${query}`, { token: primaryToken }),
        OrganizationListResponse,
      );
      expect(list.permissions, query).toEqual({ organizations: { list: true, create: true } });
      const byLabel = new Map(list.items.map((o) => [o.label, o]));
      expect(byLabel.get('acme-robotics')?.permissions?.['organizations']).toEqual({ read: true, update: true });
      expect(byLabel.get('umbrella-health')?.permissions?.['organizations']).toEqual({ read: true, update: false });
      expect(byLabel.get('initech-platform')?.permissions?.['users']).toMatchObject({ list: true, delete: false });
    }
    const plain = expectOk(
      await call('GET', '/organizations?expand=total_count', { token: primaryToken }),
      OrganizationListResponse,
    );
    expect(plain.permissions).toBeUndefined();
    expect(plain.items.every((o) => o.permissions === undefined)).toBe(true);
    const one = expectOk(
      await call('GET', '/organizations/umbrella-health?expand%5B%5D=permissions', { token: primaryToken }),
      Organization,
    );
    expect(one.permissions?.['organizations']?.['update']).toBe(false);
  });

  it('creates organizations with a derived, unique label and makes the caller org_admin', async () => {
    const token = await login(orgAdminOf('initech-platform'));
    const first = expectOk(
      await call('POST', '/organizations?expand[]=permissions', { token, body: { name: '  Zürich Café Ops!  ' } }),
      Organization,
      201,
    );
    expect(first.name).toBe('Zürich Café Ops!');
    expect(first.label).toBe('zurich-cafe-ops');
    expect(first.permissions?.['organizations']?.['update']).toBe(true);
    const second = expectOk(
      await call('POST', '/organizations', { token, body: { name: 'Zurich cafe OPS' } }),
      Organization,
      201,
    );
    expect(second.label).toBe('zurich-cafe-ops-2');
    const unnamed = expectOk(await call('POST', '/organizations', { token }), Organization, 201);
    expect(unnamed.name).toBe('Untitled organization');
    expect(unnamed.label).toMatch(/^untitled-organization(-\d+)?$/);

    const long = expectOk(
      await call('POST', '/organizations', { token, body: { name: 'x'.repeat(255) } }),
      Organization,
      201,
    );
    expect(long.label).toBe('x'.repeat(63));

    const list = expectOk(await call('GET', '/organizations?limit=1000', { token }), OrganizationListResponse);
    expect(list.items.map((o) => o.id)).toEqual(expect.arrayContaining([first.id, second.id, unnamed.id, long.id]));
    expectOk(await call('GET', `/organizations/${second.label}`, { token }), Organization);
  });

  it('rejects invalid names with 422 and malformed JSON with 400', async () => {
    expectError(
      await call('POST', '/organizations', { token: primaryToken, body: { name: 'x'.repeat(256) } }),
      422,
      'validation_error',
    );
    expectError(
      await call('POST', '/organizations', { token: primaryToken, body: { name: '   ' } }),
      422,
      'validation_error',
    );
    const malformed = await request(`${sandbox.url}/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${primaryToken}`, 'content-type': 'application/json' },
      body: '{"name":',
      dispatcher,
    });
    expect(malformed.statusCode).toBe(400);
    expect(ErrorBody.parse(await malformed.body.json()).status).toBe(400);
  });

  it('renames an organization, keeps its label and moves updated_at forward', async () => {
    const token = await login(orgAdminOf('globex-research'));
    const before = expectOk(await call('GET', '/organizations/globex-research', { token }), Organization);
    const after = expectOk(
      await call('PATCH', '/organizations/globex-research', { token, body: { name: 'Globex Labs' } }),
      Organization,
    );
    expect(after).toMatchObject({
      id: before.id,
      name: 'Globex Labs',
      label: 'globex-research',
      created_at: before.created_at,
    });
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    const again = expectOk(await call('GET', `/organizations/${before.id}`, { token }), Organization);
    expect(again.name).toBe('Globex Labs');
  });

  it('answers 403 forbidden when a viewer or member renames', async () => {
    for (const label of ['umbrella-health', 'initech-platform']) {
      expectError(
        await call('PATCH', `/organizations/${label}`, { token: primaryToken, body: { name: 'Nope' } }),
        403,
        'forbidden',
      );
    }
    const unchanged = expectOk(
      await call('GET', '/organizations/umbrella-health', { token: primaryToken }),
      Organization,
    );
    expect(unchanged.name).toBe('Umbrella Health');
  });

  it('exchanges an organization-scoped token that reaches only that organization', async () => {
    const token = expectOk(
      await call('POST', '/organizations/initech-platform/token', { token: primaryToken }),
      TokenResponse,
    );
    expect(token.token_type).toBe('Bearer');
    expect(token.access_token).not.toBe(primaryToken);
    const list = expectOk(await call('GET', '/organizations', { token: token.access_token }), OrganizationListResponse);
    expect(list.items.map((o) => o.label)).toEqual(['initech-platform']);
    expectError(await call('GET', '/organizations/acme-robotics', { token: token.access_token }), 404, 'not_found');
    expectError(await call('POST', '/organizations/no-such-org/token', { token: primaryToken }), 404, 'not_found');
  });

  it('answers unknown routes with the error body', async () => {
    expectError(await call('GET', '/no/such/route', { token: primaryToken }), 404, 'not_found');
  });
});

describe('pagination', () => {
  async function walk(path: string, limit: number): Promise<z.infer<typeof UserListResponse>[]> {
    const pages: z.infer<typeof UserListResponse>[] = [];
    let after: string | undefined;
    do {
      const cursor = after === undefined ? '' : `&after=${encodeURIComponent(after)}`;
      const page = expectOk(
        await call('GET', `${path}?limit=${limit}${cursor}`, { token: primaryToken }),
        UserListResponse,
      );
      pages.push(page);
      after = page.page_info.has_next_page ? (page.page_info.end_cursor ?? undefined) : undefined;
    } while (after !== undefined);
    return pages;
  }

  it('walks every user forward with after and back with before', async () => {
    const pages = await walk('/organizations/acme-robotics/users', 7);
    const forward = pages.flatMap((p) => p.items.map((u) => u.id));
    expect(pages).toHaveLength(4);
    expect(forward).toHaveLength(25);
    expect(new Set(forward).size).toBe(25);
    expect(pages[0]?.page_info.has_prev_page).toBe(false);
    expect(pages.at(-1)?.page_info.has_next_page).toBe(false);
    expect(pages.slice(1).every((p) => p.page_info.has_prev_page)).toBe(true);

    const backward: string[] = [];
    let before = pages.at(-1)?.page_info.start_cursor ?? undefined;
    backward.unshift(...(pages.at(-1)?.items.map((u) => u.id) ?? []));
    while (before !== undefined) {
      const page = expectOk(
        await call('GET', `/organizations/acme-robotics/users?limit=7&before=${encodeURIComponent(before)}`, {
          token: primaryToken,
        }),
        UserListResponse,
      );
      backward.unshift(...page.items.map((u) => u.id));
      before = page.page_info.has_prev_page ? (page.page_info.start_cursor ?? undefined) : undefined;
    }
    expect(backward).toEqual(forward);
  });

  it('filters by role and retrieves single users', async () => {
    const admins = expectOk(
      await call('GET', '/organizations/acme-robotics/users?role=org_admin&limit=1000&expand=permissions', {
        token: primaryToken,
      }),
      UserListResponse,
    );
    expect(admins.items.length).toBeGreaterThan(0);
    expect(admins.items.every((u) => u.role === 'org_admin')).toBe(true);
    expect(admins.permissions?.['users']).toMatchObject({ list: true, update: true });
    const first = admins.items[0];
    if (first === undefined) throw new Error('no admin');
    const one = expectOk(
      await call('GET', `/organizations/acme-robotics/users/${first.id}`, { token: primaryToken }),
      OrganizationUser,
    );
    expect(one.email).toBe(first.email);
    expectError(
      await call('GET', '/organizations/acme-robotics/users/nobody', { token: primaryToken }),
      404,
      'not_found',
    );
    expectError(
      await call('GET', '/organizations/acme-robotics/users?role=owner', { token: primaryToken }),
      400,
      'invalid_parameter',
    );
    const viewerSees = expectOk(
      await call('GET', '/organizations/umbrella-health/users?limit=1&expand[]=permissions', { token: primaryToken }),
      UserListResponse,
    );
    expect(viewerSees.items[0]?.permissions).toEqual({ users: { read: true, update: false, delete: false } });
  });

  it('enforces limit bounds and rejects bad cursors', async () => {
    for (const limit of ['0', '1001', '-1', 'abc', '1.5']) {
      expectError(
        await call('GET', `/organizations?limit=${limit}`, { token: primaryToken }),
        400,
        'invalid_parameter',
      );
    }
    expectOk(await call('GET', '/organizations?limit=1', { token: primaryToken }), OrganizationListResponse);
    const max = expectOk(
      await call('GET', '/organizations/acme-robotics/users?limit=1000', { token: primaryToken }),
      UserListResponse,
    );
    expect(max.items).toHaveLength(25);
    const defaultPage = expectOk(
      await call('GET', '/organizations/acme-robotics/users', { token: primaryToken }),
      UserListResponse,
    );
    expect(defaultPage.items).toHaveLength(25);
    expectError(await call('GET', '/organizations?after=not-a-cursor', { token: primaryToken }), 400, 'invalid_cursor');
    const forged = Buffer.from('v1:garbage').toString('base64url');
    expectError(await call('GET', `/organizations?before=${forged}`, { token: primaryToken }), 400, 'invalid_cursor');
  });
});

describe('faults', () => {
  it('answers an injected status with Retry-After, then recovers', async () => {
    sandbox.faults.add({ method: 'GET', path: '/organizations', status: 429, retryAfterSeconds: 2 });
    const limited = await call('GET', '/organizations', { token: primaryToken });
    expectError(limited, 429, 'rate_limited');
    expect(limited.headers['retry-after']).toBe('2');
    expectOk(await call('GET', '/organizations', { token: primaryToken }), OrganizationListResponse);
  });

  it('matches on method and path pattern, and counts uses', async () => {
    sandbox.faults.add({ method: 'POST', path: /^\/organizations\/[^/]+\/token$/, status: 503, times: 2 });
    expectOk(await call('GET', '/organizations/acme-robotics', { token: primaryToken }), Organization);
    expectError(
      await call('POST', '/organizations/acme-robotics/token', { token: primaryToken }),
      503,
      'internal_error',
    );
    expectError(
      await call('POST', '/organizations/globex-research/token', { token: primaryToken }),
      503,
      'internal_error',
    );
    expectOk(await call('POST', '/organizations/acme-robotics/token', { token: primaryToken }), TokenResponse);
    expect(sandbox.faults.pending).toBe(0);
  });

  it('drops the connection without an answer', async () => {
    sandbox.faults.add({ path: '/organizations', dropConnection: true });
    await expect(call('GET', '/organizations', { token: primaryToken })).rejects.toThrow();
    expectOk(await call('GET', '/organizations', { token: primaryToken }), OrganizationListResponse);
  });

  it('holds back the answer of a request it performed, so a timed-out create happens once', async () => {
    sandbox.faults.add({ method: 'POST', path: '/organizations', delayMs: 400 });
    const requestId = randomUUID();
    const aborted = request(`${sandbox.url}/organizations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${primaryToken}`,
        'content-type': 'application/json',
        'x-client-request-id': requestId,
      },
      body: JSON.stringify({ name: `Delayed ${requestId}` }),
      dispatcher,
      signal: AbortSignal.timeout(100),
    });
    // The client gave up on its own timer, before the held-back answer could arrive.
    await expect(aborted).rejects.toMatchObject({ name: 'TimeoutError' });
    const seen = sandbox.faults.requests.filter((r) => r.requestId === requestId);
    expect(seen).toEqual([{ method: 'POST', path: '/organizations', requestId }]);
    const list = expectOk(
      await call('GET', '/organizations?limit=1000', { token: primaryToken }),
      OrganizationListResponse,
    );
    expect(list.items.filter((o) => o.name === `Delayed ${requestId}`)).toHaveLength(1);
  });

  it('logs every request with its X-Client-Request-ID and echoes the header', async () => {
    sandbox.faults.clearRequests();
    const requestId = randomUUID();
    const answer = await call('GET', '/organizations/acme-robotics?expand=permissions', {
      token: primaryToken,
      headers: { 'x-client-request-id': requestId },
    });
    expect(answer.headers['x-client-request-id']).toBe(requestId);
    expect(sandbox.faults.requests).toEqual([{ method: 'GET', path: '/organizations/acme-robotics', requestId }]);
  });

  it('clear() removes pending faults', async () => {
    sandbox.faults.add({ path: '/organizations', status: 500, times: Infinity });
    sandbox.faults.clear();
    expectOk(await call('GET', '/organizations', { token: primaryToken }), OrganizationListResponse);
  });
});

describe('determinism', () => {
  it('seeds identical IDs, credentials and data on every start', async () => {
    const [a, b] = await Promise.all([startSandbox(), startSandbox()]);
    try {
      expect(a.url).not.toBe(b.url);
      expect(b.credentials).toEqual(a.credentials);
      expect(a.credentials).toEqual(sandbox.credentials);
      expect(a.credentials).toHaveLength(5);
      const fetchUsers = async (s: RunningSandbox): Promise<unknown> => {
        const token = await (async () => {
          const r = await request(`${s.url}/service-account-token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              grant_type: 'client_credentials',
              client_id: s.primaryCredential.clientId,
              client_secret: s.primaryCredential.clientSecret,
            }).toString(),
            dispatcher,
          });
          return TokenResponse.parse(await r.body.json()).access_token;
        })();
        const r = await request(`${s.url}/organizations/umbrella-health/users?limit=1000`, {
          headers: { authorization: `Bearer ${token}` },
          dispatcher,
        });
        return UserListResponse.parse(await r.body.json());
      };
      const [usersA, usersB] = await Promise.all([fetchUsers(a), fetchUsers(b)]);
      expect(usersB).toEqual(usersA);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
