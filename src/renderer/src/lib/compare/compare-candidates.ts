import type { Organization } from '../../../../shared/api/organizations';
import type { ProfileView } from '../../../../shared/ipc/profiles';

/** An organization to compare with, under the profile it would be read with. */
export interface CompareCandidate {
  profileId: string;
  profileName: string;
  profileColor: string | undefined;
  orgId: string;
  orgName: string;
}

export const candidateKey = (candidate: Pick<CompareCandidate, 'profileId' | 'orgId'>): string =>
  `${candidate.profileId}\u0000${candidate.orgId}`;

/**
 * Every organization of every profile whose list is loaded, sorted by profile then name, less
 * the one being compared from. An open tab may name its organization by ID or by label.
 */
export function candidatesFrom(
  profiles: readonly ProfileView[],
  orgsOf: (profileId: string) => readonly Organization[] | undefined,
  from: { profileId: string; orgId: string },
): CompareCandidate[] {
  return profiles.flatMap((profile) =>
    [...(orgsOf(profile.id) ?? [])]
      .filter((org) => !(profile.id === from.profileId && (org.id === from.orgId || org.label === from.orgId)))
      .sort((x, y) => x.name.localeCompare(y.name))
      .map((org) => ({
        profileId: profile.id,
        profileName: profile.name,
        profileColor: profile.color,
        orgId: org.id,
        orgName: org.name,
      })),
  );
}

/** Case-insensitive match on the organization's or the profile's name. */
export function matchesSearch(candidate: CompareCandidate, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return (
    needle === '' ||
    candidate.orgName.toLowerCase().includes(needle) ||
    candidate.profileName.toLowerCase().includes(needle)
  );
}
