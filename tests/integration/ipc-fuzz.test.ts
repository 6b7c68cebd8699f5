import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { listChannels, type ChannelSpec } from '../../src/shared/ipc/channel';
import { contract } from '../../src/shared/ipc/contract';
import type { IpcResult } from '../../src/shared/ipc/result';
import { anyPayload, callIdArgument, nastyString, shapeSources, type FuzzTargets } from './fuzz/arbitraries';
import { closedPortUrl, FuzzFailure, FuzzHarness } from './fuzz/harness';
import { changedPrototypes, snapshotPrototypes } from './fuzz/prototypes';
import { escaped, POLICED_FIELDS, refusalsDue, refusedByName } from './fuzz/refusal-policy';
import { keysOf, shapedArbitrary } from './fuzz/zod-shapes';

/**
 * Every channel of the IPC contract, fuzzed through the real services against the embedded
 * sandbox over loopback HTTP: with arbitrary values, and with values of the channel's own shape
 * filled with hostile strings. Each answer must be the typed envelope, never `internal`, with no
 * stack trace and no secret (nor any in the log), prototypes untouched; bad fields are refused by
 * name; afterwards the pools still answer. Deterministic: a fixed seed and a fixed number of runs.
 */
const SEED = Number(process.env.ORGDESK_FUZZ_SEED ?? 20_260_105);
if (!Number.isSafeInteger(SEED)) throw new Error('ORGDESK_FUZZ_SEED must be an integer');
/** `ORGDESK_FUZZ_SCALE=10` for a longer hunt; the suite runs at 1. */
const SCALE = Number(process.env.ORGDESK_FUZZ_SCALE ?? 1);
const RUNS = { arbitrary: 200 * SCALE, shaped: 250 * SCALE, refusals: 60 * SCALE, channelNames: 200 * SCALE };
/** Caps one property, shrinking included, should every call get stuck. */
const PROPERTY_LIMIT_MS = 30_000;
const TEST_TIMEOUT_MS = 120_000;

const CHANNELS = listChannels(contract).map(([domain, verb, name]) => ({
  name,
  spec: (contract as unknown as Record<string, Record<string, ChannelSpec>>)[domain]![verb]!,
}));

let harness: FuzzHarness;
let sandbox: RunningSandbox;
let closedUrl: string;
let token: string;
let prototypesAtStart: ReturnType<typeof snapshotPrototypes>;

