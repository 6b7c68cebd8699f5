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
  return state.organizations.create({ name, at: seedTime(hours(130) + index * 60_000) });
}
