import { queryOptions } from '@tanstack/svelte-query';
import { getOrg, listOrgs } from '../services/orgs.service';
import { queryKeys } from './query-keys';

export function orgsQuery(profileId: string) {
  return queryOptions({ queryKey: queryKeys.orgs(profileId), queryFn: () => listOrgs(profileId) });
}

export function orgQuery(profileId: string, orgId: string) {
  return queryOptions({ queryKey: queryKeys.org(profileId, orgId), queryFn: () => getOrg({ profileId, orgId }) });
}