/** Each property's seed comes from its name, so running one test alone (`-t`) draws the same values. */
function parameters<T>(property: string, runs: number): fc.Parameters<T> {
  return {
    seed: (SEED ^ fnv1a(property)) | 0,
    numRuns: runs,
    plugins: [fc.interruptAfterTimeLimit(PROPERTY_LIMIT_MS) as fc.Plugin<T>],
  };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function freshTargets(): Promise<FuzzTargets> {
  return harness.targets(sandbox, closedUrl, token);
}

beforeAll(async () => {
  prototypesAtStart = snapshotPrototypes();
  harness = await FuzzHarness.start();
  await harness.ok('profiles:addSandbox');
  sandbox = await harness.services.sandbox.ensure();
  token = sandbox.state.tokens.issue(sandbox.primaryCredential.serviceAccountId).token;
  for (const credential of sandbox.credentials) harness.knownSecrets.add(credential.clientSecret);
  harness.knownSecrets.add(token);
  closedUrl = await closedPortUrl();
  console.info(
    `IPC fuzz: seed ${SEED}, scale ${SCALE}; the same seed draws the same values. To replay one channel: ` +
      `ORGDESK_FUZZ_SEED=${SEED} npx vitest run --project integration tests/integration/ipc-fuzz.test.ts -t '<channel>'`,
  );
}, 30_000);

afterAll(async () => {
  if (!harness) return;
  const calls = harness.totalCalls;
  console.info(`IPC fuzz: ${calls} calls over ${CHANNELS.length} channels (seed ${SEED}, scale ${SCALE})`);
  if ((await harness.dispose()) === 'stuck') console.warn('IPC fuzz: the services did not close: a pool is stuck');
});

describe.each(CHANNELS)('$name', ({ name, spec }) => {
  it(
    'answers arbitrary values with the typed envelope',
    async () => {
      const targets = await freshTargets();
      const payloads = anyPayload(keysOf(spec.input), targets);
      await fc.assert(
        fc.asyncProperty(payloads, callIdArgument, async (payload, callId) => {
          fc.pre(harness.staysOnThisMachine(name, payload));
          await harness.call(name, payload, callId);
        }),
        parameters(`${name} arbitrary`, RUNS.arbitrary),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'answers hostile values of its own shape with the typed envelope',
    async () => {
      const targets = await freshTargets();
      // Throws for a schema the fuzzer cannot shape, so a new kind of channel fails here until it can.
      const payloads = shapedArbitrary(spec.input, shapeSources(targets), name);
      await fc.assert(
        fc.asyncProperty(payloads, async (payload) => {
          fc.pre(harness.staysOnThisMachine(name, payload));
          await harness.call(name, payload);
        }),
        parameters(`${name} shaped`, RUNS.shaped),
      );
    },
    TEST_TIMEOUT_MS,
  );

  // One property per field the policy judges, so each bad field is its own failure and counterexample.
  for (const field of new Set(keysOf(spec.input).filter((key) => POLICED_FIELDS.has(key)))) {
    it(
      `refuses a bad ${field} by name`,
      async () => {
        const targets = await freshTargets();
        const payloads = shapedArbitrary(spec.input, shapeSources(targets), name);
        await fc.assert(
          fc.asyncProperty(payloads, async (payload) => {
            const due = refusalsDue(spec.input, payload).filter((refusal) => refusal.field === field);
            fc.pre(due.length > 0 && harness.staysOnThisMachine(name, payload));
            // Only the refusal is judged here; the rest of the answer is the properties above.
            const answer = (await harness.send(name, payload)) as IpcResult<unknown>;
            const missed = due.filter((refusal) => !refusedByName(answer, refusal));
            if (missed.length > 0) {
              const why = missed.map((r) => `${r.path} ${escaped(r.value)} ${r.reason}`).join('; ');
              throw new FuzzFailure(`${name}: ${why}, yet it was not refused by name: ${summary(answer)}`);
            }
          }),
          parameters(`${name} refuses ${field}`, RUNS.refusals),
        );
      },
      TEST_TIMEOUT_MS,
    );
  }
});

it('answers a channel that does not exist as invalid input', async () => {
  const known = new Set(CHANNELS.map((c) => c.name));
  const names = fc.oneof(
    fc.string(),
    nastyString,
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'orgs:', ':list', 'orgs:list '),
    fc.constantFrom(...known).map((n) => `${n}\u200b`),
    fc.constantFrom(...known).map((n) => n.toUpperCase()),
  );
  await fc.assert(
    fc.asyncProperty(names, fc.anything({ maxDepth: 2 }), async (channel, payload) => {
      fc.pre(!known.has(channel));
      const answer = await harness.call(channel, payload);
      if (answer.ok || answer.error.kind !== 'invalid_input') {
        throw new FuzzFailure(`unknown channel ${JSON.stringify(channel)}: ${summary(answer)}`);
      }
    }),
    parameters('unknown channels', RUNS.channelNames),
  );
});

describe('after the run', () => {
  it('still answers a normal orgs:list on the sandbox: no pool was left stuck', async () => {
    const { clientId, clientSecret } = sandbox.primaryCredential;
    const sandboxProfile = await harness.ok<{ id: string }>('profiles:addSandbox');
    const service = await harness.ok<{ id: string }>('profiles:create', {
      name: 'After the fuzz',
      color: '#16a34a',
      baseUrl: sandbox.url,
      authKind: 'client_credentials',
      clientId,
      clientSecret,
    });
    for (const profileId of [sandboxProfile.id, service.id]) {
      // `call` fails past CALL_BOUND_MS: a liveness bound, not a measure of speed.
      const answer = await harness.call('orgs:list', { profileId });
      expect(answer, summary(answer)).toMatchObject({ ok: true });
    }
  }, 30_000);

  it('left Object.prototype and the other prototypes as they were', () => {
    expect(changedPrototypes(prototypesAtStart)).toEqual([]);
  });

  it('answered no call with a secret an earlier call had sent', () => {
    expect(harness.earlierSecretsSeen.slice(0, 20)).toEqual([]);
  });

  it('left no secret in any log line or file', async () => {
    expect(await harness.secretsAtRest()).toEqual([]);
  });
});

function summary(answer: IpcResult<unknown>): string {
  const text = JSON.stringify(answer);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
