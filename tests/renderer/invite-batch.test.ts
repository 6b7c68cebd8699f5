import { QueryClient } from '@tanstack/svelte-query';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Invitation } from '../../src/shared/api/invitations';
import type { OrganizationRole } from '../../src/shared/api/users';
import type { IpcError, IpcResult } from '../../src/shared/ipc/result';
import type { InviteEntry } from '../../src/shared/people/invite-list';
import { InviteBatch, MAYBE_SENT_MESSAGE } from '../../src/renderer/src/lib/people/invite-batch.svelte';
import { queryKeys } from '../../src/renderer/src/lib/queries/query-keys';
import { installFakeBridge, type FakeBridge } from './support/fake-bridge';

const ref = { profileId: 'profile-1', orgId: 'org-1' };

const entry = (email: string, fields: Partial<InviteEntry> = {}): InviteEntry => ({
  line: 1,
  raw: email,
  email,
  role: 'org_member',
  roleText: 'org_member',
  status: 'ready',
  ...fields,
});

const invitation = (email: string, role: OrganizationRole): Invitation => ({
  id: `inv-${email}`,
  email,
  role,
  status: 'pending',
  created_by: 'user-1',
  expires_at: '2026-02-05T13:00:00.000Z',
  organization_id: 'org-1',
  created_at: '2026-01-05T13:00:00.000Z',
  updated_at: '2026-01-05T13:00:00.000Z',
});

const refused = (error: IpcError): IpcResult<never> => ({ ok: false, error });
const conflict = (code: string, message: string) =>
  refused({ kind: 'api', status: 409, code, message, requestId: `req-${code}` });
const lost = refused({
  kind: 'network',
  code: 'outcome_unknown',
  message: 'The connection was reset. The invitation may have been sent.',
});

/** What main answers when a create is cancelled after its request went out. */
const cancelledAfterSending = refused({
  kind: 'cancelled',
  code: 'outcome_unknown',
  message: 'Cancelled after the request was sent, so it may have been carried out: refresh before trying again.',
});

interface Pending {
  email: string;
  callId: string | undefined;
  settle(result: IpcResult<unknown>): void;
}

/**
 * A bridge whose invites wait until the test settles them, one by one; `calls:cancel` answers
 * the named call `cancelled`, as main does for a request that had not gone out.
 */
function controlledBridge() {
  const bridge = installFakeBridge();
  const pending: Pending[] = [];
  const sent: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  bridge.answer('people:invite', (input, options) => {
    const { email } = input as { email: string };
    sent.push(email);
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    return new Promise((resolve) => {
      pending.push({
        email,
        callId: options?.callId,
        settle: (result) => {
          inFlight -= 1;
          resolve(result);
        },
      });
    });
  });
  const onTheWire = new Set<string>();
  bridge.answer('calls:cancel', async (input) => {
    const { callId } = input as { callId: string };
    const index = pending.findIndex((call) => call.callId === callId);
    if (index !== -1) {
      const [call] = pending.splice(index, 1);
      call!.settle(
        onTheWire.has(call!.email)
          ? cancelledAfterSending
          : { ok: false, error: { kind: 'cancelled', message: 'Cancelled.' } },
      );
    }
    return { ok: true, value: { cancelled: index !== -1 } };
  });
  return {
    bridge,
    pending,
    sent,
    /** A cancel of this address's call comes too late: the request is already on its way. */
    alreadySent(email: string) {
      onTheWire.add(email);
    },
    get mostInFlight() {
      return mostInFlight;
    },
    /** Settles the waiting call for `email` and lets the batch pick up the next one. */
    async settle(email: string, result: IpcResult<unknown>) {
      const index = pending.findIndex((call) => call.email === email);
      if (index === -1) throw new Error(`${email} is not waiting`);
      pending.splice(index, 1)[0]!.settle(result);
      await flush();
    },
  };
}

/** Lets the batch's promise chains run until it waits on the bridge again. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Answers every invite at once from a script keyed by address. */
function scriptedBridge(script: Record<string, IpcResult<unknown>>): FakeBridge {
  const bridge = installFakeBridge();
  bridge.answer('people:invite', async (input) => {
    const { email, role } = input as { email: string; role: OrganizationRole };
    return script[email] ?? { ok: true, value: invitation(email, role) };
  });
  return bridge;
}

