import type { PeopleFilters } from '../people/people-filters';

/** Every cache key in one place, so a mutation invalidates exactly what its views read. */
export const queryKeys = {
  profiles: ['profiles'] as const,
  /** The app's version and folders (About); fixed for the run. */
  appInfo: ['app-info'] as const,
  orgs: (profileId: string) => ['orgs', profileId] as const,
  /** Without `orgId`: the prefix of every organization opened under the profile. */
  org: (profileId: string, orgId?: string) =>
    orgId === undefined ? (['org', profileId] as const) : (['org', profileId, orgId] as const),
  /** Without filters: the prefix of every people list of the organization, whatever its filters. */
  people: (profileId: string, orgId: string, filters?: PeopleFilters) =>
    filters === undefined
      ? (['people', profileId, orgId] as const)
      : (['people', profileId, orgId, filters.email ?? '', filters.role ?? ''] as const),
  roles: (profileId: string, orgId: string) => ['roles', profileId, orgId] as const,
  invitations: (profileId: string, orgId: string) => ['invitations', profileId, orgId] as const,
  /** Unfinished credential rotations, across profiles. */
  rotations: ['rotations'] as const,
  sso: (profileId: string, orgId: string) => ['sso', profileId, orgId] as const,
  serviceAccounts: (profileId: string, orgId: string) => ['service-accounts', profileId, orgId] as const,
  /** Without `serviceAccountId`: the prefix of every credential list of the organization. */
  credentials: (profileId: string, orgId: string, serviceAccountId?: string) =>
    serviceAccountId === undefined
      ? (['credentials', profileId, orgId] as const)
      : (['credentials', profileId, orgId, serviceAccountId] as const),
};
