import { Pool, type Dispatcher } from 'undici';

/**
 * One keep-alive connection pool per origin, shared by every client of that origin, so
 * switching profiles or rebuilding a client does not pay a new TLS handshake.
 */
const pools = new Map<string, Pool>();

/** Connecting is bounded on its own so a dead host fails fast, before the request timeout. */
export const CONNECT_TIMEOUT_MS = 10_000;

export function getPool(baseUrl: string | URL): Dispatcher {
  const origin = new URL(baseUrl).origin;
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, {
      connections: 8,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      connect: { timeout: CONNECT_TIMEOUT_MS },
    });
    pools.set(origin, pool);
  }
  return pool;
}

/** For app shutdown and test teardown. */
export async function closeAllPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