let queryClient: QueryClient;

beforeEach(() => {
  queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.people(ref.profileId, ref.orgId), { items: [] });
});

afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const newBatch = (concurrency?: number) => new InviteBatch({ ref, queryClient, concurrency });
const statuses = (batch: InviteBatch) => batch.rows.map((row) => `${row.email}: ${row.status}`);
const invites = (bridge: FakeBridge) =>
  bridge.calls.filter((call) => call.channel === 'people:invite').map((call) => call.input);
const peopleInvalidated = () =>
  queryClient.getQueryState(queryKeys.people(ref.profileId, ref.orgId))?.isInvalidated ?? false;

describe('sending a batch', () => {
  it('sends only the ready rows and reports each answer without stopping at a failure', async () => {
    const bridge = scriptedBridge({
      'ada@acme.example': conflict('already_member', 'ada@acme.example is already a member of this organization'),
      'grace@acme.example': conflict('already_invited', 'grace@acme.example already has a pending invitation'),
      'alan@acme.example': conflict('conflict', 'Someone else is inviting alan@acme.example right now'),
      'kath@acme.example': refused({ kind: 'api', status: 500, message: 'Internal error', requestId: 'req-500' }),
      'edsger@acme.example': lost,
    });
    const batch = newBatch();
    batch.load([
      entry('ada@acme.example'),
      entry('not-an-email', { status: 'invalid', problem: 'Enter an email address such as name@example.com' }),
      entry('grace@acme.example'),
      entry('ADA@acme.example', { status: 'duplicate', problem: 'Duplicate of line 1' }),
      entry('alan@acme.example'),
      entry('kath@acme.example'),
      entry('edsger@acme.example'),
      entry('barbara@acme.example', { role: 'org_admin' }),
    ]);
    expect(batch.counts).toMatchObject({ ready: 6, invalid: 1, duplicate: 1 });

    await batch.send();

    expect(statuses(batch)).toEqual([
      'ada@acme.example: already_member',
      'not-an-email: invalid',
      'grace@acme.example: already_invited',
      'ADA@acme.example: duplicate',
      'alan@acme.example: failed',
      'kath@acme.example: failed',
      'edsger@acme.example: maybe_sent',
      'barbara@acme.example: sent',
    ]);
    expect(invites(bridge)).toHaveLength(6);
    expect(invites(bridge)).toContainEqual({ ...ref, email: 'barbara@acme.example', role: 'org_admin' });
    const row = (email: string) => batch.rows.find((r) => r.email === email)!;
    expect(row('ada@acme.example').message).toBe('ada@acme.example is already a member of this organization');
    expect(row('not-an-email').message).toBe('Enter an email address such as name@example.com');
    // Any other 409 shows what the server said.
    expect(row('alan@acme.example')).toMatchObject({
      message: 'Someone else is inviting alan@acme.example right now',
      error: { status: 409, code: 'conflict', requestId: 'req-conflict' },
    });
    expect(row('kath@acme.example')).toMatchObject({
      message: 'Internal error',
      error: { status: 500, requestId: 'req-500' },
    });
    expect(row('edsger@acme.example')).toMatchObject({
      message: MAYBE_SENT_MESSAGE,
      error: { code: 'outcome_unknown' },
    });
    expect(batch.counts).toMatchObject({ sent: 1, already_member: 1, already_invited: 1, failed: 2, maybe_sent: 1 });
    expect(batch.retryable).toBe(2);
    expect(batch.running).toBe(false);
    expect(peopleInvalidated()).toBe(true);
  });

  it('keeps at most four invitations in flight and picks the next as each one answers', async () => {
    const fake = controlledBridge();
    const batch = newBatch();
    const emails = Array.from({ length: 10 }, (_, i) => `person${i}@acme.example`);
    batch.load(emails.map((email) => entry(email)));
    const sending = batch.send();
    await flush();
    expect(fake.sent).toEqual(emails.slice(0, 4));
    expect(batch.running).toBe(true);
    expect(batch.counts).toMatchObject({ sending: 4, ready: 6 });

    await fake.settle('person2@acme.example', { ok: true, value: invitation('person2@acme.example', 'org_member') });
    expect(fake.sent).toEqual(emails.slice(0, 5));
    while (fake.pending.length > 0) {
      const { email } = fake.pending[0]!;
      await fake.settle(email, { ok: true, value: invitation(email, 'org_member') });
    }
    await sending;
    expect(fake.mostInFlight).toBe(4);
    expect(batch.counts.sent).toBe(10);
    expect(fake.sent).toHaveLength(10);
  });

  it('leaves the people list alone when nothing was sent', async () => {
    installFakeBridge();
    const batch = newBatch();
    batch.load([entry('nope', { status: 'invalid', problem: 'Enter an email address such as name@example.com' })]);
    await batch.send();
    expect(peopleInvalidated()).toBe(false);
  });
});

