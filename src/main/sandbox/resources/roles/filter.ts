import { OrganizationRole } from '../../../../shared/api/users';
import { badRequest } from '../../errors';
import { singleParam, type Query } from '../../query';

/** The `role` filter of the users and identities lists; an unknown role is a 400 that lists the known ones. */
export function parseRoleFilter(query: Query): OrganizationRole | undefined {
  const raw = singleParam(query, 'role');
  if (raw === undefined) return undefined;
  const parsed = OrganizationRole.safeParse(raw);
  if (!parsed.success) {
    throw badRequest(
      `Query parameter "role" must be one of ${OrganizationRole.options.join(', ')}`,
      'invalid_parameter',
    );
  }
  return parsed.data;
}
