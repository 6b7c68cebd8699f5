/** Fixed clock base so seeded timestamps are identical on every start. */
export const SEED_CLOCK_BASE = '2026-01-05T09:00:00.000Z';

export function seedTime(offsetMs: number): string {
  return new Date(Date.parse(SEED_CLOCK_BASE) + offsetMs).toISOString();
}

export function hours(n: number): number {
  return n * 3600 * 1000;
}
