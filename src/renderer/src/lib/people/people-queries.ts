import { infiniteQueryOptions, queryOptions } from '@tanstack/svelte-query';
import type { OrgRef } from '../../../../shared/ipc/organizations';
import { queryKeys } from '../queries/query-keys';
import {
  FIRST_PAGE,
  NEXT_PAGE_LIMIT,
  identityPage,
  listInvitations,
  listRoles,
  type PageRequest,
} from '../services/people.service';
import type { PeopleFilters } from './people-filters';

/** Pages of members and invitations, walked forward by cursor as the table scrolls. */
export function peopleQuery(ref: OrgRef, filters: PeopleFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.people(ref.profileId, ref.orgId, filters),
    queryFn: ({ pageParam, signal }) => identityPage(ref, filters, pageParam, signal),
    initialPageParam: FIRST_PAGE as PageRequest,
    getNextPageParam: (last): PageRequest | undefined =>
      last.nextCursor === undefined ? undefined : { after: last.nextCursor, limit: NEXT_PAGE_LIMIT },
    // Refetching thousands of loaded rows on every focus would be a surprise; Refresh does it on demand.
    staleTime: Infinity,
  });
}

export function rolesQuery(ref: OrgRef) {
  return queryOptions({
    queryKey: queryKeys.roles(ref.profileId, ref.orgId),
    queryFn: ({ signal }) => listRoles(ref, signal),
    staleTime: 5 * 60_000,
  });
}

export function invitationsQuery(ref: OrgRef) {
  return queryOptions({
    queryKey: queryKeys.invitations(ref.profileId, ref.orgId),
    queryFn: ({ signal }) => listInvitations(ref, signal),
    staleTime: 60_000,
  });
}
