import type { IdentityStatus } from '../api/identities';

/**
 * The status a row shows at `now`: a pending invitation whose `expires_at` has passed counts as
 * expired even while the server still lists it as pending (it may mark expiry lazily, or the list
 * may have been read before the moment passed). Every other status is the server's.
 */
export function statusAt(status: IdentityStatus, expiresAt: string | undefined, now: number): IdentityStatus {
  if (status !== 'pending' || expiresAt === undefined) return status;
  const expiry = Date.parse(expiresAt);
  return !Number.isNaN(expiry) && expiry <= now ? 'expired' : status;
}
