import type { z } from 'zod';

/** One main→renderer event: the schema main checks every payload against before sending it. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
}

export function event<P extends z.ZodType>(payload: P): EventSpec<P> {
  return { payload };
}

/**
 * The key the event subscriptions sit under in `window.orgdesk` (`orgdesk.events.menu.command`).
 * Kept here, in a file without runtime imports, so the preload can import it.
 */
export const EVENTS_KEY = 'events';

/** A domain groups events: `menu.command` travels on the channel `event:menu:command`. */
export type EventDomain = Record<string, EventSpec>;
export type EventContract = Record<string, EventDomain>;

/**
 * Events get a prefix of their own so that no event can share a name with an invoke channel
 * (`domain:verb`), whatever the two sections of the contract come to hold.
 */
export function eventChannelName(domain: string, name: string): string {
  return `event:${domain}:${name}`;
}

/** Every `[domain, name, channelName]` of an event contract, in declaration order. */
export function listEvents(events: EventContract): Array<[string, string, string]> {
  return Object.entries(events).flatMap(([domain, names]) =>
    Object.keys(names).map((name): [string, string, string] => [domain, name, eventChannelName(domain, name)]),
  );
}
