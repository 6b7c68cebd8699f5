/** "59:59", "1 h 04 min", "2 d 3 h": how long a token has left, down to the second in its last hour. */
export function countdown(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** A credential nobody has used for this long is worth a look: it may be forgotten, or leaked and idle. */
export const STALE_AFTER_DAYS = 90;

/** "never used", "used today", "used 12 days ago"; `stale` past 90 days or never used since long. */
export function lastUsed(
  lastUsedAt: string | null | undefined,
  createdAt: string,
  now: number,
): { text: string; stale: boolean } {
  const since = (iso: string) => Math.floor((now - Date.parse(iso)) / DAY_MS);
  if (!lastUsedAt) {
    return { text: 'Never used', stale: since(createdAt) >= STALE_AFTER_DAYS };
  }
  const days = since(lastUsedAt);
  const text = days <= 0 ? 'Used today' : days === 1 ? 'Used yesterday' : `Used ${days} days ago`;
  return { text: days >= STALE_AFTER_DAYS ? `Unused for ${days} days` : text, stale: days >= STALE_AFTER_DAYS };
}
