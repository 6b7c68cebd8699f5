import { flushSync } from 'svelte';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DelayedFlag, SLOW_CALL_MS } from '../../src/renderer/src/lib/state/delayed-flag.svelte';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

it('turns on only once the condition has held for the delay, and off as soon as it stops', () => {
  let busy = $state(false);
  let flag: DelayedFlag | undefined;
  const cleanup = $effect.root(() => {
    flag = new DelayedFlag(() => busy);
  });
  flushSync();

  busy = true;
  flushSync();
  vi.advanceTimersByTime(SLOW_CALL_MS - 1);
  expect(flag?.value).toBe(false);
  vi.advanceTimersByTime(1);
  expect(flag?.value).toBe(true);

  busy = false;
  flushSync();
  expect(flag?.value).toBe(false);

  // A short call that ends before the delay never shows it, nor does a timer left behind.
  busy = true;
  flushSync();
  vi.advanceTimersByTime(SLOW_CALL_MS / 2);
  busy = false;
  flushSync();
  vi.advanceTimersByTime(SLOW_CALL_MS);
  expect(flag?.value).toBe(false);
  cleanup();
});
