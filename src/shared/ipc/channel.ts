import type { z } from 'zod';

/** One IPC operation: the schema main validates the payload with, and the schema of its answer. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /**
   * The whole budget of one call, retries and waits included. Main answers `timeout` once it
   * passes however the work is stuck, and the message names this figure.
   */
  readonly deadlineMs: number;
}

/** What one user action may take unless its channel says otherwise. */
export const DEFAULT_DEADLINE_MS = 30_000;

export function channel<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  options: { deadlineMs?: number } = {},
): ChannelSpec<I, O> {
  return { input, output, deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS };
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
