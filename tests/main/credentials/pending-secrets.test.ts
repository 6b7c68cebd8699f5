import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PendingSecrets } from '../../../src/main/credentials/pending-secrets';
import { createLogger } from '../../../src/main/log';

const SECRET = 'cs_pending-unit-3f7b0c';

function setup(ttlMs = 600_000) {
  const lines: string[] = [];
  const pending = new PendingSecrets(
    createLogger((line) => lines.push(line), 'debug'),
    ttlMs,
  );
  return { lines, pending };
}

describe('fresh secrets held while their panel is open', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-25T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands a secret out by peek (kept) and take (forgotten)', () => {
    const { pending } = setup();
    expect(pending.put('cred_a', SECRET)).toEqual({ expiresAt: Date.parse('2026-11-25T12:10:00Z') });
    expect(pending.has('cred_a')).toBe(true);
    expect(pending.peek('cred_a')).toBe(SECRET);
    expect(pending.peek('cred_a')).toBe(SECRET);
    expect(pending.take('cred_a')).toBe(SECRET);
    expect(pending.take('cred_a')).toBeUndefined();
    expect(pending.has('cred_a')).toBe(false);
  });

  it('forgets a secret after its time, one by one, and all at quit', async () => {
    const { lines, pending } = setup();
    pending.put('cred_a', SECRET);
    await vi.advanceTimersByTimeAsync(300_000);
    pending.put('cred_b', 'second');
    await vi.advanceTimersByTimeAsync(299_999);
    expect(pending.peek('cred_a')).toBe(SECRET);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.peek('cred_a')).toBeUndefined();
    expect(pending.peek('cred_b')).toBe('second');
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { event: 'credentials.pending_secret_expired', key: 'cred_a' },
    ]);
    pending.put('cred_c', 'third');
    expect(pending.forget('cred_b')).toBe(true);
    expect(pending.forget('cred_b')).toBe(false);
    expect(pending.forgetAll()).toBe(1);
    expect(pending.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('goes by the clock when a timer is late (a machine waking from sleep)', () => {
    const { pending } = setup();
    pending.put('cred_a', SECRET);
    // The clock jumps without timers running, as after sleep.
    vi.setSystemTime(new Date('2026-11-25T12:10:00Z'));
    expect(pending.has('cred_a')).toBe(false);
    expect(pending.take('cred_a')).toBeUndefined();
  });

  it('replaces what a key held, with a fresh time', async () => {
    const { pending } = setup();
    pending.put('cred_a', 'first');
    await vi.advanceTimersByTimeAsync(500_000);
    pending.put('cred_a', SECRET);
    await vi.advanceTimersByTimeAsync(500_000);
    expect(pending.peek('cred_a')).toBe(SECRET);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('never shows a secret when serialised, inspected or logged', () => {
    const { lines, pending } = setup(1);
    pending.put('cred_a', SECRET);
    expect(JSON.stringify(pending)).toBe('{"pending":1}');
    expect(JSON.stringify({ pending })).not.toContain(SECRET);
    expect(inspect(pending, { depth: 10, showHidden: true })).toBe('PendingSecrets { pending: 1 }');
    expect(String(pending)).not.toContain(SECRET);
    vi.advanceTimersByTime(1);
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
