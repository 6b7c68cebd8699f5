import { queryOptions } from '@tanstack/svelte-query';
import { getOrg, listOrgs } from '../services/orgs.service';
import { queryKeys } from './query-keys';

// Handing the signal on makes a load stoppable: by Cancel, and by closing the last view that reads it.
export function orgsQuery(profileId: string) {
  return queryOptions({
    queryKey: queryKeys.orgs(profileId),
    queryFn: ({ signal }) => listOrgs(profileId, signal),
  });
}

export function orgQuery(profileId: string, orgId: string) {
  return queryOptions({
    queryKey: queryKeys.org(profileId, orgId),
    queryFn: ({ signal }) => getOrg({ profileId, orgId }, signal),
  });
}
