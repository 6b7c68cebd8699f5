import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallScope, cancellableCall, isCancelled } from '../../src/renderer/src/lib/ipc/cancellable';
import { installFakeBridge } from './support/fake-bridge';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('cancellableCall', () => {
  it('gives the call an ID and, when the signal aborts, asks main to cancel that ID', async () => {
    const bridge = installFakeBridge();
    bridge.hang('orgs:list');
    const controller = new AbortController();
    const call = cancellableCall(controller.signal, (options) => window.orgdesk.orgs.list({ profileId: 'p' }, options));
    controller.abort();

    const failure = await call.catch((error: unknown) => error);
    expect(isCancelled(failure)).toBe(true);
    const [list, cancel] = bridge.calls;
    expect(list?.callId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cancel).toEqual({ channel: 'calls:cancel', input: { callId: list?.callId }, callId: undefined });
  });

  it("reports main's answer when the call finished before the cancel arrived", async () => {
    const bridge = installFakeBridge();
    const pending = bridge.hang('orgs:create');
    const controller = new AbortController();
    const call = cancellableCall(controller.signal, (options) =>
      window.orgdesk.orgs.create({ profileId: 'p', name: 'Made it' }, options),
    );
    const created = { id: 'o1', name: 'Made it' };
    pending.settle({ ok: true, value: created });
    await expect(call).resolves.toEqual(created);
    controller.abort();
    expect(bridge.calls.map((c) => c.channel)).toEqual(['orgs:create']);
  });

  it('sends nothing for a signal that already aborted', async () => {
    const bridge = installFakeBridge();
    const call = cancellableCall(AbortSignal.abort(), (options) =>
      window.orgdesk.orgs.list({ profileId: 'p' }, options),
    );
    expect(isCancelled(await call.catch((error: unknown) => error))).toBe(true);
    expect(bridge.calls).toEqual([]);
  });

  it('sends no call ID when nothing can cancel the call', async () => {
    const bridge = installFakeBridge();
    bridge.answer('orgs:list', async () => ({ ok: true, value: { items: [] } }));
    await cancellableCall(undefined, (options) => window.orgdesk.orgs.list({ profileId: 'p' }, options));
    expect(bridge.calls[0]?.callId).toBeUndefined();
  });
});

describe('CallScope', () => {
  it('cancels every call under way and forgets the ones that ended', async () => {
    const scope = new CallScope();
    const seen: AbortSignal[] = [];
    const finished = await scope.run(async (signal) => {
      seen.push(signal);
      return 'done';
    });
    let release: () => void = () => undefined;
    const running = scope.run(
      (signal) =>
        new Promise<void>((resolve) => {
          seen.push(signal);
          release = resolve;
        }),
    );
    scope.cancelAll();
    expect(finished).toBe('done');
    expect(seen.map((signal) => signal.aborted)).toEqual([false, true]);
    release();
    await running;
  });
});
