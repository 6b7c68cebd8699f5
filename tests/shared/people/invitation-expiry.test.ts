import { describe, expect, it } from 'vitest';
import { statusAt } from '../../../src/shared/people/invitation-expiry';

const now = Date.parse('2026-11-25T12:00:00Z');

describe('statusAt', () => {
  it('reads a pending invitation past its expiry as expired, from the very moment it expires', () => {
    expect(statusAt('pending', '2026-11-25T11:59:59Z', now)).toBe('expired');
    expect(statusAt('pending', '2026-11-25T12:00:00Z', now)).toBe('expired');
    expect(statusAt('pending', '2026-11-25T14:00:00+02:00', now)).toBe('expired');
    expect(statusAt('pending', '2026-11-25T12:00:01Z', now)).toBe('pending');
  });

  it('keeps every other status, and a pending one without a known expiry, as the server said', () => {
    for (const status of ['accepted', 'revoked', 'active', 'disabled', 'expired'] as const) {
      expect(statusAt(status, '2020-01-01T00:00:00Z', now)).toBe(status);
    }
    expect(statusAt('pending', undefined, now)).toBe('pending');
    expect(statusAt('pending', 'not a time', now)).toBe('pending');
  });
});
