import type { QueryClient } from '@tanstack/svelte-query';
import { toast } from 'svelte-sonner';
import type {
  ConnectionTestResult,
  ProfileCreateInput,
  ProfileList,
  ProfileTestInput,
  ProfileUpdateInput,
  ProfileView,
} from '../../../../shared/ipc/profiles';
import { orgdesk } from '../ipc/bridge';
import { cancellableCall } from '../ipc/cancellable';
import { unwrap } from '../ipc/ipc-failure';
import { queryKeys } from '../queries/query-keys';
import { sidebar, treeKey } from '../state/sidebar.svelte';
import { tabs } from '../state/tabs.svelte';
import { isolate } from '../utils/bidi';

export async function listProfiles(): Promise<ProfileList> {
  return unwrap(await orgdesk().profiles.list());
}

export function testConnection(input: ProfileTestInput, signal?: AbortSignal): Promise<ConnectionTestResult> {
  return cancellableCall(signal, (options) => orgdesk().profiles.test(input, options));
}

/** Adds a profile and shows its organizations; its list is read with the new credential. */
export async function addProfile(client: QueryClient, input: ProfileCreateInput): Promise<ProfileView> {
  const profile = unwrap(await orgdesk().profiles.create(input));
  toast.success(`Added ${isolate(profile.name)}`);
  afterSave(client, profile);
  return profile;
}

/** Saves an edit; what was read with the old settings (organizations, open tabs) is read again. */
export async function updateProfile(client: QueryClient, input: ProfileUpdateInput): Promise<ProfileView> {
  const profile = unwrap(await orgdesk().profiles.update(input));
  toast.success(`Saved ${isolate(profile.name)}`);
  afterSave(client, profile);
  return profile;
}

function afterSave(client: QueryClient, profile: ProfileView): void {
  sidebar.expand(profile.id);
  for (const queryKey of [queryKeys.profiles, queryKeys.orgs(profile.id), queryKeys.org(profile.id)]) {
    void client.invalidateQueries({ queryKey });
  }
}

/** Forgets a profile: its secret, its tabs and whatever was read with it. */
export async function removeProfile(client: QueryClient, profile: ProfileView): Promise<void> {
  unwrap(await orgdesk().profiles.remove({ id: profile.id }));
  // The removed row held the focus; the next profile down (else the one above) takes it.
  const listed = client.getQueryData<ProfileList>(queryKeys.profiles)?.profiles ?? [];
  const index = listed.findIndex((candidate) => candidate.id === profile.id);
  const neighbour = listed[index + 1] ?? listed[index - 1];
  if (index !== -1 && neighbour) sidebar.requestFocus(treeKey.profile(neighbour.id));
  tabs.closeProfile(profile.id);
  sidebar.forget(profile.id);
  client.removeQueries({ queryKey: queryKeys.orgs(profile.id) });
  client.removeQueries({ queryKey: queryKeys.org(profile.id) });
  toast.success(`Removed ${isolate(profile.name)}`);
  void client.invalidateQueries({ queryKey: queryKeys.profiles });
}

export async function addSandboxProfile(client: QueryClient): Promise<ProfileView> {
  const profile = unwrap(await orgdesk().profiles.addSandbox());
  sidebar.expand(profile.id);
  // The button pressed is gone with the welcome screen: the sandbox's entry in the sidebar takes the focus.
  sidebar.requestFocus(treeKey.profile(profile.id));
  void client.invalidateQueries({ queryKey: queryKeys.profiles });
  toast.success('Sandbox ready', { description: 'Its organizations are in the sidebar.' });
  return profile;
}
