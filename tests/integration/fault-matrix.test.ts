import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAllPools, createKeycardClient, type KeycardClient } from '../../src/main/api';
import type { OrgdeskError } from '../../src/main/errors';
import { CallRegistry } from '../../src/main/ipc/calls';
import { startSandbox, type FaultSpec, type RunningSandbox } from '../../src/main/sandbox/server';
import {
  declareHuge,
  dripForever,
  neverAnswer,
  redirectTo,
  startMisbehavingServer,
  streamForever,
  type Misbehaviour,
  type MisbehavingServer,
} from '../support/misbehaving-server';

/**
 * How the client fails, over real HTTP, when the server misbehaves: the error kind the user
 * sees, an upper bound on how long it took, how many requests reached the server, and that a
 * create is never performed twice. Faults the sandbox can script run against the sandbox; the
 * rest against a tiny misbehaving loopback server.
 */
const CALL_BUDGET_MS = 2_000;
/** Room for three attempts and two backoffs (0.5 s and 1 s) however loaded the machine is. */
const RETRY_BUDGET_MS = 6_000;
/** An upper bound for what should be immediate, generous for a shared 2-core machine. */
const AT_ONCE_MS = 1_500;

let sandbox: RunningSandbox;
let rogue: MisbehavingServer;
let closedPortUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  rogue = await startMisbehavingServer();
  const closed = await startMisbehavingServer();
  closedPortUrl = closed.url;
  await closed.close();
});
afterAll(async () => {
  await sandbox?.close();
  await rogue?.close();
  await closeAllPools();
});
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.faults.clearRequests();
});

type Call = 'list' | 'create';

interface Case {
  name: string;
  /** Sandbox faults, or a misbehaviour of the rogue server, or a closed port. */
  target: { faults: FaultSpec[] } | { misbehave: Misbehaviour } | 'closed-port';
  call: Call;
  expected: { ok: true } | { kind: OrgdeskError['kind']; code?: string; message?: RegExp };
  /** Requests to the API path (token requests apart). */
  requests: number;
  tokenRequests?: number;
  maxMs: number;
  /** The call's budget; retry cases get room for every attempt so the count does not depend on timing. */
  budgetMs?: number;
}

const list = { method: 'GET', path: '/organizations' };
const create = { method: 'POST', path: '/organizations' };
const token = { method: 'POST', path: '/service-account-token' };

