import { MutationCache, QueryCache, QueryClient } from '@tanstack/svelte-query';
import { IpcFailure, isTransient } from '../ipc/ipc-failure';
import { queryKeys } from './query-keys';

/**
 * Bad input, refused credentials and 4xx answers will fail the same way again, and main's
 * client already retries transport failures itself, so the renderer adds at most one try.
 */
export function createQueryClient(): QueryClient {
  // Main learns the keychain's state from its answers; the profiles list carries it to the banner.
  const onError = (error: Error) => {
    if (error instanceof IpcFailure && error.kind === 'keychain') {
      void client.invalidateQueries({ queryKey: queryKeys.profiles });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
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
