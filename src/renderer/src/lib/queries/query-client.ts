import { MutationCache, QueryCache, QueryClient, hashKey } from '@tanstack/svelte-query';
import type { ProfileList } from '../../../../shared/ipc/profiles';
import { IpcFailure, isTransient } from '../ipc/ipc-failure';
import { queryKeys } from './query-keys';

const PROFILES_HASH = hashKey(queryKeys.profiles);

/** The query that succeeded or failed; mutations have none. */
type Source = { queryHash: string } | undefined;

/**
 * Bad input, refused credentials and 4xx answers will fail the same way again, and main's
 * client already retries transport failures itself, so the renderer adds at most one try.
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
        retry: (failureCount, error) => failureCount < 1 && isTransient(error),
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