describe('cancelling', () => {
  it('stops the calls in flight and leaves the rest not sent; one that had gone out may have been sent', async () => {
    const fake = controlledBridge();
    const batch = newBatch();
    const emails = Array.from({ length: 8 }, (_, i) => `person${i}@acme.example`);
    batch.load(emails.map((email) => entry(email)));
    const sending = batch.send();
    await flush();
    await fake.settle('person0@acme.example', { ok: true, value: invitation('person0@acme.example', 'org_member') });
    await fake.settle('person1@acme.example', lost);
    expect(fake.pending.map((call) => call.email)).toEqual(emails.slice(2, 6));
    // Main answers a cancel of a request already on the wire as cancelled with outcome_unknown.
    fake.alreadySent('person3@acme.example');

    batch.cancel();
    await sending;

    expect(statuses(batch)).toEqual([
      'person0@acme.example: sent',
      'person1@acme.example: maybe_sent',
      'person2@acme.example: not_sent',
      'person3@acme.example: maybe_sent',
      ...emails.slice(4).map((email) => `${email}: not_sent`),
    ]);
    expect(batch.rows[3]?.message).toBe(MAYBE_SENT_MESSAGE);
    expect(fake.sent).toEqual(emails.slice(0, 6));
    expect(fake.bridge.calls.filter((call) => call.channel === 'calls:cancel')).toHaveLength(4);
    expect(batch.retryable).toBe(5);
    expect(peopleInvalidated()).toBe(true);

    // Retrying sends the five that never went out, and neither maybe-sent one.
    const retrying = batch.retryFailed();
    await flush();
    while (fake.pending.length > 0) {
      const { email } = fake.pending[0]!;
      await fake.settle(email, { ok: true, value: invitation(email, 'org_member') });
    }
    await retrying;
    expect(fake.sent.slice(6).sort()).toEqual(['person2@acme.example', ...emails.slice(4)].sort());
  });
});

describe('retrying', () => {
  it('sends the failed and not-sent rows again, never the sent, maybe-sent or refused ones', async () => {
    const script: Record<string, IpcResult<unknown>> = {
      'ada@acme.example': refused({ kind: 'api', status: 503, message: 'Try later' }),
      'grace@acme.example': lost,
      'alan@acme.example': conflict('already_invited', 'alan@acme.example already has a pending invitation'),
    };
    const bridge = scriptedBridge(script);
    const batch = newBatch();
    batch.load(['ada', 'grace', 'alan', 'kath'].map((name) => entry(`${name}@acme.example`)));
    await batch.send();
    expect(batch.retryable).toBe(1);

    delete script['ada@acme.example'];
    await batch.retryFailed();

    expect(statuses(batch)).toEqual([
      'ada@acme.example: sent',
      'grace@acme.example: maybe_sent',
      'alan@acme.example: already_invited',
      'kath@acme.example: sent',
    ]);
    const emails = invites(bridge).map((input) => (input as { email: string }).email);
    expect(emails).toEqual([
      'ada@acme.example',
      'grace@acme.example',
      'alan@acme.example',
      'kath@acme.example',
      'ada@acme.example',
    ]);
    expect(batch.retryable).toBe(0);
    await batch.retryFailed();
    expect(invites(bridge)).toHaveLength(5);
  });

  it('holds back an address sent (or maybe sent) earlier from the same window when a new list is loaded', async () => {
    const bridge = scriptedBridge({ 'grace@acme.example': lost });
    const batch = newBatch();
    batch.load([entry('ada@acme.example'), entry('grace@acme.example')]);
    await batch.send();

    batch.load([entry('Ada@Acme.example'), entry('grace@acme.example'), entry('alan@acme.example')]);
    expect(batch.rows.map((row) => [row.status, row.message])).toEqual([
      ['duplicate', 'Already sent from this window.'],
      ['duplicate', 'May already have been sent from this window — check the list before sending again.'],
      ['ready', undefined],
    ]);
    await batch.send();
    expect(invites(bridge)).toHaveLength(3);
  });

  it('holds back a repeat inside one loaded list even if the list did not mark it', async () => {
    const bridge = scriptedBridge({});
    const batch = newBatch();
    batch.load([entry('ada@acme.example'), entry('ADA@acme.example')]);
    await batch.send();
    expect(statuses(batch)).toEqual(['ada@acme.example: sent', 'ADA@acme.example: duplicate']);
    expect(invites(bridge)).toHaveLength(1);
  });
});

