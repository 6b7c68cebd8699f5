import type { OrganizationRole, UserStatus } from '../../../../shared/api/users';
import { labelBase } from '../../labels';
import { FIRST_NAMES, LAST_NAMES } from '../../seed-names';
import type { SandboxState } from '../../state';
import type { OrganizationRecord } from '../organizations/store';
import type { UserRecord } from './store';

const USER_SPREAD_MS = 60 * 24 * 3600 * 1000;

/** How roles and statuses are drawn: a roll below `adminBelow` is an admin, below `memberBelow` a member. */
export interface PeopleMix {
  readonly adminBelow: number;
  readonly memberBelow: number;
  /** Share of disabled members (never the first, an admin). */
  readonly disabledBelow: number;
}

/** The small organizations' mix, many admins among few people. */
const DEFAULT_MIX: PeopleMix = { adminBelow: 0.12, memberBelow: 0.7, disabledBelow: 0.07 };

/**
 * `count` realistic people per organization: names, unique emails, every role and status, several IdPs.
 * Returns the users created, in creation order.
 */
export function seedUsers(
  state: SandboxState,
  organization: OrganizationRecord,
  count: number,
  mix: PeopleMix = DEFAULT_MIX,
): UserRecord[] {
  const random = state.context.random;
  const domain = `${labelBase(organization.name).replace(/-/g, '')}.example`;
  const sources = [
    'https://accounts.google.com',
    'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
    `https://${organization.label}.okta.com`,
    'https://id.keycard.ai',
  ];
  const emails = new Set<string>();
  const start = Date.parse(organization.created_at);
  // Spread creation over ~60 days whatever the count, so large seeds stay in the past.
  const meanStep = Math.max(1000, Math.floor(USER_SPREAD_MS / Math.max(count, 1)));
  let clock = start + 30 * 60_000;
  const created: UserRecord[] = [];
  for (let i = 0; i < count; i++) {
    clock += random.int(1, meanStep * 2);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const email = uniqueEmail(emails, `${emailPart(first)}.${emailPart(last)}`, domain);
    const role: OrganizationRole = i === 0 ? 'org_admin' : pickRole(random.next(), mix);
    const status: UserStatus = i > 0 && random.next() < mix.disabledBelow ? 'disabled' : 'active';
    const roll = random.next();
    const source = roll < 0.55 ? sources[0] : roll < 0.8 ? sources[1] : roll < 0.95 ? sources[2] : sources[3];
    const createdAt = new Date(clock).toISOString();
    const updatedAt =
      random.next() < 0.3 ? new Date(clock + random.int(60_000, 10 * 86_400_000)).toISOString() : createdAt;
    const user = state.users.add({
      organization_id: organization.id,
      email,
      role,
      status,
      source: source ?? 'https://accounts.google.com',
      created_at: createdAt,
      updated_at: updatedAt,
    });
    created.push(user);
  }
  return created;
}

function pickRole(roll: number, mix: PeopleMix): OrganizationRole {
  if (roll < mix.adminBelow) return 'org_admin';
  if (roll < mix.memberBelow) return 'org_member';
  return 'org_viewer';
}

/** A name as the local part of an address: ASCII letters and digits, lowercase. */
export function emailPart(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** `local@domain`, numbered when `taken` already holds it; adds the result to `taken`. */
export function uniqueEmail(taken: Set<string>, local: string, domain: string): string {
  let candidate = `${local}@${domain}`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${local}${n}@${domain}`;
  taken.add(candidate);
  return candidate;
}
