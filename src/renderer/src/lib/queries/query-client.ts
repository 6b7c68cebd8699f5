import { MutationCache, QueryCache, QueryClient } from '@tanstack/svelte-query';
import type { ProfileList } from '../../../../shared/ipc/profiles';
import { IpcFailure, isTransient } from '../ipc/ipc-failure';
import { queryKeys } from './query-keys';

/**
 * Bad input, refused credentials and 4xx answers will fail the same way again, and main's
 * client already retries transport failures itself, so the renderer adds at most one try.
 */
export function createQueryClient(): QueryClient {
  // Main learns the keychain's state from its answers; the profiles list carries it to the banner.
  const refreshProfiles = () => void client.invalidateQueries({ queryKey: queryKeys.profiles });
  const onError = (error: Error) => {
    if (error instanceof IpcFailure && error.kind === 'keychain') refreshProfiles();
  };
  // Once a call succeeds again after the keychain was reported unavailable, the banner may go.
  const onSuccess = () => {
    if (client.getQueryData<ProfileList>(queryKeys.profiles)?.keychain.available === false) refreshProfiles();
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError, onSuccess }),
    mutationCache: new MutationCache({ onError, onSuccess }),
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
