import type { Query, QueryClient } from '@tanstack/svelte-query';
import type { Organization } from '../../../../shared/api/organizations';
import type { OrgChanged } from '../../../../shared/ipc/organizations';
import { orgdesk } from '../ipc/bridge';
import { queryKeys } from '../queries/query-keys';
import { sameServerProfileIds } from '../queries/same-server';

/** Whether a query of `profileId` holds data of the organization a request named by ID or label. */
function showsOrganization(client: QueryClient, query: Query, profileId: string, orgRef: string): boolean {
  const [, owner, orgId] = query.queryKey;
  if (owner !== profileId || typeof orgId !== 'string') return false;
  if (orgId === orgRef) return true;
  const org = client.getQueryData<Organization>(queryKeys.org(profileId, orgId));
  return org !== undefined && (org.id === orgRef || org.label === orgRef);
}

/**
 * A profile changed an organization: every other profile signed in to the same server shows the
 * same organization, so what those views hold is read again (the ones on screen at once, the
 * others when next shown), and their sidebar lists too, for a rename. The profile that made the
 * change has already updated its own views.
 */
export function refreshElsewhere(client: QueryClient, change: OrgChanged): void {
  for (const profileId of sameServerProfileIds(client, change.profileId).slice(1)) {
    void client.invalidateQueries({ predicate: (query) => showsOrganization(client, query, profileId, change.orgId) });
    void client.invalidateQueries({ queryKey: queryKeys.orgs(profileId) });
  }
}

/** Listens to main's `orgs.changed` until the returned function is called. */
export function followOrgChanges(client: QueryClient): () => void {
  return orgdesk().events.orgs.changed.subscribe((change) => refreshElsewhere(client, change));
}
