import type { OrgdeskApi } from '../shared/ipc/contract';

export type Invoke = (channel: string, payload: unknown, callId?: string) => Promise<unknown>;

/** `[domain, verb, channel]` for every contract entry, as `listChannels(contract)` gives them. */
export type ChannelList = ReadonlyArray<readonly [domain: string, verb: string, channel: string]>;

type Method = (input?: unknown, options?: unknown) => Promise<unknown>;

/**
 * Builds `window.orgdesk` from the contract's channel list: `orgdesk.orgs.list(input)` invokes
 * `orgs:list`. The list is passed in rather than derived here so that the preload bundle never
 * holds the contract's schemas (the build generates it; tests pass `listChannels(contract)`).
 * Each method forwards the input and, when the caller gave one, a string `callId` (the handle
 * `calls.cancel` uses) and nothing else, so extra arguments never reach main; the objects are
 * frozen so page code cannot swap a method for its own.
 */
export function createBridge(invoke: Invoke, channels: ChannelList): OrgdeskApi {
  const domains: Record<string, Record<string, Method>> = {};
  for (const [domain, verb, channel] of channels) {
    const verbs = (domains[domain] ??= {});
    verbs[verb] = (input?: unknown, options?: unknown) => {
      const callId = callIdOf(options);
      return callId === undefined ? invoke(channel, input) : invoke(channel, input, callId);
    };
  }
  for (const verbs of Object.values(domains)) Object.freeze(verbs);
  // The contract's types say which input each method takes; the walk above cannot express that.
  return Object.freeze(domains) as unknown as OrgdeskApi;
}

/** Main validates the ID; the preload only makes sure a string, not an object with getters, crosses. */
function callIdOf(options: unknown): string | undefined {
  if (options === null || typeof options !== 'object') return undefined;
  const callId: unknown = (options as { callId?: unknown }).callId;
  return typeof callId === 'string' ? callId : undefined;
}
