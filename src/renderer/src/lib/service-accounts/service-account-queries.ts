import { queryOptions } from '@tanstack/svelte-query';
import type { OrgRef } from '../../../../shared/ipc/organizations';
import type { ServiceAccountRef } from '../../../../shared/ipc/service-accounts';
import { queryKeys } from '../queries/query-keys';
import { listCredentials, listServiceAccounts } from '../services/service-accounts.service';

export function serviceAccountsQuery(ref: OrgRef) {
  return queryOptions({
    queryKey: queryKeys.serviceAccounts(ref.profileId, ref.orgId),
    queryFn: ({ signal }) => listServiceAccounts(ref, signal),
  });
}

export function credentialsQuery(ref: ServiceAccountRef) {
  return queryOptions({
    queryKey: queryKeys.credentials(ref.profileId, ref.orgId, ref.serviceAccountId),
    queryFn: ({ signal }) => listCredentials(ref, signal),
  });
}
