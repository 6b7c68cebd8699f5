import type { IdentityStatus } from '../../../../shared/api/identities';

const STATUS_LABELS: Record<IdentityStatus, string> = {
  active: 'Active',
  disabled: 'Disabled',
  pending: 'Pending',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Revoked',
};

export function statusLabel(status: IdentityStatus): string {
  return STATUS_LABELS[status];
}

export const STATUS_FILTERS: readonly IdentityStatus[] = [
  'active',
  'disabled',
  'pending',
  'expired',
  'revoked',
  'accepted',
];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** "expires in 3 days", "expired 2 hours ago": the nearest whole unit, never "in 0 days". */
export function expiryPhrase(expiresAt: string, now: number): string {
  const delta = Date.parse(expiresAt) - now;
  if (Number.isNaN(delta)) return '';
  const past = delta <= 0;
  const abs = Math.abs(delta);
  const [count, unit] =
    abs >= DAY_MS ? [Math.round(abs / DAY_MS), 'day'] : [Math.max(1, Math.round(abs / HOUR_MS)), 'hour'];
  const amount = `${count} ${unit}${count === 1 ? '' : 's'}`;
  return past ? `expired ${amount} ago` : `expires in ${amount}`;
}
