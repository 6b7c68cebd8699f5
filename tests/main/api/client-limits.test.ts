import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BearerAuth } from '../../../src/main/api/core/auth';
import { KeycardClient, type CallOptions } from '../../../src/main/api/core/client';
import { RateLimitError, TimeoutError, UnexpectedResponseError } from '../../../src/main/api/core/errors';
import { closeAllPools } from '../../../src/main/api/core/pool';
import { CancelledError, DeadlineError, InvalidInputError } from '../../../src/main/errors';
import { ORG, caught, page } from './fake-keycard';
import { LoopbackServer, json, type Handler } from './loopback-server';

/** The limits every call lives within, over real sockets: deadline, cancel, answer size, header values. */
const loopback = new LoopbackServer();
const { seen } = loopback;
const serve = (handler: Handler): Promise<string> => loopback.serve(handler);

function client(baseUrl: string, options: { token?: string; pool?: Pool; maxResponseBytes?: number } = {}) {
  return new KeycardClient({
    baseUrl,
    auth: new BearerAuth({ getToken: async () => options.token ?? 'token-1' }),
    ...(options.pool ? { dispatcher: options.pool } : {}),
    ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
  });
}

/** What the dispatcher hands a handler: a signal that fires with the call's own reason. */
function budget(ms: number): CallOptions & { controller: AbortController } {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DeadlineError(ms)), ms).unref();
  return { controller, signal: controller.signal, deadline: { at: Date.now() + ms, ms } };
}

afterEach(() => loopback.close());
afterAll(closeAllPools);

