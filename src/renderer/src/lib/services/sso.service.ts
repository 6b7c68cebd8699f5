import type { QueryClient } from '@tanstack/svelte-query';
import { toast } from 'svelte-sonner';
import type { Organization } from '../../../../shared/api/organizations';
import type { OrgList, OrgRef } from '../../../../shared/ipc/organizations';
import type {
  DiscoveredProvider,
  SsoCheck,
  SsoEnableInput,
  SsoSaved,
  SsoState,
  SsoUpdateInput,
} from '../../../../shared/ipc/sso';
import { orgdesk } from '../ipc/bridge';
import { cancellableCall, isCancelled } from '../ipc/cancellable';
import { IpcFailure } from '../ipc/ipc-failure';
import { queryKeys } from '../queries/query-keys';
import { isolate } from '../utils/bidi';
import { sameServerProfileIds } from '../queries/same-server';
import { isOutcomeUnknown } from './orgs.service';

/** Reads the connection and, when SSO was turned on or off elsewhere, shows that wherever the organization appears. */
export async function getSso(client: QueryClient, ref: OrgRef, signal?: AbortSignal): Promise<SsoState> {
  const state = await cancellableCall(signal, (options) => orgdesk().sso.get(ref, options));
  followSso(client, ref, state.connection !== null, { refetchOthers: false });
  return state;
}

export function discoverProvider(identifier: string, signal?: AbortSignal): Promise<DiscoveredProvider> {
  return cancellableCall(signal, (options) => orgdesk().sso.discover({ identifier }, options));
}

/** The check reads the connection afresh; the page then shows that copy, which the check describes. */
export async function checkSso(client: QueryClient, ref: OrgRef, signal?: AbortSignal): Promise<SsoCheck> {
  const check = await cancellableCall(signal, (options) => orgdesk().sso.check(ref, options));
  client.setQueryData<SsoState>(queryKeys.sso(ref.profileId, ref.orgId), { connection: check.connection });
  followSso(client, ref, true);
  return check;
}

/** Someone enabled SSO meanwhile: the view shows their connection instead of the form's. */
export function isAlreadyEnabled(error: unknown): boolean {
  return error instanceof IpcFailure && error.error.code === 'sso_already_enabled';
}

/** A change that may have happened without saying so: the connection and the organization are read again. */
async function settled<T>(client: QueryClient, ref: OrgRef, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isCancelled(error) || isOutcomeUnknown(error) || isAlreadyEnabled(error)) void refresh(client, ref);
    throw error;
  }
}

export async function enableSso(
  client: QueryClient,
  input: SsoEnableInput,
  orgName: string,
  signal?: AbortSignal,
): Promise<SsoSaved> {
  const ref = { profileId: input.profileId, orgId: input.orgId };
  const saved = await settled(client, ref, () =>
    cancellableCall(signal, (options) => orgdesk().sso.enable(input, options)),
  );
  stored(client, ref, saved);
  toast.success(`Single sign-on enabled for ${isolate(orgName)}`, { description: clipboardNote(saved) });
  return saved;
}

export async function updateSso(
  client: QueryClient,
  input: SsoUpdateInput,
  orgName: string,
  signal?: AbortSignal,
): Promise<SsoSaved> {
  const ref = { profileId: input.profileId, orgId: input.orgId };
  const saved = await settled(client, ref, () =>
    cancellableCall(signal, (options) => orgdesk().sso.update(input, options)),
  );
  stored(client, ref, saved);
  toast.success(`Saved the SSO connection of ${isolate(orgName)}`, { description: clipboardNote(saved) });
  return saved;
}

export async function disableSso(
  client: QueryClient,
  ref: OrgRef,
  orgName: string,
  signal?: AbortSignal,
): Promise<void> {
  await settled(client, ref, () => cancellableCall(signal, (options) => orgdesk().sso.disable(ref, options)));
  client.setQueryData<SsoState>(queryKeys.sso(ref.profileId, ref.orgId), { connection: null });
  followSso(client, ref, false);
  toast.success(`Single sign-on disabled for ${isolate(orgName)}`);
}

function stored(client: QueryClient, ref: OrgRef, saved: SsoSaved): void {
  client.setQueryData<SsoState>(queryKeys.sso(ref.profileId, ref.orgId), { connection: saved.connection });
  followSso(client, ref, true);
}

function clipboardNote(saved: SsoSaved): string | undefined {
  return saved.clipboardCleared ? 'The client secret was taken from the clipboard, which is now cleared.' : undefined;
}

function refresh(client: QueryClient, ref: OrgRef): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.sso(ref.profileId, ref.orgId) }),
    client.invalidateQueries({ queryKey: queryKeys.org(ref.profileId, ref.orgId) }),
    client.invalidateQueries({ queryKey: queryKeys.orgs(ref.profileId) }),
  ]);
}

/**
 * Shows SSO on or off wherever the organization appears: its view, its tab and the sidebar, under
 * this profile and under every other profile signed in to the same server, which see the same
 * organization. Those others' SSO views are read again, since their copy of the connection is old.
 */
export function followSso(
  client: QueryClient,
  ref: OrgRef,
  enabled: boolean,
  { refetchOthers = true }: { refetchOthers?: boolean } = {},
): void {
  const ids = sameServerProfileIds(client, ref.profileId);
  // The tab may have been opened by label; the list and other profiles know the organization by ID.
  const orgId = client.getQueryData<Organization>(queryKeys.org(ref.profileId, ref.orgId))?.id ?? ref.orgId;
  for (const profileId of ids) {
    for (const key of new Set([ref.orgId, orgId])) {
      client.setQueryData<Organization>(queryKeys.org(profileId, key), (org) =>
        org && org.sso_enabled !== enabled ? { ...org, sso_enabled: enabled } : org,
      );
    }
    client.setQueryData<OrgList>(queryKeys.orgs(profileId), (list) =>
      list && list.items.some((org) => org.id === orgId && org.sso_enabled !== enabled)
        ? { ...list, items: list.items.map((org) => (org.id === orgId ? { ...org, sso_enabled: enabled } : org)) }
        : list,
    );
    if (refetchOthers && profileId !== ref.profileId) {
      void client.invalidateQueries({ queryKey: queryKeys.sso(profileId, orgId) });
    }
  }
}
