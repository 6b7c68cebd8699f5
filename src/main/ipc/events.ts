import type { z } from 'zod';
import { events, type AppEvents } from '../../shared/ipc/contract';
import { eventChannelName, type EventSpec } from '../../shared/ipc/event';
import type { Logger } from '../log';

/** What sending needs of a window's contents; Electron's `WebContents` has it. */
export interface EventTarget {
  isDestroyed(): boolean;
  /** The URL of the top frame. */
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/** What main may pass for an event's payload (before its schema's defaults and transforms). */
export type EventPayloadInput<S> = S extends EventSpec<infer P> ? z.input<P> : never;

/**
 * Sends one contract event to a window and says whether it went. It goes only once its payload
 * passes the event's schema, and only to a live window showing the app's own page: after a
 * navigation away (which the guards should prevent) the page there gets nothing.
 */
export type SendEvent = <D extends keyof AppEvents, N extends keyof AppEvents[D] & string>(
  target: EventTarget,
  domain: D,
  name: N,
  payload: EventPayloadInput<AppEvents[D][N]>,
) => boolean;

export interface EventSenderOptions {
  /** Whether a top-frame URL is the app's own renderer page (`rendererLocation().isAppUrl`). */
  isAppUrl(url: string): boolean;
  logger: Logger;
}

export function createEventSender({ isAppUrl, logger }: EventSenderOptions): SendEvent {
  return (target, domain, name, payload) => {
    const channel = eventChannelName(domain, name);
    // A window closing while a menu item is chosen is ordinary: nothing to say.
    if (target.isDestroyed()) return false;
    const spec: EventSpec = (events[domain] as Record<string, EventSpec>)[name]!;
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      // Paths and messages only: a payload's values stay out of the log.
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      logger.error('ipc.event_invalid', { channel, issues });
      return false;
    }
    if (!isAppUrl(target.getURL())) {
      logger.warn('ipc.event_refused', { channel, reason: 'the window is not showing Orgdesk' });
      return false;
    }
    target.send(channel, parsed.data);
    return true;
  };
}
