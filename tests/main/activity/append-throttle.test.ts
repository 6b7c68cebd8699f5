import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityLog } from '../../../src/main/activity/activity-log';
import { APPENDED_EVERY_MS, AppendThrottle } from '../../../src/main/activity/append-throttle';
import type { ObservedRequest } from '../../../src/main/api';

const OWNER = { profileId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', profileName: 'Work' };
const request: ObservedRequest = {
  startedAt: 0,
  method: 'GET',
  target: '/organizations',
  requestId: 'r',
  status: 200,
  ms: 1,
  attempt: 1,
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the activity "appended" event', () => {
  it('is one event for a burst, sent on the next turn with the newest ID', () => {
    const log = new ActivityLog();
    const throttle = new AppendThrottle(log);
    const told: number[] = [];
    throttle.subscribe((event) => told.push(event.latestId));
    for (let i = 0; i < 50; i += 1) log.record(OWNER, request);
    expect(told).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(told).toEqual([50]);
  });

  it('goes out at most once an interval however many requests are recorded, the last carrying the newest ID', () => {
    const log = new ActivityLog();
    const throttle = new AppendThrottle(log);
    const told: number[] = [];
    throttle.subscribe((event) => told.push(event.latestId));
    // 1,000 requests a second for a second.
    for (let ms = 0; ms < 1000; ms += 1) {
      log.record(OWNER, request);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(APPENDED_EVERY_MS);
    expect(told.length).toBeLessThanOrEqual(Math.ceil(1000 / APPENDED_EVERY_MS) + 1);
    expect(told.length).toBeGreaterThanOrEqual(4);
    expect(told.at(-1)).toBe(1000);
  });

  it('says nothing when nothing was recorded, and nothing after it is disposed', () => {
    const log = new ActivityLog();
    const throttle = new AppendThrottle(log);
    const told: number[] = [];
    throttle.subscribe((event) => told.push(event.latestId));
    vi.advanceTimersByTime(10_000);
    log.record(OWNER, request);
    throttle.dispose();
    log.record(OWNER, request);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([]);
  });
});
