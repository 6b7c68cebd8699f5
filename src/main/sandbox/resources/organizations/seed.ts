import { hours, seedTime } from '../../seed-clock';
import { BASE_ORGANIZATION_NAMES, ORGANIZATION_NAME_HEADS, ORGANIZATION_NAME_TAILS } from '../../seed-names';
import type { SandboxState } from '../../state';
import type { OrganizationRecord } from './store';

/** The named organizations (Acme, Globex, Initech, Umbrella), a day or so apart. */
export function seedNamedOrganizations(state: SandboxState): OrganizationRecord[] {
  const random = state.context.random;
  return BASE_ORGANIZATION_NAMES.map((name, i) =>
    state.organizations.create({ name, at: seedTime(hours(i * 26 + random.int(0, 5))) }),
  );
}

/** The `index`-th organization beyond the named ones, for seeding at scale. */
export function seedExtraOrganization(state: SandboxState, index: number): OrganizationRecord {
  const random = state.context.random;
  const name = `${random.pick(ORGANIZATION_NAME_HEADS)} ${random.pick(ORGANIZATION_NAME_TAILS)}`;
  return state.organizations.create({ name, at: extraOrganizationTime(index) });
}

/** The extra organizations follow the named ones a minute apart. */
function extraOrganizationTime(index: number): string {
  return seedTime(hours(130) + index * 60_000);
}

/** The organization `peopleAtScale` fills, named so it is plainly the big one. */
export const PEOPLE_AT_SCALE_ORGANIZATION_NAME = 'Initrode Worldwide';

/** Created just after the `extraOrganizations`, so it comes last in the list as it comes last in the seed. */
export function seedPeopleAtScaleOrganization(state: SandboxState, extraOrganizations: number): OrganizationRecord {
  return state.organizations.create({
    name: PEOPLE_AT_SCALE_ORGANIZATION_NAME,
    at: extraOrganizationTime(extraOrganizations),
  });
}
