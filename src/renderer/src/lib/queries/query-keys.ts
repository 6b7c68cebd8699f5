/** Every cache key in one place, so a mutation invalidates exactly what its views read. */
export const queryKeys = {
  profiles: ['profiles'] as const,
  orgs: (profileId: string) => ['orgs', profileId] as const,
  /** Without `orgId`: the prefix of every organization opened under the profile. */
  org: (profileId: string, orgId?: string) =>
    orgId === undefined ? (['org', profileId] as const) : (['org', profileId, orgId] as const),
};