const cases: Case[] = [
  {
    name: '429 with Retry-After, then success',
    target: { faults: [{ ...list, status: 429, retryAfterSeconds: 1 }] },
    call: 'list',
    expected: { ok: true },
    requests: 2,
    budgetMs: RETRY_BUDGET_MS,
    maxMs: RETRY_BUDGET_MS,
  },
  {
    name: '429 asking for longer than the budget has left',
    target: { faults: [{ ...list, status: 429, retryAfterSeconds: 20 }] },
    call: 'list',
    expected: { kind: 'api', message: /Too many requests/ },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: '503 once',
    target: { faults: [{ ...list, status: 503 }] },
    call: 'list',
    expected: { ok: true },
    requests: 2,
    budgetMs: RETRY_BUDGET_MS,
    maxMs: RETRY_BUDGET_MS,
  },
  {
    name: '503 always',
    target: { faults: [{ ...list, status: 503, times: Infinity }] },
    call: 'list',
    expected: { kind: 'api', message: /Server error/ },
    requests: 3,
    budgetMs: RETRY_BUDGET_MS,
    maxMs: RETRY_BUDGET_MS,
  },
  {
    name: 'connection reset always',
    target: { faults: [{ ...list, dropConnection: true, times: Infinity }] },
    call: 'list',
    expected: { kind: 'network', message: /ECONNRESET|UND_ERR_SOCKET/ },
    requests: 3,
    budgetMs: RETRY_BUDGET_MS,
    maxMs: RETRY_BUDGET_MS,
  },
  {
    name: 'malformed JSON in a 200',
    target: { faults: [{ ...list, status: 200, body: 'this is not JSON' }] },
    call: 'list',
    expected: { kind: 'unexpected_response', message: /the body is not JSON/ },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: 'a required field missing',
    target: {
      faults: [
        {
          ...list,
          status: 200,
          body: { items: [{ id: 'x' }], page_info: { has_next_page: false, has_prev_page: false } },
        },
      ],
    },
    call: 'list',
    expected: { kind: 'unexpected_response', message: /items\.0\.name is required/ },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: 'token endpoint failing once, then recovering',
    target: { faults: [{ ...token, status: 503 }] },
    call: 'list',
    expected: { ok: true },
    requests: 1,
    tokenRequests: 2,
    budgetMs: RETRY_BUDGET_MS,
    maxMs: RETRY_BUDGET_MS,
  },
  {
    name: 'token endpoint answering too late',
    target: { faults: [{ ...token, delayMs: 5_000 }] },
    call: 'list',
    expected: { kind: 'timeout', code: 'deadline', message: /did not answer POST \/service-account-token within 2 s/ },
    requests: 0,
    tokenRequests: 1,
    maxMs: CALL_BUDGET_MS + 500,
  },
  {
    name: 'token endpoint refusing the credential',
    target: { faults: [{ ...token, status: 401, times: Infinity }] },
    call: 'list',
    expected: { kind: 'auth' },
    requests: 0,
    tokenRequests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: 'POST create answered 500',
    target: { faults: [{ ...create, status: 500 }] },
    call: 'create',
    expected: { kind: 'api', message: /Server error/ },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: 'POST create whose answer is lost after the server acted',
    target: { faults: [{ ...create, delayMs: 5_000 }] },
    call: 'create',
    expected: {
      kind: 'timeout',
      code: 'outcome_unknown',
      message: /may have been created: refresh before trying again/,
    },
    requests: 1,
    maxMs: CALL_BUDGET_MS + 500,
  },
  {
    name: 'POST create answered 500 after the server acted',
    target: { faults: [{ ...create, status: 500, afterAction: true }] },
    call: 'create',
    expected: { kind: 'api', message: /Server error/ },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: 'POST create whose connection drops after the server acted',
    target: { faults: [{ ...create, dropConnection: true, afterAction: true }] },
    call: 'create',
    expected: { kind: 'network', code: 'outcome_unknown', message: /may have been created/ },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: 'POST create whose connection is reset',
    target: { faults: [{ ...create, dropConnection: true }] },
    call: 'create',
    expected: { kind: 'network', code: 'outcome_unknown', message: /may have been created/ },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: 'refused connection',
    target: 'closed-port',
    call: 'list',
    expected: { kind: 'network', message: /Could not reach .*ECONNREFUSED/ },
    requests: 0,
    maxMs: AT_ONCE_MS,
  },
  {
    name: 'never answers',
    target: { misbehave: neverAnswer },
    call: 'list',
    expected: { kind: 'timeout', code: 'deadline', message: /within 2 s, this action's limit/ },
    requests: 1,
    maxMs: CALL_BUDGET_MS + 500,
  },
  {
    name: 'slow drip',
    target: { misbehave: dripForever },
    call: 'list',
    expected: { kind: 'timeout', code: 'deadline', message: /within 2 s, this action's limit/ },
    requests: 1,
    maxMs: CALL_BUDGET_MS + 500,
  },
  {
    name: 'endless body',
    target: { misbehave: streamForever },
    call: 'list',
    expected: { kind: 'unexpected_response', code: 'response_too_large', message: /larger than 16 MB/ },
    requests: 1,
    maxMs: CALL_BUDGET_MS,
  },
  {
    name: '600 MB declared',
    target: { misbehave: declareHuge },
    call: 'list',
    expected: { kind: 'unexpected_response', code: 'response_too_large' },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
  {
    name: '3xx to another origin',
    target: { misbehave: redirectTo('https://elsewhere.example/organizations') },
    call: 'list',
    expected: { kind: 'api', message: /302/ },
    requests: 1,
    maxMs: AT_ONCE_MS,
  },
];

function clientFor(target: Case['target']): KeycardClient {
  const baseUrl = target === 'closed-port' ? closedPortUrl : 'misbehave' in target ? rogue.url : sandbox.url;
  const { clientId, clientSecret } = sandbox.primaryCredential;
  return createKeycardClient({
    baseUrl,
    credentials: { type: 'client_credentials', clientId, getSecret: async () => clientSecret },
  });
}

async function run(client: KeycardClient, call: Call, name: string, budgetMs: number): Promise<void> {
  // The budget a real IPC call gets, from the dispatcher's own registry.
  const open = new CallRegistry().open(budgetMs, undefined);
  try {
    if (call === 'list') await client.organizations.listAll({}, open.context);
    else await client.organizations.create({ name }, {}, open.context);
  } finally {
    open.end();
  }
}

function apiRequests(target: Case['target'], call: Call): { api: number; token: number } {
  if (target === 'closed-port') return { api: 0, token: 0 };
  if ('misbehave' in target) {
    return {
      api: rogue.seen.filter((r) => r === 'GET /organizations' || r === 'POST /organizations').length,
      token: rogue.seen.filter((r) => r === 'POST /service-account-token').length,
    };
  }
  const method = call === 'list' ? 'GET' : 'POST';
  return {
    api: sandbox.faults.requests.filter((r) => r.method === method && r.path === '/organizations').length,
    token: sandbox.faults.requests.filter((r) => r.path === '/service-account-token').length,
  };
}

describe('fault matrix', () => {
  it.each(cases)('$name', async (c) => {
    if (c.target !== 'closed-port') {
      if ('faults' in c.target) for (const fault of c.target.faults) sandbox.faults.add(fault);
      else rogue.behave(c.target.misbehave);
    }
    const name = `Matrix ${c.name}`;
    const before = sandbox.state.organizations.all().filter((o) => o.name === name).length;
    const started = performance.now();
    const outcome = await run(clientFor(c.target), c.call, name, c.budgetMs ?? CALL_BUDGET_MS).then(
      () => ({ ok: true as const }),
      (error: OrgdeskError) => error,
    );
    const elapsed = performance.now() - started;

    if ('ok' in c.expected) {
      expect(outcome).toEqual({ ok: true });
    } else {
      expect(outcome).toMatchObject({ kind: c.expected.kind, ...(c.expected.code ? { code: c.expected.code } : {}) });
      if (c.expected.message) expect((outcome as OrgdeskError).message).toMatch(c.expected.message);
      // An ID is shown only for a request some server may have logged.
      if (c.requests === 0 && !c.tokenRequests) expect((outcome as OrgdeskError).requestId).toBeUndefined();
    }
    expect(elapsed).toBeLessThan(c.maxMs);
    const seen = apiRequests(c.target, c.call);
    expect(seen.api).toBe(c.requests);
    if (c.tokenRequests !== undefined) expect(seen.token).toBe(c.tokenRequests);
    if (c.call === 'create') {
      // However the answer was lost, the create reached the server at most once.
      const created = sandbox.state.organizations.all().filter((o) => o.name === name).length - before;
      expect(created).toBeLessThanOrEqual(1);
      const fault = c.target !== 'closed-port' && 'faults' in c.target ? c.target.faults[0] : undefined;
      // A fault after the action, or a held-back answer, lets the create happen: exactly once.
      if (fault?.afterAction) expect(created).toBe(1);
      else if (
        c.expected &&
        'code' in c.expected &&
        c.expected.code === 'outcome_unknown' &&
        c.target !== 'closed-port'
      ) {
        expect(created).toBe(fault?.delayMs ? 1 : 0);
      }
    }
  });
});
