import type { Query, QueryClient } from '@tanstack/svelte-query';
import type { Organization } from '../../../../shared/api/organizations';
import type { OrgChanged } from '../../../../shared/ipc/organizations';
import type { ProfileList } from '../../../../shared/ipc/profiles';
import { orgdesk } from '../ipc/bridge';
import { queryKeys } from '../queries/query-keys';
import { serverOf } from '../utils/server';

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
  const profiles = client.getQueryData<ProfileList>(queryKeys.profiles)?.profiles ?? [];
  const server = serverOf(profiles.find((profile) => profile.id === change.profileId)?.baseUrl);
  if (server === undefined) return;
  for (const profile of profiles) {
    if (profile.id === change.profileId || serverOf(profile.baseUrl) !== server) continue;
    void client.invalidateQueries({ predicate: (query) => showsOrganization(client, query, profile.id, change.orgId) });
    void client.invalidateQueries({ queryKey: queryKeys.orgs(profile.id) });
  }
}

/** Listens to main's `orgs.changed` until the returned function is called. */
export function followOrgChanges(client: QueryClient): () => void {
  return orgdesk().events.orgs.changed.subscribe((change) => refreshElsewhere(client, change));
}
