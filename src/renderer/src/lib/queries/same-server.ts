import type { QueryClient } from '@tanstack/svelte-query';
import type { ProfileList } from '../../../../shared/ipc/profiles';
import { serverOf } from '../utils/server';
import { queryKeys } from './query-keys';

/**
 * The profiles signed in to the same server as `profileId`, itself first: they see the same
 * organizations, so a change under one is a change under all of them.
 */
export function sameServerProfileIds(client: QueryClient, profileId: string): string[] {
  const profiles = client.getQueryData<ProfileList>(queryKeys.profiles)?.profiles ?? [];
  const server = serverOf(profiles.find((profile) => profile.id === profileId)?.baseUrl);
  const others =
    server === undefined
      ? []
      : profiles.filter((profile) => profile.id !== profileId && serverOf(profile.baseUrl) === server);
  return [profileId, ...others.map((profile) => profile.id)];
}