describe('a bearer token HTTP cannot carry', () => {
  it('is refused by name before anything is sent, and the pool keeps working after many', async () => {
    const url = await serve((_req, res) => json(res, 200, page([ORG])));
    const pool = new Pool(url, { connections: 8 });
    try {
      for (let i = 0; i < 12; i += 1) {
        const err = await caught(client(url, { token: 'abc\u200bdef', pool }).organizations.list());
        expect(err).toBeInstanceOf(InvalidInputError);
        expect((err as InvalidInputError).fields).toEqual([
          { path: 'token', message: 'Only letters, digits and - . _ ~ + / = are allowed in a bearer token' },
        ]);
      }
      expect(seen).toEqual([]);
      // Before the fix, undici took a connection for each refused header and never gave it back:
      // the ninth request to the origin, from any profile, waited forever.
      const result = await client(url, { pool }).organizations.list({}, budget(5_000));
      expect(result.items).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});

describe('one budget per action', () => {
  it('ends a request that never gets an answer at the deadline, naming it, without retrying past it', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const err = await caught(client(url).organizations.list({}, budget(300)));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toBe(`${url} did not answer GET /organizations within 300 ms, this action's limit.`);
    expect((err as TimeoutError).code).toBe('deadline');
    expect(seen).toHaveLength(1);
  });

  it('ends a request still queued for a connection when its signal fires', async () => {
    const url = await serve(() => {
      /* never answers: the only connection stays busy */
    });
    const pool = new Pool(url, { connections: 1 });
    try {
      const first = caught(client(url, { pool }).organizations.list({}, budget(2_000)));
      await expect.poll(() => seen.length).toBe(1);
      const err = await caught(client(url, { pool }).organizations.list({}, budget(200)));
      expect(err).toBeInstanceOf(TimeoutError);
      expect(err.message).toContain('within 200 ms');
      expect(seen).toHaveLength(1);
      await first;
    } finally {
      await pool.destroy();
    }
  });

  it('does not call a create that never left its queue "maybe created", nor show its request ID', async () => {
    const url = await serve(() => {
      /* never answers: the only connection stays busy */
    });
    const pool = new Pool(url, { connections: 1 });
    try {
      const first = caught(client(url, { pool }).organizations.list({}, budget(2_000)));
      await expect.poll(() => seen.length).toBe(1);
      const err = await caught(client(url, { pool }).organizations.create({ name: 'Queued' }, {}, budget(200)));
      expect(err).toBeInstanceOf(TimeoutError);
      expect(err.message).toBe(`${url} did not answer POST /organizations within 200 ms, this action's limit.`);
      expect((err as TimeoutError).code).toBe('deadline');
      expect((err as TimeoutError).requestId).toBeUndefined();
      expect(seen).toHaveLength(1);
      await first;
    } finally {
      await pool.destroy();
    }
  });

  it('stops at once when the user cancels, with nothing to report', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const call = budget(10_000);
    const pending = caught(client(url).organizations.list({}, call));
    await expect.poll(() => seen.length).toBe(1);
    call.controller.abort(new CancelledError());
    const err = await pending;
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as CancelledError).kind).toBe('cancelled');
    expect((err as CancelledError).code).toBe('cancelled');
  });

  it('says a create cancelled after it was sent may have been carried out', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const call = budget(10_000);
    const pending = caught(client(url).organizations.create({ name: 'Acme' }, {}, call));
    await expect.poll(() => seen.length).toBe(1);
    call.controller.abort(new CancelledError());
    const err = await pending;
    expect(err).toMatchObject({ kind: 'cancelled', code: 'outcome_unknown' });
    expect(err.message).toContain('may have been carried out: refresh before trying again');
  });

  it("names the action's limit, and tries no more, when an attempt cut short by the deadline times out", async () => {
    const url = await serve(() => {
      /* never answers */
    });
    // 29.7 s into a 30 s budget: the last attempt may wait 300 ms, and its own timer (not the
    // call's signal, which never fires here) is what ends it.
    const call: CallOptions = { signal: new AbortController().signal, deadline: { at: Date.now() + 300, ms: 30_000 } };
    const err = await caught(client(url).organizations.list({}, call));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toBe(`${url} did not answer GET /organizations within 30 s, this action's limit.`);
    expect((err as TimeoutError).code).toBe('deadline');
    expect(seen).toHaveLength(1);
  });

  it('does not start a backoff that would outlast the budget, and reports what the server said', async () => {
    const url = await serve((_req, res) => json(res, 429, { message: 'Slow down', code: 'rate_limited', status: 429 }));
    // The first backoff is 375-500 ms, longer than the 300 ms left.
    const err = await caught(client(url).organizations.create({ name: 'Acme' }, {}, budget(300)));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.message).toBe('Slow down');
    expect((err as RateLimitError).code).toBe('rate_limited');
    expect(seen).toHaveLength(1);
  });

  it('never says a create may have happened when the budget ends between attempts the server refused', async () => {
    const url = await serve((_req, res) => json(res, 429, { message: 'Slow down', code: 'rate_limited', status: 429 }));
    const outOfTime = (ms: number): CallOptions & { controller: AbortController } => {
      const controller = new AbortController();
      return { controller, signal: controller.signal, deadline: { at: Date.now() + 60_000, ms } };
    };
    // The budget runs out during the backoff after a 429 (the server did not act)...
    const duringWait = outOfTime(1_000);
    const waiting = new KeycardClient({
      baseUrl: url,
      auth: new BearerAuth({ getToken: async () => 'token-1' }),
      sleep: async (_ms, signal) => {
        duringWait.controller.abort(new DeadlineError(1_000));
        throw signal?.reason;
      },
    });
    const afterWait = await caught(waiting.organizations.create({ name: 'Acme' }, {}, duringWait));
    // ...or right after a 401 that made the client fetch a new token.
    const afterRefusal = outOfTime(2_000);
    const refreshing = new KeycardClient({
      baseUrl: url,
      auth: {
        getToken: async () => 'token-1',
        invalidate: () => {
          afterRefusal.controller.abort(new DeadlineError(2_000));
          return true;
        },
      },
    });
    loopback.server?.removeAllListeners('request');
    loopback.server?.on('request', (req: IncomingMessage, res: ServerResponse) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => json(res, 401, { message: 'Expired', code: 'unauthorized', status: 401 }));
    });
    const afterRefresh = await caught(refreshing.organizations.create({ name: 'Acme' }, {}, afterRefusal));
    for (const err of [afterWait, afterRefresh]) {
      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as TimeoutError).code).toBe('deadline');
      expect(err.message).not.toMatch(/may have been created/);
    }
  });

  it('does not wait out a Retry-After longer than what is left of the budget', async () => {
    const url = await serve((_req, res) =>
      json(res, 429, { message: 'Slow down', code: 'rate_limited', status: 429 }, { 'retry-after': '20' }),
    );
    const err = await caught(client(url).organizations.list({}, budget(5_000)));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.message).toBe('Slow down');
    expect(seen).toHaveLength(1);
  });
});

describe('answers too large to be real', () => {
  it('refuses a declared length over the cap without reading it and without retrying', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
      res.write('{"items":[');
    });
    const err = await caught(client(url, { maxResponseBytes: 1024 * 1024 }).organizations.list());
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect(err.message).toBe(
      'Unexpected response from GET /organizations: the answer is larger than 1 MB, so Orgdesk stopped reading it.',
    );
    expect((err as UnexpectedResponseError).code).toBe('response_too_large');
    expect(seen).toHaveLength(1);
  });

  it('stops reading a chunked answer once it passes the cap', async () => {
    let written = 0;
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setInterval(() => {
        if (!res.write(chunk)) return;
        written += chunk.length;
      }, 1);
      res.on('close', () => clearInterval(timer));
    });
    const err = await caught(client(url, { maxResponseBytes: 1024 * 1024 }).organizations.list());
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect((err as UnexpectedResponseError).status).toBe(200);
    expect(seen).toHaveLength(1);
    // The server stopped being read shortly after the cap: nowhere near what it would have sent.
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });
});
