import { queryOptions } from '@tanstack/svelte-query';
import { listProfiles } from '../services/profiles.service';
import { queryKeys } from './query-keys';

export function profilesQuery() {
  return queryOptions({ queryKey: queryKeys.profiles, queryFn: listProfiles });
}
