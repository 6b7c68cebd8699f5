import type { QueryClient } from '@tanstack/svelte-query';
import { toast } from 'svelte-sonner';
import type { Organization } from '../../../../shared/api/organizations';
import type { OrgList, OrgRef } from '../../../../shared/ipc/organizations';
import { orgdesk } from '../ipc/bridge';
import { cancellableCall, isCancelled } from '../ipc/cancellable';
import { IpcFailure } from '../ipc/ipc-failure';
import { queryKeys } from '../queries/query-keys';
import { sidebar } from '../state/sidebar.svelte';
import { tabs } from '../state/tabs.svelte';
import { isolate } from '../utils/bidi';

export function listOrgs(profileId: string, signal?: AbortSignal): Promise<OrgList> {
  return cancellableCall(signal, (options) => orgdesk().orgs.list({ profileId }, options));
}

export function getOrg(ref: OrgRef, signal?: AbortSignal): Promise<Organization> {
  return cancellableCall(signal, (options) => orgdesk().orgs.get(ref, options));
}

/** Main could not tell whether the server carried the create out before its answer was lost. */
export function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof IpcFailure && error.error.code === 'outcome_unknown';
}

/**
 * Renames, then shows the new name wherever the organization appears (its view, its tab, the
 * list). A rename that failed without a definite answer, or that was cancelled after it was
 * sent, may still have happened, so the organization and the list are read again.
 */
export async function renameOrganization(
  client: QueryClient,
  ref: OrgRef,
  name: string,
  signal?: AbortSignal,
): Promise<Organization> {
  let renamed: Organization;
  try {
    renamed = await cancellableCall(signal, (options) => orgdesk().orgs.rename({ ...ref, name }, options));
  } catch (error) {
    if (isCancelled(error) || isOutcomeUnknown(error)) void refreshOrganization(client, ref);
    throw error;
  }
  // The PATCH answer may come without the permissions map; the view needs it, so keep the old one.
  client.setQueryData<Organization>(queryKeys.org(ref.profileId, ref.orgId), (old) => ({
    ...renamed,
    permissions: renamed.permissions ?? old?.permissions,
  }));
  tabs.retitle(ref.profileId, ref.orgId, renamed.name);
  toast.success(`Renamed to ${isolate(renamed.name)}`);
  void client.invalidateQueries({ queryKey: queryKeys.orgs(ref.profileId) });
  return renamed;
}

/**
 * Creates, lists and opens the organization. When the answer was lost (`outcome_unknown`) or
 * the user stopped waiting, the organization may exist all the same: the list is refreshed
 * so it shows up there before anyone creates it a second time.
 */
export async function createOrganization(
  client: QueryClient,
  profileId: string,
  name: string,
  signal?: AbortSignal,
): Promise<Organization> {
  let org: Organization;
  try {
    org = await cancellableCall(signal, (options) => orgdesk().orgs.create({ profileId, name }, options));
  } catch (error) {
    if (isCancelled(error) || isOutcomeUnknown(error)) {
      void client.invalidateQueries({ queryKey: queryKeys.orgs(profileId) });
    }
    throw error;
  }
  client.setQueryData(queryKeys.org(profileId, org.id), org);
  void client.invalidateQueries({ queryKey: queryKeys.orgs(profileId) });
  sidebar.expand(profileId);
  tabs.open(profileId, org.id, org.name);
  toast.success(`Created ${isolate(org.name)}`, { description: `Label ${isolate(org.label)}` });
  return org;
}

/** Stops loading a profile's organization list; the view then offers to load it again. */
export function stopLoadingOrgs(client: QueryClient, profileId: string): Promise<void> {
  return client.cancelQueries({ queryKey: queryKeys.orgs(profileId) });
}

/** Stops loading one organization (its tab stays open). */
export function stopLoadingOrg(client: QueryClient, ref: OrgRef): Promise<void> {
  return client.cancelQueries({ queryKey: queryKeys.org(ref.profileId, ref.orgId) });
}

function refreshOrganization(client: QueryClient, ref: OrgRef): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.org(ref.profileId, ref.orgId) }),
    client.invalidateQueries({ queryKey: queryKeys.orgs(ref.profileId) }),
  ]);
}
