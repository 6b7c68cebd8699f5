import type { OrganizationRole } from '../../../../shared/api/users';
import { labelBase } from '../../labels';
import { hours, seedTime } from '../../seed-clock';
import { FIRST_NAMES, LAST_NAMES } from '../../seed-names';
import type { SandboxState } from '../../state';
import type { OrganizationRecord } from '../organizations/store';
import { emailPart, uniqueEmail } from '../users/seed';
import type { UserRecord } from '../users/store';
import { INVITATION_TTL_MS, type StoredInvitationStatus } from './store';

/**
 * Pending invitations are seeded with an expiry years ahead: the seed's clock is fixed in the
 * past, and a week-long expiry would make every one of them read as expired on a real clock.
 */
const OPEN_EXPIRY = seedTime(hours(5 * 365 * 24));

interface SeededInvitation {
  role: OrganizationRole;
  /** `expired` is seeded as pending with an expiry in the past. */
  status: StoredInvitationStatus | 'expired';
}

/** Every role pending, and one of each other status. */
const PLAN: readonly SeededInvitation[] = [
  { role: 'org_admin', status: 'pending' },
  { role: 'org_member', status: 'pending' },
  { role: 'org_viewer', status: 'pending' },
  { role: 'org_member', status: 'expired' },
  { role: 'org_viewer', status: 'revoked' },
  { role: 'org_member', status: 'accepted' },
];

/**
 * A few invitations per organization, sent by its first admin. It runs after every other
 * seed step (it draws from the shared PRNG) and its addresses are on a guest subdomain, so
 * they never collide with a member's; the accepted one names an existing member.
 */
export function seedInvitations(state: SandboxState, organization: OrganizationRecord, fallbackCreator: string): void {
  const random = state.context.random;
  const members = state.users.of(organization.id).all();
  const creator = members.find((u) => u.role === 'org_admin')?.id ?? fallbackCreator;
  const domain = `guest.${labelBase(organization.name).replace(/-/g, '')}.example`;
  const start = Date.parse(organization.created_at) + hours(2);
  PLAN.forEach((planned, n) => {
    const at = new Date(start + n * hours(7) + random.int(0, 3_600_000)).toISOString();
    const acceptedBy = planned.status === 'accepted' ? members[members.length - 1] : undefined;
    if (planned.status === 'accepted' && acceptedBy?.email === undefined) return;
    const first = random
      .pick(FIRST_NAMES)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    const last = random
      .pick(LAST_NAMES)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    const email = acceptedBy?.email ?? `${first}.${last}${n}@${domain}`;
    state.invitations.create({
      organization_id: organization.id,
      email,
      role: acceptedBy?.role ?? planned.role,
      created_by: creator,
      status: planned.status === 'expired' ? 'pending' : planned.status,
      at,
      expires_at:
        planned.status === 'pending' ? OPEN_EXPIRY : new Date(Date.parse(at) + INVITATION_TTL_MS).toISOString(),
    });
  });
}

/** How long the invitations seeded at scale are spread over, as the members are. */
const SPREAD_MS = hours(60 * 24);

/** Statuses in turn, so a few dozen invitations already hold every one (pending the most). */
const STATUS_CYCLE: readonly SeededInvitation['status'][] = [
  'pending',
  'expired',
  'pending',
  'revoked',
  'pending',
  'accepted',
  'expired',
  'pending',
  'revoked',
  'pending',
];

/**
 * `count` invitations for the organization seeded at scale, spread over the same weeks as its
 * members (who must be seeded already), in every status. Open ones are on a guest subdomain with
 * addresses of their own; an accepted one names a member, sent shortly before that member joined.
 */
export function seedInvitationsAtScale(
  state: SandboxState,
  organization: OrganizationRecord,
  members: readonly UserRecord[],
  count: number,
): void {
  const random = state.context.random;
  const creator = members.find((u) => u.role === 'org_admin')?.id;
  if (creator === undefined) throw new Error('an organization seeded at scale needs an admin to invite');
  const domain = `guest.${labelBase(organization.name).replace(/-/g, '')}.example`;
  const start = Date.parse(organization.created_at) + hours(1);
  const step = Math.max(60_000, Math.floor(SPREAD_MS / Math.max(count, 1)));
  const taken = new Set<string>();
  for (let n = 0; n < count; n++) {
    const status = STATUS_CYCLE[n % STATUS_CYCLE.length] ?? 'pending';
    const roll = random.next();
    const role: OrganizationRole = roll < 0.05 ? 'org_admin' : roll < 0.75 ? 'org_member' : 'org_viewer';
    const accepter = status === 'accepted' ? members[random.int(0, members.length - 1)] : undefined;
    const atMs =
      accepter === undefined
        ? start + n * step + random.int(0, step - 1)
        : Math.max(start, Date.parse(accepter.created_at) - random.int(hours(1), hours(48)));
    const at = new Date(atMs).toISOString();
    state.invitations.create({
      organization_id: organization.id,
      email:
        accepter?.email ??
        uniqueEmail(taken, `${emailPart(random.pick(FIRST_NAMES))}.${emailPart(random.pick(LAST_NAMES))}`, domain),
      role: accepter?.role ?? role,
      created_by: creator,
      status: status === 'expired' ? 'pending' : status,
      at,
      expires_at: status === 'pending' ? OPEN_EXPIRY : new Date(atMs + INVITATION_TTL_MS).toISOString(),
    });
  }
}
