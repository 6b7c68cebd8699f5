import type { OrgdeskApi } from '../shared/ipc/contract';
import { EVENTS_KEY } from '../shared/ipc/event';

export type Invoke = (channel: string, payload: unknown, callId?: string) => Promise<unknown>;

/** `[domain, verb, channel]` for every contract entry, as `listChannels(contract)` gives them. */
export type ChannelList = ReadonlyArray<readonly [domain: string, verb: string, channel: string]>;

type Method = (input?: unknown, options?: unknown) => Promise<unknown>;

/**
 * Adds a listener for what main sends on `channel` (`ipcRenderer.on`, whose listeners get the
 * IPC event first) and returns a function removing exactly that listener.
 */
export type Listen = (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => () => void;

export interface EventBridgeOptions {
  listen: Listen;
  /** `listEvents(events)`, generated at build time like the invoke channels. */
  channels: ChannelList;
}

interface Subscription {
  subscribe(listener: unknown): () => void;
}

/**
 * Builds `window.orgdesk` from the contract's channel list: `orgdesk.orgs.list(input)` invokes
 * `orgs:list`. The list is passed in rather than derived here so that the preload bundle never
 * holds the contract's schemas (the build generates it; tests pass `listChannels(contract)`).
 * Each method forwards the input and, when the caller gave one, a string `callId` (the handle
 * `calls.cancel` uses) and nothing else, so extra arguments never reach main; the objects are
 * frozen so page code cannot swap a method for its own.
 */
export function createBridge(invoke: Invoke, channels: ChannelList, events?: EventBridgeOptions): OrgdeskApi {
  const domains: Record<string, Record<string, Method> | Record<string, Record<string, Subscription>>> = {};
  for (const [domain, verb, channel] of channels) {
    if (domain === EVENTS_KEY) throw new Error(`No invoke domain may be named ${EVENTS_KEY}`);
    const verbs = (domains[domain] ??= {}) as Record<string, Method>;
    verbs[verb] = (input?: unknown, options?: unknown) => {
      const callId = callIdOf(options);
      return callId === undefined ? invoke(channel, input) : invoke(channel, input, callId);
    };
  }
  for (const verbs of Object.values(domains)) Object.freeze(verbs);
  if (events) domains[EVENTS_KEY] = eventSubscriptions(events);
  // The contract's types say which input each method takes; the walk above cannot express that.
  return Object.freeze(domains) as unknown as OrgdeskApi;
}

/** Main validates the ID; the preload only makes sure a string, not an object with getters, crosses. */
function callIdOf(options: unknown): string | undefined {
  if (options === null || typeof options !== 'object') return undefined;
  const callId: unknown = (options as { callId?: unknown }).callId;
  return typeof callId === 'string' ? callId : undefined;
}

/**
 * `events.<domain>.<name>.subscribe(listener)` per event channel. The page's listener gets the
 * payload alone: never the IPC event (whose `sender` is ipcRenderer itself) nor any further
 * argument. Each subscription removes only its own listener, once.
 */
function eventSubscriptions({ listen, channels }: EventBridgeOptions): Record<string, Record<string, Subscription>> {
  const domains: Record<string, Record<string, Subscription>> = {};
  for (const [domain, name, channel] of channels) {
    const names = (domains[domain] ??= {});
    names[name] = Object.freeze({
      subscribe(listener: unknown): () => void {
        if (typeof listener !== 'function') throw new TypeError(`${domain}.${name}.subscribe needs a function`);
        let remove: (() => void) | undefined = listen(channel, (_event, payload) => listener(payload));
        return () => {
          remove?.();
          remove = undefined;
        };
      },
    });
  }
  for (const names of Object.values(domains)) Object.freeze(names);
  return Object.freeze(domains);
}
