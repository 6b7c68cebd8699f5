import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEntry, ActivityListInput, ActivityPage } from '../../src/shared/ipc/activity';
import { ActivityFeed } from '../../src/renderer/src/lib/activity/activity-feed.svelte';
import { installFakeBridge, type FakeBridge } from './support/fake-bridge';

afterEach(() => {
  vi.unstubAllGlobals();
});

const PROFILE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function entry(id: number, fields: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id,
    at: '2026-11-25T09:00:00.000Z',
    profileId: PROFILE,
    profileName: 'Work',
    orgId: 'org_1',
    method: 'GET',
    path: '/organizations/org_1',
    status: 200,
    ms: 3,
    retry: 0,
    requestId: `r-${id}`,
    ...fields,
  };
}

/** Main's log as `activity:list` answers it, from a list the test grows. */
function serveLog(bridge: FakeBridge, log: ActivityEntry[]): ActivityListInput[] {
  const asked: ActivityListInput[] = [];
  bridge.answer('activity:list', async (input) => {
    const request = input as ActivityListInput;
    asked.push(request);
    const entries = log
      .filter((e) => e.id > (request.afterId ?? 0))
      .filter((e) => !request.errorsOnly || (e.status ?? 500) >= 400)
      .reverse();
    const page: ActivityPage = { entries, latestId: log.at(-1)?.id ?? 0, more: false };
    return { ok: true, value: page };
  });
  return asked;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the activity feed', () => {
  it('reads everything once, then only what is newer each time main says requests were recorded', async () => {
    const bridge = installFakeBridge();
    const log = [entry(1), entry(2)];
    const asked = serveLog(bridge, log);
    const feed = new ActivityFeed({ profileId: PROFILE, orgId: 'org_1', orgLabel: 'acme' });
    const stop = feed.follow();
    await settle();
    expect(feed.entries.map((e) => e.id)).toEqual([2, 1]);

    log.push(entry(3), entry(4, { status: 503 }));
    bridge.emit('activity', 'appended', { latestId: 4 });
    await settle();
    expect(feed.entries.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect(asked.map((a) => a.afterId)).toEqual([undefined, 2]);
    expect(asked[1]).toMatchObject({ profileId: PROFILE, orgId: 'org_1', orgLabel: 'acme' });

    stop();
    expect(bridge.subscribers('activity', 'appended')).toBe(0);
  });

  it('misses nothing when main says more while a read is under way, and reads once more, not once per event', async () => {
    const bridge = installFakeBridge();
    const log = [entry(1)];
    serveLog(bridge, log);
    const feed = new ActivityFeed();
    feed.follow();
    await settle();
    const pending = bridge.hang('activity:list');
    log.push(entry(2));
    bridge.emit('activity', 'appended', { latestId: 2 });
    log.push(entry(3));
    bridge.emit('activity', 'appended', { latestId: 3 });
    bridge.emit('activity', 'appended', { latestId: 3 });
    const asked = serveLog(bridge, log);
    pending.settle({ ok: true, value: { entries: [entry(2)], latestId: 2, more: false } });
    await settle();
    await settle();
    expect(feed.entries.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(asked).toHaveLength(1);
  });

  it('reads again on a filter change and drops an answer to the filter it replaced', async () => {
    const bridge = installFakeBridge();
    const log = [entry(1), entry(2, { status: 404 })];
    const pending = bridge.hang('activity:list');
    const feed = new ActivityFeed();
    const first = feed.reload();
    serveLog(bridge, log);
    await feed.setErrorsOnly(true);
    pending.settle({ ok: true, value: { entries: [entry(2), entry(1)], latestId: 2, more: false } });
    await first;
    expect(feed.entries.map((e) => e.id)).toEqual([2]);
    expect(feed.filter).toEqual({ errorsOnly: true });
  });

  it('keeps at most as many entries as main does', async () => {
    const bridge = installFakeBridge();
    const log = Array.from({ length: 5000 }, (_, i) => entry(i + 1));
    serveLog(bridge, log);
    const feed = new ActivityFeed();
    await feed.reload();
    log.push(entry(5001), entry(5002));
    await feed.refresh();
    expect(feed.entries).toHaveLength(5000);
    expect(feed.entries[0]!.id).toBe(5002);
    expect(feed.entries.at(-1)!.id).toBe(3);
  });
});
