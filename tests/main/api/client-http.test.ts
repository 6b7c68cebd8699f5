import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BearerAuth } from '../../../src/main/api/core/auth';
import { KeycardClient } from '../../../src/main/api/core/client';
import { ConnectionError, TimeoutError } from '../../../src/main/api/core/errors';
import { closeAllPools } from '../../../src/main/api/core/pool';
import { ORG, caught, page } from './fake-keycard';
import { LoopbackServer, json, type Handler } from './loopback-server';

/** Over real sockets, through the shared pool: resets, timeouts and refused connections. */
const loopback = new LoopbackServer();
const { seen } = loopback;
const serve = (handler: Handler): Promise<string> => loopback.serve(handler);

function client(baseUrl: string, timeoutMs = 5_000): { client: KeycardClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const c = new KeycardClient({
    baseUrl,
    auth: new BearerAuth({ getToken: async () => 't' }),
    timeoutMs,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { client: c, sleeps };
}

afterEach(() => loopback.close());
afterAll(closeAllPools);

describe('KeycardClient over real HTTP', () => {
  it('retries a GET whose connection was reset', async () => {
    const url = await serve((req, res, n) => (n === 1 ? req.socket.destroy() : json(res, 200, page([ORG]))));
    const { client: c, sleeps } = client(url);
    const result = await c.organizations.list();
    expect(result.items).toHaveLength(1);
    expect(seen).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('does not replay a POST whose connection was reset after sending', async () => {
    const url = await serve((req) => req.socket.destroy());
    const { client: c } = client(url);
    const err = await caught(c.organizations.create({ name: 'Acme' }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toMatch(/The organization may have been created: refresh before trying again\.$/);
    expect((err as ConnectionError).code).toBe('outcome_unknown');
    expect(seen).toEqual(['POST /organizations?expand%5B%5D=permissions']);
  });

  it('gives up on an answer that drips in slower than its deadline', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // A byte every 50 ms never trips the 150 ms gap timer; only the whole-answer deadline can stop it.
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const { client: c } = client(url, 150);
    const started = Date.now();
    const err = await caught(c.organizations.create({ name: 'Acme' }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toBe(
      `${url} did not finish answering POST /organizations within 300 ms. The organization may have been created: refresh before trying again.`,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(seen).toHaveLength(1);
  });

  it('does not replay a POST that timed out, and retries a GET that did', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const post = client(url, 150);
    const err = await caught(post.client.organizations.create({ name: 'Acme' }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).kind).toBe('timeout');
    // Whichever of undici's header timer (150 ms) and the attempt's deadline (300 ms) fires first, the limit is named.
    expect(err.message).toMatch(
      /did not (answer POST \/organizations within 150 ms|finish answering POST \/organizations within 300 ms)\. The organization may have been created: refresh before trying again\.$/,
    );
    expect((err as TimeoutError).requestId).toBeDefined();
    expect(seen).toHaveLength(1);

    seen.length = 0;
    const get = client(url, 150);
    await caught(get.client.organizations.list());
    expect(seen).toHaveLength(3);
  });

  it('reports a refused connection at once, without retrying and without a request ID', async () => {
    const url = await serve(() => {});
    await new Promise((resolve) => loopback.server?.close(resolve));
    const { client: c, sleeps } = client(url);
    const err = await caught(c.organizations.create({ name: 'Acme' }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).code).toBe('ECONNREFUSED');
    expect((err as ConnectionError).requestId).toBeUndefined();
    expect(sleeps).toEqual([]);
  });
});
