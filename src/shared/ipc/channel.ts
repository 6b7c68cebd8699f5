import type { z } from 'zod';

/** One IPC operation: the schema main validates the payload with, and the schema of its answer. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelSpec<I, O> {
  return { input, output };
}

/** A domain groups verbs: `orgs.list` travels on the channel `orgs:list`. */
export type Domain = Record<string, ChannelSpec>;
export type Contract = Record<string, Domain>;

export function channelName(domain: string, verb: string): string {
  return `${domain}:${verb}`;
}

/** Every `[domain, verb, channelName]` of a contract, in declaration order. */
export function listChannels(contract: Contract): Array<[string, string, string]> {
  return Object.entries(contract).flatMap(([domain, verbs]) =>
    Object.keys(verbs).map((verb): [string, string, string] => [domain, verb, channelName(domain, verb)]),
  );
}
