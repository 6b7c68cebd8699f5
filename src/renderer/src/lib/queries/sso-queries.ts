import { queryOptions, type QueryClient } from '@tanstack/svelte-query';
import type { OrgRef } from '../../../../shared/ipc/organizations';
import { getSso } from '../services/sso.service';
import { queryKeys } from './query-keys';

/** The client is handed on so a connection found turned on or off elsewhere updates the organization's badge. */
export function ssoQuery(client: QueryClient, ref: OrgRef) {
  return queryOptions({
    queryKey: queryKeys.sso(ref.profileId, ref.orgId),
    queryFn: ({ signal }) => getSso(client, ref, signal),
  });
}
