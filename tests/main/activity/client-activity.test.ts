import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityLog } from '../../../src/main/activity/activity-log';
import { DeadlineError } from '../../../src/main/errors';
import { ClientCredentialsAuth, BearerAuth } from '../../../src/main/api/core/auth';
import type { KeycardClientOptions } from '../../../src/main/api/core/client';
import { CLIENT_ID, FakeKeycard, ORG, SECRET, caught, page } from '../api/fake-keycard';

const OWNER = { profileId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', profileName: 'Work' };
const basic = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');
const unavailable = { status: 503, body: { message: 'Try later', code: 'unavailable', status: 503 } };

let fake: FakeKeycard;
afterEach(async () => {
  await fake.close();
});

/** A client whose requests, token requests included, go to `log`. */
function recorded(log: ActivityLog, options: Partial<KeycardClientOptions> = {}) {
  const onRequest = log.observerFor(OWNER);
  const auth = new ClientCredentialsAuth({
    baseUrl: fake.base,
    clientId: CLIENT_ID,
    getSecret: async () => SECRET,
    dispatcher: fake.agent,
    now: () => fake.clock,
    onRequest,
  });
  return fake.client({ auth, onRequest, ...options });
}

describe('what the client tells the activity log', () => {
  it('records the token request and each attempt, with the request ID each carried and its retry count', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push(unavailable, unavailable, unavailable);
    const log = new ActivityLog();
    const err = await caught(recorded(log).organizations.list({ limit: 5 }));
    const sent = fake.requests.map((r) => r.headers['x-client-request-id']);
    const entries = log.list({}).entries.reverse();
    expect(entries.map((e) => [e.method, e.path, e.status, e.retry])).toEqual([
      ['POST', '/service-account-token', 200, 0],
      ['GET', '/organizations?limit=5&expand[]=permissions', 503, 0],
      ['GET', '/organizations?limit=5&expand[]=permissions', 503, 1],
      ['GET', '/organizations?limit=5&expand[]=permissions', 503, 2],
    ]);
    expect(entries.map((e) => e.requestId)).toEqual(sent);
    // The ID the user is shown is the last attempt's, and the log has it.
    expect((err as { requestId?: string }).requestId).toBe(entries.at(-1)!.requestId);
    expect(entries.every((e) => e.profileName === 'Work' && e.profileId === OWNER.profileId)).toBe(true);
  });

  it('records a failure without an answer by its kind', async () => {
    fake = new FakeKeycard();
    fake.failWith('ECONNRESET', 3);
    const log = new ActivityLog();
    await caught(recorded(log).organizations.retrieve('acme'));
    const api = log.list({ orgId: 'acme' }).entries;
    expect(api).toHaveLength(3);
    expect(api.every((e) => e.failure === 'network' && e.status === undefined)).toBe(true);
    expect(log.list({ errorsOnly: true }).entries).toHaveLength(3);
  });

  it('records a cancelled request as cancelled', async () => {
    fake = new FakeKeycard();
    const controller = new AbortController();
    fake.apiScript.push(() => {
      controller.abort();
      return { status: 200, body: ORG };
    });
    const log = new ActivityLog();
    await caught(recorded(log).organizations.retrieve('acme', {}, { signal: controller.signal }));
    expect(log.list({ orgId: 'acme' }).entries.map((e) => e.failure)).toEqual(['cancelled']);
  });

  it('records a request the action ran out of time on as timed out, and one the server answered too large', async () => {
    fake = new FakeKeycard();
    const controller = new AbortController();
    fake.apiScript.push(() => {
      controller.abort(new DeadlineError(30_000));
      return { status: 200, body: ORG };
    });
    const log = new ActivityLog();
    const client = recorded(log, { maxResponseBytes: 64 });
    await caught(client.organizations.retrieve('acme', {}, { signal: controller.signal }));
    fake.apiScript.push({ status: 200, body: page([ORG, ORG]) });
    await caught(client.organizations.list());
    expect(log.list({ errorsOnly: true }).entries.map((e) => [e.status, e.failure])).toEqual([
      [200, 'too_large'],
      [undefined, 'timeout'],
    ]);
  });

  it('goes on answering when the observer throws', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 200, body: page([ORG]) });
    const throwing = () => {
      throw new Error('observer bug');
    };
    const result = await fake.client({ onRequest: throwing }).organizations.list();
    expect(result.items).toHaveLength(1);
  });

  it('never records a secret, a token, an Authorization value or a body', async () => {
    fake = new FakeKeycard();
    const log = new ActivityLog();
    const client = recorded(log);
    // A body carrying a secret-looking value, a refused token refreshed once, and a refused login.
    fake.apiScript.push({ status: 201, body: ORG }, { status: 401 }, { status: 200, body: ORG });
    await client.organizations.create({ name: `Name-${SECRET}` });
    await client.organizations.retrieve('acme');
    fake.tokenScript.push({ status: 401, body: { message: 'bad', code: 'invalid_client', status: 401 } });
    await caught(recorded(new ActivityLog()).organizations.list());
    const bearerLog = new ActivityLog();
    const pasted = 'pasted-Bearer-Canary-91x';
    fake.apiScript.push({ status: 401 });
    await caught(
      fake
        .client({ auth: new BearerAuth({ getToken: async () => pasted }), onRequest: bearerLog.observerFor(OWNER) })
        .organizations.list(),
    );
    const text = JSON.stringify([log.list({}), bearerLog.list({})]);
    for (const needle of [SECRET, basic, 'tok-1', 'tok-2', pasted, 'Bearer', 'Basic', 'authorization', 'Name-']) {
      expect(text).not.toContain(needle);
    }
    expect(log.list({}).entries).toHaveLength(5);
  });

  it('never records a query value other than the harmless ones, whatever the path and query (property)', async () => {
    fake = new FakeKeycard();
    const log = new ActivityLog();
    const client = recorded(log, { maxRetries: 0 });
    const MARK = 'Z9leakZ9';
    const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,20}$/).filter((s) => s !== '.' && s !== '..');
    const value = fc.string({ maxLength: 30 }).map((s) => s + MARK);
    const key = fc.constantFrom('limit', 'after', 'before', 'query[email]', 'role', 'expand[]', 'q', 'email');
    await fc.assert(
      fc.asyncProperty(segment, fc.dictionary(key, value, { maxKeys: 4 }), async (org, query) => {
        const before = log.latestId;
        await client.request({ method: 'GET', path: `/organizations/${org}/identities`, query });
        const [entry] = log.list({ afterId: before }).entries;
        expect(entry!.orgId).toBe(org);
        expect(entry!.path.startsWith(`/organizations/${org}/identities`)).toBe(true);
        expect(JSON.stringify(entry)).not.toContain(MARK);
      }),
      { numRuns: 200 },
    );
  });
});
