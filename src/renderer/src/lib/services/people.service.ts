import type { InfiniteData, QueryClient } from '@tanstack/svelte-query';
import type { Identity } from '../../../../shared/api/identities';
import type { Invitation } from '../../../../shared/api/invitations';
import type { Role } from '../../../../shared/api/roles';
import type { OrganizationRole, OrganizationUser, UserStatus } from '../../../../shared/api/users';
import type { OrgRef } from '../../../../shared/ipc/organizations';
import type {
  IdentityPage,
  InvitationSummary,
  PeopleExportInput,
  PeopleExportResult,
} from '../../../../shared/ipc/people';
import { orgdesk } from '../ipc/bridge';
import { cancellableCall, isCancelled } from '../ipc/cancellable';
import type { PeopleFilters } from '../people/people-filters';
import { queryKeys } from '../queries/query-keys';
import { isOutcomeUnknown } from './orgs.service';

/** Where the next page starts and how many rows it asks for; the first page is small so rows paint at once. */
export interface PageRequest {
  after?: string;
  limit: number;
}

export const FIRST_PAGE: PageRequest = { limit: 200 };
export const NEXT_PAGE_LIMIT = 1000;

export function identityPage(
  ref: OrgRef,
  filters: PeopleFilters,
  page: PageRequest,
  signal?: AbortSignal,
): Promise<IdentityPage> {
  return cancellableCall(signal, (options) =>
    orgdesk().people.identities({ ...ref, ...filters, after: page.after, limit: page.limit }, options),
  );
}

export function listRoles(ref: OrgRef, signal?: AbortSignal): Promise<Role[]> {
  return cancellableCall(signal, (options) => orgdesk().people.roles(ref, options)).then((answer) => answer.items);
}

/** Every invitation of the organization, for when each expires (the identities list does not say). */
export function listInvitations(ref: OrgRef, signal?: AbortSignal): Promise<InvitationSummary[]> {
  return cancellableCall(signal, (options) => orgdesk().people.invitations(ref, options)).then(
    (answer) => answer.items,
  );
}

/**
 * Saves the people list, every page with the table's filters and order, where the user picks
 * in main's save dialog. Main reads and writes; nothing here holds the rows.
 */
export function exportPeople(input: PeopleExportInput, signal?: AbortSignal): Promise<PeopleExportResult> {
  return cancellableCall(signal, (options) => orgdesk().people.export(input, options));
}

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

export type MemberChange = { role: OrganizationRole } | { status: UserStatus };

/**
 * Changes a member's role or status and shows the answer in every loaded list of the
 * organization, whatever its filters, without reloading thousands of rows. A change that may
 * have happened (cancelled after sending, answer lost) makes the lists read again instead.
 */
export async function changeMember(
  client: QueryClient,
  ref: OrgRef,
  userId: string,
  change: MemberChange,
  signal?: AbortSignal,
): Promise<OrganizationUser> {
  const user = await settled(client, ref, () =>
    cancellableCall(signal, (options) => orgdesk().people.updateMember({ ...ref, userId, ...change }, options)),
  );
  patchRows(client, ref, (row) =>
    row.id === user.id ? { ...row, role: user.role, status: user.status, updated_at: user.updated_at } : row,
  );
  return user;
}

export async function removeMember(
  client: QueryClient,
  ref: OrgRef,
  userId: string,
  signal?: AbortSignal,
): Promise<void> {
  await settled(client, ref, () =>
    cancellableCall(signal, (options) => orgdesk().people.removeMember({ ...ref, userId }, options)),
  );
  dropRow(client, ref, userId);
}

/** A revoked invitation stays in the list, as the server keeps it, with its new status. */
export async function revokeInvitation(
  client: QueryClient,
  ref: OrgRef,
  invitationId: string,
  signal?: AbortSignal,
): Promise<void> {
  await settled(client, ref, () =>
    cancellableCall(signal, (options) => orgdesk().people.revokeInvitation({ ...ref, invitationId }, options)),
  );
  patchRows(client, ref, (row) => (row.id === invitationId ? { ...row, status: 'revoked' } : row));
  void client.invalidateQueries({ queryKey: queryKeys.invitations(ref.profileId, ref.orgId) });
}

/** Reads the lists again when the call may have changed something although it did not say so. */
async function settled<T>(client: QueryClient, ref: OrgRef, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isCancelled(error) || isOutcomeUnknown(error)) void peopleChanged(client, ref);
    throw error;
  }
}

type PeopleData = InfiniteData<IdentityPage, PageRequest>;

function patchRows(client: QueryClient, ref: OrgRef, patch: (row: Identity) => Identity): void {
  client.setQueriesData<PeopleData>({ queryKey: queryKeys.people(ref.profileId, ref.orgId) }, (data) =>
    data === undefined
      ? data
      : { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(patch) })) },
  );
}

function dropRow(client: QueryClient, ref: OrgRef, id: string): void {
  client.setQueriesData<PeopleData>({ queryKey: queryKeys.people(ref.profileId, ref.orgId) }, (data) => {
    if (data === undefined || !data.pages.some((page) => page.items.some((row) => row.id === id))) return data;
    // Every page carries the count, and the table reads the latest: all of them lose the row.
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.filter((row) => row.id !== id),
      totalCount: page.totalCount === undefined ? undefined : Math.max(0, page.totalCount - 1),
    }));
    return { ...data, pages };
  });
}
