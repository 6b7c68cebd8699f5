import { vi } from 'vitest';
import type { CallOptions, OrgdeskApi } from '../../../src/shared/ipc/contract';
import type { IpcResult } from '../../../src/shared/ipc/result';

type Answer = (input: unknown, options?: CallOptions) => Promise<IpcResult<unknown>>;

export interface FakeBridge {
  api: OrgdeskApi;
  /** Every call made, in order: channel, input and the call ID it carried. */
  calls: Array<{ channel: string; input: unknown; callId: string | undefined }>;
  /** What `channel` answers from now on. */
  answer(channel: string, answer: Answer): void;
  /**
   * Makes `channel` hang until `calls.cancel` names its call ID, then answer `cancelled`, as main
   * does; or until `settle` is called with the answer main would give anyway.
   */
  hang(channel: string): { settle(result: IpcResult<unknown>): void };
  /** Delivers an event to the page's subscribers, as main's sender would. */
  emit(domain: string, name: string, payload: unknown): void;
  /** How many listeners `domain.name` has now. */
  subscribers(domain: string, name: string): number;
}

/** `window.orgdesk` as the preload exposes it, answering what each test scripts. */
export function installFakeBridge(): FakeBridge {
  const answers = new Map<string, Answer>();
  const waiting = new Map<string, (result: IpcResult<unknown>) => void>();
  const calls: FakeBridge['calls'] = [];
  const invoke = (channel: string) => (input: unknown, options?: CallOptions) => {
    calls.push({ channel, input, callId: options?.callId });
    const answer = answers.get(channel);
    if (!answer) throw new Error(`The test gave no answer for ${channel}`);
    return answer(input, options);
  };
  answers.set('calls:cancel', async (input) => {
    const { callId } = input as { callId: string };
    const resolve = waiting.get(callId);
    waiting.delete(callId);
    resolve?.({ ok: false, error: { kind: 'cancelled', message: 'Cancelled.', code: 'cancelled' } });
    return { ok: true, value: { cancelled: resolve !== undefined } };
  });
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const listenersOf = (domain: string, name: string) => {
    const key = `${domain}:${name}`;
    if (!listeners.has(key)) listeners.set(key, new Set());
    return listeners.get(key)!;
  };
  const events = new Proxy(
    {},
    {
      get: (_target, domain: string) =>
        new Proxy(
          {},
          {
            get: (_inner, name: string) => ({
              subscribe(listener: (payload: unknown) => void) {
                const set = listenersOf(domain, name);
                const own = (payload: unknown) => listener(payload);
                set.add(own);
                return () => set.delete(own);
              },
            }),
          },
        ),
    },
  );
  const api = new Proxy(
    {},
    {
      get: (_target, domain: string) =>
        domain === 'events'
          ? events
          : new Proxy({}, { get: (_inner, verb: string) => vi.fn(invoke(`${domain}:${verb}`)) }),
    },
  ) as OrgdeskApi;
  vi.stubGlobal('window', { orgdesk: api });
  return {
    api,
    calls,
    answer: (channel, answer) => answers.set(channel, answer),
    emit: (domain, name, payload) => {
      for (const listener of [...listenersOf(domain, name)]) listener(payload);
    },
    subscribers: (domain, name) => listenersOf(domain, name).size,
    hang(channel) {
      let settleLast: (result: IpcResult<unknown>) => void = () => undefined;
      answers.set(
        channel,
        (_input, options) =>
          new Promise((resolve) => {
            settleLast = resolve;
            if (options?.callId) waiting.set(options.callId, resolve);
          }),
      );
      return { settle: (result) => settleLast(result) };
    },
  };
}