describe('never twice', () => {
  /** `hang`: waits until cancelled, then had not gone out; `hang-sent`: had gone out by then. */
  type Answer = 'ok' | 'lost' | 'failed' | 'member' | 'hang' | 'hang-sent';
  const answer = fc.constantFrom<Answer>('ok', 'lost', 'failed', 'member', 'hang', 'hang-sent');
  /** Answers that say the invitation was not created: the only ones after which an address may go out again. */
  const NOT_CREATED = new Set<Answer>(['failed', 'member', 'hang']);
  const person = fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.array(answer, { maxLength: 4 }));

  it('sends an address again only after an answer saying it was not created, across cancels, retries and reloads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(person, { selector: ([name]) => name, minLength: 1 }),
        fc.array(fc.constantFrom<'retry' | 'reload'>('retry', 'reload'), { maxLength: 4 }),
        async (people, steps) => {
          vi.unstubAllGlobals();
          const bridge = installFakeBridge();
          const scripts = new Map(people.map(([name, answers]) => [`${name}@acme.example`, [...answers]]));
          const hanging: Array<() => void> = [];
          bridge.answer('people:invite', (input) => {
            const { email, role } = input as { email: string; role: OrganizationRole };
            const next = scripts.get(email)?.shift() ?? 'ok';
            if (next === 'ok') return Promise.resolve({ ok: true, value: invitation(email, role) });
            if (next === 'lost') return Promise.resolve(lost);
            if (next === 'member') return Promise.resolve(conflict('already_member', 'member'));
            if (next === 'failed') return Promise.resolve(refused({ kind: 'api', status: 500, message: 'x' }));
            const onCancel =
              next === 'hang' ? refused({ kind: 'cancelled', message: 'Cancelled.' }) : cancelledAfterSending;
            return new Promise((resolve) => hanging.push(() => resolve(onCancel)));
          });
          bridge.answer('calls:cancel', async () => {
            for (const release of hanging.splice(0)) release();
            return { ok: true, value: { cancelled: true } };
          });
          const batch = newBatch(2);
          const list = people.map(([name]) => entry(`${name}@acme.example`));
          // Every call that does not hang answers within one turn; the ones that hang are cancelled.
          const finish = async (run: Promise<void>) => {
            await flush();
            batch.cancel();
            await run;
          };

          batch.load(list);
          await finish(batch.send());
          for (const action of steps) {
            if (action === 'reload') {
              batch.load(list);
              await finish(batch.send());
            } else {
              await finish(batch.retryFailed());
            }
          }

          const sends = new Map<string, number>();
          for (const call of bridge.calls.filter((c) => c.channel === 'people:invite')) {
            const { email } = call.input as { email: string };
            sends.set(email, (sends.get(email) ?? 0) + 1);
          }
          for (const [name, answers] of people) {
            const count = sends.get(`${name}@acme.example`) ?? 0;
            const before = [...answers, ...Array<Answer>(10).fill('ok')].slice(0, Math.max(0, count - 1));
            expect(before.every((given) => NOT_CREATED.has(given))).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
