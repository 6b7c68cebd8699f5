import { MutationCache, QueryCache, QueryClient, hashKey } from '@tanstack/svelte-query';
import type { ProfileList } from '../../../../shared/ipc/profiles';
import { IpcFailure } from '../ipc/ipc-failure';
import { queryKeys } from './query-keys';

const PROFILES_HASH = hashKey(queryKeys.profiles);

/** The query that succeeded or failed; mutations have none. */
type Source = { queryHash: string } | undefined;

/**
 * Main owns retries: each call has one budget (deadline, retries and waits together) and main
 * knows which failures a retry can help. A renderer retry would start a second budget, double
 * the wait and send again what main chose not to (a refused connection), so there is none.
 */
export function createQueryClient(): QueryClient {
  // Main learns the keychain's state from its answers; the profiles list carries it to the banner.
  // The list's own answers are left out: refreshing on them would ask again for as long as the
  // keychain stays unavailable, hundreds of times a second.
  const refreshProfiles = (source: Source) => {
    if (source?.queryHash !== PROFILES_HASH) void client.invalidateQueries({ queryKey: queryKeys.profiles });
  };
  const onError = (error: Error, source?: Source) => {
    if (error instanceof IpcFailure && error.kind === 'keychain') refreshProfiles(source);
  };
  // Once another call succeeds after the keychain was reported unavailable, the banner may go.
  const onSuccess = (source?: Source) => {
    if (client.getQueryData<ProfileList>(queryKeys.profiles)?.keychain.available === false) refreshProfiles(source);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError, onSuccess: (_data, query) => onSuccess(query) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error), onSuccess: () => onSuccess() }),
    defaultOptions: {
      queries: {
        retry: false,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
