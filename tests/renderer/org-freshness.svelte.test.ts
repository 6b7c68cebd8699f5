import { QueryClient, QueryObserver } from '@tanstack/svelte-query';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OrgFreshness,
  REFRESH_ON_FOCUS_AFTER_MS,
  ageLabel,
  freshnessOf,
} from '../../src/renderer/src/lib/freshness/org-freshness.svelte';
import { IpcFailure } from '../../src/renderer/src/lib/ipc/ipc-failure';

const clients: QueryClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  clients.push(client);
  return client;
}

/** A view reading `key`: only queries someone reads count as on screen. */
function watch(client: QueryClient, key: readonly unknown[], queryFn: () => Promise<unknown>) {
  const observer = new QueryObserver(client, { queryKey: key, queryFn });
  const unsubscribe = observer.subscribe(() => undefined);
  return { observer, unsubscribe };
}

const unreachable = new IpcFailure({ kind: 'network', message: 'Could not connect to 127.0.0.1:4010' });

describe('an organization’s freshness', () => {
  it('is the age of the oldest data a view reads, of that organization under that profile only', async () => {
    const client = setup();
    client.setQueryData(['org', 'p1', 'o1'], { id: 'o1' }, { updatedAt: 5_000 });
    client.setQueryData(['people', 'p1', 'o1', '', ''], { pages: [] }, { updatedAt: 2_000 });
    client.setQueryData(['org', 'p2', 'o1'], { id: 'o1' }, { updatedAt: 1_000 });
    client.setQueryData(['sso', 'p1', 'o1'], { connection: null }, { updatedAt: 500 });
    const views = [
      watch(client, ['org', 'p1', 'o1'], async () => ({ id: 'o1' })),
      watch(client, ['people', 'p1', 'o1', '', ''], async () => ({ pages: [] })),
      watch(client, ['org', 'p2', 'o1'], async () => ({ id: 'o1' })),
    ];
    const freshness = new OrgFreshness(client, 'p1', 'o1');
    const stop = freshness.follow();
    // The SSO answer is older but no view reads it; the other profile's is not this one's.
    expect(freshness.state).toEqual({ updatedAt: 2_000, fetching: false, offline: null });
    stop();
    for (const view of views) view.unsubscribe();
  });

  it('says offline when a refresh could not reach the server, and recovers on retry', async () => {
    const client = setup();
    let fail = true;
    const view = watch(client, ['org', 'p1', 'o1'], async () => {
      if (fail) throw unreachable;
      return { id: 'o1', name: 'fresh' };
    });
    client.setQueryData(['org', 'p1', 'o1'], { id: 'o1', name: 'old' }, { updatedAt: 1_000 });
    const freshness = new OrgFreshness(client, 'p1', 'o1');
    const stop = freshness.follow();
    await freshness.refresh();
    expect(freshness.state.offline).toEqual({ message: 'Could not connect to 127.0.0.1:4010' });
    expect(freshness.state.updatedAt).toBe(1_000);
    expect(client.getQueryData(['org', 'p1', 'o1'])).toEqual({ id: 'o1', name: 'old' });

    fail = false;
    await freshness.refresh();
    expect(freshness.state.offline).toBeNull();
    expect(freshness.state.updatedAt).toBeGreaterThan(1_000);
    stop();
    view.unsubscribe();
  });

  it('does not call an answered error offline: the server is there', () => {
    const client = setup();
    const view = watch(client, ['org', 'p1', 'o1'], async () => ({}));
    client.setQueryData(['org', 'p1', 'o1'], { id: 'o1' });
    const query = client.getQueryCache().find({ queryKey: ['org', 'p1', 'o1'] })!;
    query.setState({ status: 'error', error: new IpcFailure({ kind: 'api', message: 'Forbidden', status: 403 }) });
    expect(freshnessOf([query]).offline).toBeNull();
    query.setState({ error: unreachable });
    expect(freshnessOf([query]).offline).not.toBeNull();
    view.unsubscribe();
  });

  it('refreshes on focus only what is older than the threshold', async () => {
    const client = setup();
    let reads = 0;
    const view = watch(client, ['org', 'p1', 'o1'], async () => ({ read: ++reads }));
    client.setQueryData(['org', 'p1', 'o1'], { read: 0 }, { updatedAt: 1_000_000 });
    const freshness = new OrgFreshness(client, 'p1', 'o1');
    const stop = freshness.follow();
    expect(freshness.refreshIfOlderThan(REFRESH_ON_FOCUS_AFTER_MS, 1_000_000 + REFRESH_ON_FOCUS_AFTER_MS - 1)).toBe(
      undefined,
    );
    await freshness.refreshIfOlderThan(REFRESH_ON_FOCUS_AFTER_MS, 1_000_000 + REFRESH_ON_FOCUS_AFTER_MS);
    expect(reads).toBe(1);
    stop();
    view.unsubscribe();
  });
});

describe('ageLabel', () => {
  it('reads like a person would say it', () => {
    expect(ageLabel(0, 10_000)).toBe('just now');
    expect(ageLabel(0, 3 * 60_000)).toBe('3 minutes ago');
    expect(ageLabel(0, 2 * 3_600_000)).toBe('2 hours ago');
    expect(ageLabel(0, 30 * 3_600_000)).toBe('yesterday');
    expect(ageLabel(10_000, 0)).toBe('just now');
  });
});
