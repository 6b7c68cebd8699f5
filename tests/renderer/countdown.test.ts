import { describe, expect, it } from 'vitest';
import { countdown, lastUsed, STALE_AFTER_DAYS } from '../../src/renderer/src/lib/service-accounts/countdown';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

describe('a token countdown', () => {
  it('shows seconds in the last hour, minutes under a day, hours beyond', () => {
    expect(countdown(59_000)).toBe('0:59');
    expect(countdown(3_599_000)).toBe('59:59');
    expect(countdown(3_600_000 + 4 * 60_000)).toBe('1 h 04 min');
    expect(countdown(2 * 86_400_000 + 3 * 3_600_000)).toBe('2 d 3 h');
    expect(countdown(-5)).toBe('0:00');
  });
});

describe('when a credential was last used', () => {
  it('says never, today, or how many days, and marks 90 days unused', () => {
    expect(lastUsed(undefined, daysAgo(3), NOW)).toEqual({ text: 'Never used', stale: false });
    expect(lastUsed(null, daysAgo(STALE_AFTER_DAYS), NOW)).toEqual({ text: 'Never used', stale: true });
    expect(lastUsed(daysAgo(0), daysAgo(200), NOW)).toEqual({ text: 'Used today', stale: false });
    expect(lastUsed(daysAgo(1), daysAgo(200), NOW)).toEqual({ text: 'Used yesterday', stale: false });
    expect(lastUsed(daysAgo(89), daysAgo(200), NOW)).toEqual({ text: 'Used 89 days ago', stale: false });
    expect(lastUsed(daysAgo(120), daysAgo(200), NOW)).toEqual({ text: 'Unused for 120 days', stale: true });
  });
});
