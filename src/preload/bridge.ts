import { listChannels } from '../shared/ipc/channel';
import { contract, type OrgdeskApi } from '../shared/ipc/contract';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

type Method = (input?: unknown) => Promise<unknown>;

/**
 * Builds `window.orgdesk` from the contract: `orgdesk.orgs.list(input)` invokes `orgs:list`.
 * Each method forwards exactly one argument, so extra arguments a caller passes never reach
 * main, and the objects are frozen so page code cannot swap a method for its own.
 */
export function createBridge(invoke: Invoke): OrgdeskApi {
  const domains: Record<string, Record<string, Method>> = {};
  for (const [domain, verb, channel] of listChannels(contract)) {
    const verbs = (domains[domain] ??= {});
    verbs[verb] = (input?: unknown) => invoke(channel, input);
  }
  for (const verbs of Object.values(domains)) Object.freeze(verbs);
  // The contract's types say which input each method takes; the walk above cannot express that.
  return Object.freeze(domains) as unknown as OrgdeskApi;
}
