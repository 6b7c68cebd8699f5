import type { OrganizationUser, UserUpdateBody } from '../../shared/api/users';
import type { CallOptions, KeycardClient } from '../api';
import { OrgdeskError } from '../errors';

/** What would happen to the member: a PATCH with these fields, or a removal. */
export type MemberChange = { kind: 'update'; body: UserUpdateBody } | { kind: 'remove' };

/** Whether the change takes the member out of the organization's active administrators. */
export function endsAdminRights(change: MemberChange): boolean {
  if (change.kind === 'remove') return true;
  const { role, status } = change.body;
  return (role !== undefined && role !== 'org_admin') || status === 'disabled';
}

/**
 * Refuses, before anything is sent, to remove, demote or disable the only active `org_admin`:
 * the organization would be left with nobody able to manage it. The server stays the final
 * judge (two admins could demote each other at the same moment); this catches the common case
 * with an explanation instead of a bare refusal.
 */
export async function refuseIfLastAdmin(
  client: KeycardClient,
  orgId: string,
  userId: string,
  change: MemberChange,
  call: CallOptions,
): Promise<void> {
  if (!endsAdminRights(change)) return;
  // Every page under the call's one budget: an organization can have many administrators.
  const { items } = await client.organizations.users.listAll(
    orgId,
    { role: 'org_admin', limit: 1000, expand: [] },
    call,
  );
  const active = items.filter((user) => user.status === 'active');
  const target = active.find((user) => user.id === userId);
  if (target === undefined || active.length > 1) return;
  const organization = await client.organizations.retrieve(orgId, { expand: [] }, call);
  const message = `${nameOf(target)} is the only active administrator of ${organization.name}; make someone else an administrator first`;
  throw new OrgdeskError('invalid_input', message, {
    code: 'last_admin',
    fields: [{ path: 'userId', message }],
  });
}

function nameOf(user: OrganizationUser): string {
  return user.email ?? `User ${user.id}`;
}
