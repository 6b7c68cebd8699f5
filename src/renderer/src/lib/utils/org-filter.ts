import type { Organization } from '../../../../shared/api/organizations';

// Accents and case aside, as people read names: "acme" finds "Ácme", "org 9" sorts before "org 10".
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The sidebar's order for a profile's organizations: by name, then label, so equal names keep one order. */
export function sortedOrgs<T extends Pick<Organization, 'name' | 'label'>>(orgs: readonly T[]): T[] {
  return [...orgs].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.label, b.label));
}

/** Whether the filter box's text is in the organization's name or label, ignoring case and accents. */
export function matchesFilter(org: Pick<Organization, 'name' | 'label'>, filter: string): boolean {
  const wanted = folded(filter.trim());
  return wanted === '' || folded(org.name).includes(wanted) || folded(org.label).includes(wanted);
}

/** What a profile's branch of the tree lists: the matches, sorted. */
export function visibleOrgs<T extends Pick<Organization, 'name' | 'label'>>(orgs: readonly T[], filter: string): T[] {
  return sortedOrgs(orgs.filter((org) => matchesFilter(org, filter)));
}
