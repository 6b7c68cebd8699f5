import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, InternalServerError, RateLimitError } from '../../../src/main/api/core/errors';
import { backoffMs, retryAfterMs } from '../../../src/main/api/core/retry';
import { FakeKeycard, ORG, caught, page } from './fake-keycard';

let fake: FakeKeycard;
afterEach(async () => {
  await fake.close();
});

const unavailable = { status: 503, body: { message: 'Try later', code: 'unavailable', status: 503 } };

describe('retries', () => {
  it('retries a GET on 503 with exponential backoff', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push(unavailable, unavailable, { status: 200, body: page([ORG]) });
    const result = await fake.client().organizations.list();
    expect(result.items).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(3);
    expect(fake.sleeps).toEqual([500, 1000]);
    const attempts = fake.logLines
      .map((l) => JSON.parse(l) as { event: string; attempt?: number; status?: number })
      .filter((l) => l.event === 'api.request')
      .map((l) => [l.attempt, l.status]);
    expect(attempts).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
  });

  it('gives up after maxRetries and reports the last attempt', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push(unavailable, unavailable, unavailable, unavailable);
    const err = await caught(fake.client().organizations.list());
    expect(err).toBeInstanceOf(InternalServerError);
    expect(fake.apiRequests).toHaveLength(3);
    expect((err as InternalServerError).requestId).toBe(fake.apiRequests[2]?.headers['x-client-request-id']);
  });

  it('does not retry when maxRetries is 0', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push(unavailable);
    await caught(fake.client({ maxRetries: 0 }).organizations.list());
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('retries PATCH and DELETE on 502 and 408', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 502 }, { status: 200, body: ORG }, { status: 408 }, { status: 204 });
    const client = fake.client();
    await client.organizations.update('acme', { name: 'B' });
    await client.request({ method: 'DELETE', path: '/organizations/acme/users/u1' });
    expect(fake.apiRequests.map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'DELETE', 'DELETE']);
  });

  it('does not retry a GET on 4xx other than 408/429', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 409, body: { message: 'Conflict', code: 'conflict', status: 409 } });
    await caught(fake.client().organizations.list());
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('never replays a POST after a 5xx: the server may have acted', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 500 }, { status: 201, body: ORG });
    const err = await caught(fake.client().organizations.create({ name: 'Acme' }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('retries a POST on 429, honouring Retry-After seconds', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 429, headers: { 'retry-after': '2' } }, { status: 201, body: ORG });
    await fake.client().organizations.create({ name: 'Acme' });
    expect(fake.apiRequests).toHaveLength(2);
    expect(fake.sleeps).toEqual([2000]);
  });

  it('prefers retry-after-ms', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push(
      { status: 429, headers: { 'retry-after-ms': '150', 'retry-after': '9' } },
      { status: 200, body: page([]) },
    );
    await fake.client().organizations.list();
    expect(fake.sleeps).toEqual([150]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    fake = new FakeKeycard();
    const at = new Date(fake.clock + 3000).toUTCString();
    fake.apiScript.push({ status: 503, headers: { 'retry-after': at } }, { status: 200, body: page([]) });
    await fake.client().organizations.list();
    expect(fake.sleeps).toHaveLength(1);
    expect(fake.sleeps[0]).toBeGreaterThan(2000);
    expect(fake.sleeps[0]).toBeLessThanOrEqual(3000);
  });

  it('fails at once when the server asks for more than a minute', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({
      status: 429,
      headers: { 'retry-after': '600' },
      body: { message: 'Slow down', code: 'rate_limited', status: 429 },
    });
    const err = await caught(fake.client().organizations.list());
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.message).toBe('Slow down');
    expect((err as RateLimitError).retryAfterMs).toBe(600_000);
    expect(fake.sleeps).toEqual([]);
  });

  it('retries a POST that timed out connecting, since it never left', async () => {
    fake = new FakeKeycard();
    fake.failWith('UND_ERR_CONNECT_TIMEOUT', 2);
    fake.apiScript.push({ status: 201, body: ORG });
    await fake.client().organizations.create({ name: 'Acme' });
    expect(fake.sleeps).toHaveLength(2);
  });

  it('answers a refused connection or an unknown host at once, without a request ID no server saw', async () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH']) {
      fake = new FakeKeycard();
      fake.failWith(code, 3);
      const err = await caught(fake.client().organizations.create({ name: 'Acme' }));
      expect(err).toBeInstanceOf(ConnectionError);
      expect(err.message).toBe(`Could not reach https://keycard.test (${code}).`);
      expect((err as ConnectionError).requestId).toBeUndefined();
      expect(fake.sleeps).toEqual([]);
      expect(fake.apiRequests).toHaveLength(1);
      await fake.close();
    }
    fake = new FakeKeycard();
  });

  it('retries a refused connection when the client is told to (background work)', async () => {
    fake = new FakeKeycard();
    fake.failWith('ECONNREFUSED');
    fake.apiScript.push({ status: 200, body: page([ORG]) });
    await fake.client({ retryUnreachable: true }).organizations.list();
    expect(fake.sleeps).toHaveLength(1);
  });

  it('does not retry a POST after a connection reset or a header timeout', async () => {
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT']) {
      fake = new FakeKeycard();
      fake.failWith(code, 3);
      const err = await caught(fake.client().organizations.create({ name: 'Acme' }));
      expect(err.message).toContain(code === 'UND_ERR_HEADERS_TIMEOUT' ? 'did not answer' : code);
      expect(fake.sleeps).toEqual([]);
      await fake.close();
    }
    fake = new FakeKeycard();
  });

  it('retries a GET after a connection reset', async () => {
    fake = new FakeKeycard();
    fake.failWith('ECONNRESET');
    fake.apiScript.push({ status: 200, body: page([ORG]) });
    const result = await fake.client().organizations.list();
    expect(result.items).toHaveLength(1);
    expect(fake.sleeps).toEqual([500]);
  });

  it('gives up on connection errors after maxRetries with a ConnectionError', async () => {
    fake = new FakeKeycard();
    fake.failWith('ECONNRESET', 3);
    const err = await caught(fake.client().organizations.list());
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('network');
    expect(err.message).toBe('The connection to https://keycard.test failed during GET /organizations (ECONNRESET).');
    expect((err as ConnectionError).requestId).toBe(fake.apiRequests[2]?.headers['x-client-request-id']);
    expect(fake.sleeps).toHaveLength(2);
  });

  it('does not retry TLS certificate failures', async () => {
    fake = new FakeKeycard();
    fake.failWith('DEPTH_ZERO_SELF_SIGNED_CERT', 3);
    const err = await caught(fake.client().organizations.list());
    expect(err.message).toContain('TLS certificate');
    expect(fake.sleeps).toEqual([]);
  });

  it('retries a POST whose token fetch failed: the POST itself was never sent', async () => {
    fake = new FakeKeycard();
    fake.tokenScript.push({ status: 503 });
    fake.apiScript.push({ status: 201, body: ORG });
    await fake.client().organizations.create({ name: 'Acme' });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('computes backoff from 0.5 s, doubling, capped at 8 s, with at most 25 % jitter', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffMs(0, () => 1)).toBe(375);
    expect(retryAfterMs({ 'retry-after': 'soon' }, 0)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '1.5' }, 0)).toBe(1500);
  });
});
