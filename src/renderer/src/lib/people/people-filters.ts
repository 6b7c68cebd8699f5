import type { OrganizationRole } from '../../../../shared/api/users';

/** What the server filters on: the email search and the role. Status and sorting are applied to loaded rows. */
export interface PeopleFilters {
  email?: string;
  role?: OrganizationRole;
}
