import { header, type RawResponse } from './transport';

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 8_000;
/**
 * A server asking for a longer wait than this gets an immediate error instead: a desktop
 * UI should not sit silent for minutes, and the user can try again later.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses worth another try of a request that is safe to repeat. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Exponential backoff from 0.5 s, capped at 8 s, minus up to 25 % jitter so a crowd of
 * clients that failed together does not come back together.
 */
export function backoffMs(retry: number, random: () => number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** retry, BACKOFF_CAP_MS);
  return Math.round(base * (1 - random() * 0.25));
}

/**
 * The wait the server asked for: `retry-after-ms` first (finer), then `Retry-After` as
 * seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: RawResponse['headers'], now: number): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const raw = header(headers, 'retry-after');
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
