import { QueryObserver, type QueryClient } from '@tanstack/svelte-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProfileList } from '../../src/shared/ipc/profiles';
import { IpcFailure } from '../../src/renderer/src/lib/ipc/ipc-failure';
import { createQueryClient } from '../../src/renderer/src/lib/queries/query-client';
import { queryKeys } from '../../src/renderer/src/lib/queries/query-keys';

const keychainDown: ProfileList = {
  profiles: [],
  keychain: { available: false, message: 'The keychain is locked' },
  problems: [],
};

/** Answers on a later turn, as IPC does, so a refresh loop cannot starve the test's own timers. */
function answer<T>(value: T): () => Promise<T> {
  return () => new Promise((resolve) => setTimeout(() => resolve(value), 0));
}

/** Lets whatever an answer set off (invalidations, refetches, their answers) run its course. */
async function settle(): Promise<void> {
  for (let round = 0; round < 50; round += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('the query client while the keychain reads as unavailable', () => {
  let client: QueryClient;
  const unsubscribers: Array<() => void> = [];

  afterEach(() => {
    unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    client.clear();
  });

  /** An active observer, as the shell keeps on the profiles list. */
  function watchProfiles(listProfiles: () => Promise<ProfileList>) {
    const observer = new QueryObserver(client, { queryKey: queryKeys.profiles, queryFn: listProfiles });
    unsubscribers.push(observer.subscribe(() => undefined));
    return observer;
  }

  it('does not ask for the profiles list again on its own answer', async () => {
    client = createQueryClient();
    const listProfiles = vi.fn(answer(keychainDown));
    const observer = watchProfiles(listProfiles);
    await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
    await settle();
    expect(listProfiles).toHaveBeenCalledTimes(1);
  });

  it('asks once more when another call succeeds, so a keychain that is back clears the banner', async () => {
    client = createQueryClient();
    const listProfiles = vi.fn(answer(keychainDown));
    watchProfiles(listProfiles);
    await vi.waitFor(() => expect(listProfiles).toHaveBeenCalledTimes(1));
    await client.fetchQuery({ queryKey: queryKeys.orgs('p1'), queryFn: answer({ items: [] }) });
    await settle();
    expect(listProfiles).toHaveBeenCalledTimes(2);
  });

  it('asks once more when another call reports the keychain, not on the list failing itself', async () => {
    client = createQueryClient();
    const keychainError = new IpcFailure({ kind: 'keychain', message: 'The keychain could not read the secret' });
    const listProfiles = vi.fn(
      (): Promise<ProfileList> => new Promise((_resolve, reject) => setTimeout(() => reject(keychainError), 0)),
    );
    watchProfiles(listProfiles);
    await vi.waitFor(() => expect(listProfiles).toHaveBeenCalledTimes(1));
    await settle();
    expect(listProfiles).toHaveBeenCalledTimes(1);

    const failing = client.fetchQuery({
      queryKey: queryKeys.orgs('p1'),
      queryFn: async () => {
        throw keychainError;
      },
    });
    await expect(failing).rejects.toBe(keychainError);
    await settle();
    expect(listProfiles).toHaveBeenCalledTimes(2);
  });
});

describe('retries', () => {
  it('leaves them to main: a query that timed out is not sent again by the window', async () => {
    const client = createQueryClient();
    const timedOut = new IpcFailure({ kind: 'timeout', message: 'No answer within 30 s, the limit for one action.' });
    const listOrgs = vi.fn(async () => {
      throw timedOut;
    });
    await expect(client.fetchQuery({ queryKey: queryKeys.orgs('p1'), queryFn: listOrgs })).rejects.toBe(timedOut);
    expect(listOrgs).toHaveBeenCalledTimes(1);
    client.clear();
  });
});
