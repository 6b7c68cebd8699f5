import type { Role } from '../../../../shared/api/roles';

/** The label the roles endpoint gives a role, or its name while the roles are not loaded. */
export function roleLabel(roles: readonly Role[], name: string): string {
  return roles.find((role) => role.name === name)?.label || name;
}
