import { isActivityError, type ActivityEntry, type ActivityFailure } from '../../../../shared/ipc/activity';

const FAILURES: Record<ActivityFailure, string> = {
  timeout: 'Timed out',
  network: 'Network error',
  cancelled: 'Cancelled',
  too_large: 'Too large',
  unsendable: 'Not sent',
};

/** What the Status column says: the HTTP status, or why there is none. */
export function outcomeLabel(entry: Pick<ActivityEntry, 'status' | 'failure'>): string {
  if (entry.failure !== undefined) {
    const why = FAILURES[entry.failure];
    return entry.status === undefined ? why : `${entry.status} · ${why}`;
  }
  return entry.status === undefined ? '—' : String(entry.status);
}

export const isFailed = isActivityError;

/** `14:03:07.412`, local time: requests come many a second, so the milliseconds matter. */
export function timeOfDay(iso: string): string {
  const date = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

export function latencyLabel(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/**
 * The path as a row shows it: the organization's ID (26 characters that the row already names)
 * shortened to `…`, so the resource after it stays in view. The tooltip and exports keep it whole.
 */
export function shortPath(entry: Pick<ActivityEntry, 'path' | 'orgId'>): string {
  if (entry.orgId === undefined) return entry.path;
  const prefix = `/organizations/${encodeURIComponent(entry.orgId)}`;
  return entry.path.startsWith(prefix) ? `/organizations/…${entry.path.slice(prefix.length)}` : entry.path;
}
