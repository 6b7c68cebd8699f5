import type { QueryClient } from '@tanstack/svelte-query';
import type { Invitation } from '../../../../shared/api/invitations';
import type { OrganizationRole } from '../../../../shared/api/users';
import type { OrgRef } from '../../../../shared/ipc/organizations';
import { orgdesk } from '../ipc/bridge';
import { cancellableCall } from '../ipc/cancellable';
import { queryKeys } from '../queries/query-keys';

/**
 * Sends one invitation. Never retried here: a create whose answer was lost comes back as
 * `outcome_unknown`, and the caller decides (after a refresh) whether to send it again.
 */
export function inviteOne(
  ref: OrgRef,
  email: string,
  role: OrganizationRole,
  signal?: AbortSignal,
): Promise<Invitation> {
  return cancellableCall(signal, (options) => orgdesk().people.invite({ ...ref, email, role }, options));
}

/** After invitations were sent (or may have been): the people list and the invitations list read again. */
export function peopleChanged(client: QueryClient, ref: OrgRef): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.people(ref.profileId, ref.orgId) }),
    client.invalidateQueries({ queryKey: queryKeys.invitations(ref.profileId, ref.orgId) }),
  ]);
}
