import { describe, expect, it } from 'vitest';
import { ActivityLog } from '../../../src/main/activity/activity-log';
import type { ObservedRequest } from '../../../src/main/api';

const ALICE = { profileId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', profileName: 'Alice' };
const BOB = { profileId: '16fd2706-8baf-433b-82eb-8c7fada847da', profileName: 'Bob' };

function request(overrides: Partial<ObservedRequest> = {}): ObservedRequest {
  return {
    startedAt: Date.UTC(2026, 10, 25, 9, 0, 0),
    method: 'GET',
    target: '/organizations/org_1/users?limit=10',
    requestId: crypto.randomUUID(),
    status: 200,
    ms: 12,
    attempt: 1,
    ...overrides,
  };
}

describe('the activity log', () => {
  it('records the request line and outcome under its profile', () => {
    const log = new ActivityLog();
    const seen = request({ status: 503, attempt: 3, ms: 41.6 });
    log.record(ALICE, seen);
    expect(log.list({}).entries).toEqual([
      {
        id: 1,
        at: '2026-11-25T09:00:00.000Z',
        profileId: ALICE.profileId,
        profileName: 'Alice',
        orgId: 'org_1',
        method: 'GET',
        path: '/organizations/org_1/users?limit=10',
        status: 503,
        ms: 42,
        retry: 2,
        requestId: seen.requestId,
      },
    ]);
  });

  it('keeps only the last entries past its capacity, with IDs that keep counting', () => {
    const log = new ActivityLog(5000);
    for (let i = 0; i < 5003; i += 1) log.record(ALICE, request({ ms: i }));
    const { entries, latestId, more } = log.list({});
    expect(entries).toHaveLength(5000);
    expect(latestId).toBe(5003);
    expect(more).toBe(false);
    expect(entries[0]!.id).toBe(5003);
    expect(entries.at(-1)!.id).toBe(4);
    expect(entries.at(-1)!.ms).toBe(3);
  });

  it('filters by errors, profile and organization', () => {
    const log = new ActivityLog();
    log.record(ALICE, request({ status: 200 }));
    log.record(ALICE, request({ status: 404, target: '/organizations/org_2' }));
    log.record(BOB, request({ status: undefined, failure: 'timeout' }));
    log.record(BOB, request({ status: 200, failure: 'too_large' }));
    log.record(BOB, request({ status: 302, target: '/organizations' }));
    const ids = (filter: Parameters<ActivityLog['list']>[0]) => log.list(filter).entries.map((e) => e.id);
    expect(ids({})).toEqual([5, 4, 3, 2, 1]);
    expect(ids({ errorsOnly: true })).toEqual([4, 3, 2]);
    expect(ids({ profileId: BOB.profileId })).toEqual([5, 4, 3]);
    expect(ids({ orgId: 'org_1' })).toEqual([4, 3, 1]);
    expect(ids({ orgId: 'org_2', errorsOnly: true })).toEqual([2]);
    // An organization named by its ID or its label.
    expect(ids({ orgId: 'org_2', orgLabel: 'org_1' })).toEqual([4, 3, 2, 1]);
    expect(ids({ orgLabel: 'org_2' })).toEqual([2]);
    expect(ids({ profileId: ALICE.profileId, errorsOnly: true })).toEqual([2]);
  });

  it('pages down with beforeId and picks up new entries with afterId', () => {
    const log = new ActivityLog();
    for (let i = 0; i < 10; i += 1) log.record(ALICE, request());
    const first = log.list({ limit: 4 });
    expect(first.entries.map((e) => e.id)).toEqual([10, 9, 8, 7]);
    expect(first.more).toBe(true);
    const next = log.list({ limit: 4, beforeId: 7 });
    expect(next.entries.map((e) => e.id)).toEqual([6, 5, 4, 3]);
    const last = log.list({ limit: 4, beforeId: 3 });
    expect(last).toMatchObject({ more: false, latestId: 10 });
    expect(last.entries.map((e) => e.id)).toEqual([2, 1]);
    log.record(ALICE, request());
    expect(log.list({ afterId: 10 }).entries.map((e) => e.id)).toEqual([11]);
    expect(log.list({ afterId: 11 }).entries).toEqual([]);
  });

  it('clears everything, and IDs are never reused after', () => {
    const log = new ActivityLog(3);
    for (let i = 0; i < 5; i += 1) log.record(ALICE, request());
    expect(log.clear()).toBe(3);
    expect(log.list({})).toEqual({ entries: [], latestId: 5, more: false });
    log.record(ALICE, request());
    expect(log.list({}).entries.map((e) => e.id)).toEqual([6]);
    expect(log.clear()).toBe(1);
    expect(log.clear()).toBe(0);
  });

  it('tells listeners of each new entry, and a failing listener stops nothing', () => {
    const log = new ActivityLog();
    const told: number[] = [];
    log.onAppend(() => {
      throw new Error('listener bug');
    });
    const stop = log.onAppend((entries) => told.push(...entries.map((e) => e.id)));
    log.record(ALICE, request());
    stop();
    log.record(ALICE, request());
    expect(told).toEqual([1]);
    expect(log.latestId).toBe(2);
  });
});
