import { QueryClient } from '@tanstack/svelte-query';
import { isTransient } from '../ipc/ipc-failure';

/**
 * Bad input, refused credentials and 4xx answers will fail the same way again, and main's
 * client already retries transport failures itself, so the renderer adds at most one try.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 1 && isTransient(error),
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
