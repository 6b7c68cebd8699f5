import type { Query, QueryClient } from '@tanstack/svelte-query';
import { IpcFailure } from '../ipc/ipc-failure';

/** Coming back to the window refreshes what is older than this; younger data is left alone. */
export const REFRESH_ON_FOCUS_AFTER_MS = 5 * 60_000;

export interface Freshness {
  /** When the oldest data on screen was fetched (ms since the epoch); `null` before anything arrived. */
  updatedAt: number | null;
  fetching: boolean;
  /** The server could not be reached on the last try while older data stays on screen. */
  offline: { message: string } | null;
}

const EMPTY: Freshness = { updatedAt: null, fetching: false, offline: null };

/** Every cache key of an organization's data is `[kind, profileId, orgId, …]` (see query-keys). */
export function belongsTo(query: Query, profileId: string, orgId: string): boolean {
  const key = query.queryKey;
  return key[1] === profileId && key[2] === orgId;
}

function unreachable(error: unknown): error is IpcFailure {
  return error instanceof IpcFailure && (error.kind === 'network' || error.kind === 'timeout');
}

/**
 * What the organization's views show, summed up: only queries a view reads count (a list
 * read an hour ago and closed since is not on screen), and the oldest of them is the age.
 */
export function freshnessOf(queries: readonly Query[]): Freshness {
  const shown = queries.filter((query) => query.getObserversCount() > 0);
  if (shown.length === 0) return EMPTY;
  const times = shown.map((query) => query.state.dataUpdatedAt).filter((time) => time > 0);
  const failed = shown.find((query) => query.state.data !== undefined && unreachable(query.state.error));
  return {
    updatedAt: times.length === 0 ? null : Math.min(...times),
    fetching: shown.some((query) => query.state.fetchStatus === 'fetching'),
    offline: failed ? { message: (failed.state.error as IpcFailure).message } : null,
  };
}

/** The age and reachability of one organization's data under one profile, kept current from the query cache. */
export class OrgFreshness {
  state = $state<Freshness>(EMPTY);

  constructor(
    private readonly client: QueryClient,
    private readonly profileId: string,
    private readonly orgId: string,
  ) {}

  /** Follows the cache until the returned function is called. */
  follow(): () => void {
    const cache = this.client.getQueryCache();
    const update = () => {
      const next = freshnessOf(cache.findAll({ predicate: (query) => belongsTo(query, this.profileId, this.orgId) }));
      const current = this.state;
      if (
        next.updatedAt !== current.updatedAt ||
        next.fetching !== current.fetching ||
        next.offline?.message !== current.offline?.message
      ) {
        this.state = next;
      }
    };
    update();
    return cache.subscribe(update);
  }

  /** Reads again everything of the organization a view shows (Refresh, Ctrl+R, Retry). */
  refresh(): Promise<void> {
    return this.client.refetchQueries({
      type: 'active',
      predicate: (query) => belongsTo(query, this.profileId, this.orgId),
    });
  }

  /** On coming back to the window: refreshes only data older than `maxAgeMs`. */
  refreshIfOlderThan(maxAgeMs: number, now: number): Promise<void> | undefined {
    const { updatedAt, fetching } = this.state;
    if (fetching || updatedAt === null || now - updatedAt < maxAgeMs) return undefined;
    return this.refresh();
  }
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "just now", "3 minutes ago", "2 hours ago", "yesterday". */
export function ageLabel(updatedAt: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - updatedAt) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  return relative.format(-Math.round(hours / 24), 'day');
}
