import type { Permissions } from '../../../../shared/api/common';
import type { OrganizationRole } from '../../../../shared/api/users';

/**
 * What each organization role may do, per resource type, in the shape of the
 * vendor's `permissions` expansion. Later route files (invitations, service
 * accounts, SSO) check the same table, so the map the client renders and the
 * answers the sandbox gives never disagree.
 */
const ACTIONS = {
  organizations: ['read', 'update'],
  users: ['list', 'read', 'update', 'delete'],
  invitations: ['list', 'create', 'delete'],
  service_accounts: ['list', 'read', 'create', 'update', 'delete'],
  service_account_credentials: ['list', 'read', 'create', 'update', 'delete'],
  sso_connection: ['read', 'create', 'update', 'delete'],
  roles: ['list'],
  identities: ['list'],
} as const;

export type ResourceType = keyof typeof ACTIONS;
export type Action<R extends ResourceType> = (typeof ACTIONS)[R][number];

type Grants = { readonly [R in ResourceType]: readonly Action<R>[] };

const ADMIN: Grants = ACTIONS;

/** Members see everything an admin sees but change nothing. */
const MEMBER: Grants = {
  organizations: ['read'],
  users: ['list', 'read'],
  invitations: ['list'],
  service_accounts: ['list', 'read'],
  service_account_credentials: ['list', 'read'],
  sso_connection: ['read'],
  roles: ['list'],
  identities: ['list'],
};

/** Viewers see the organization and its people, not its machine credentials or SSO setup. */
const VIEWER: Grants = {
  organizations: ['read'],
  users: ['list', 'read'],
  invitations: [],
  service_accounts: [],
  service_account_credentials: [],
  sso_connection: [],
  roles: ['list'],
  identities: ['list'],
};

const GRANTS: Record<OrganizationRole, Grants> = { org_admin: ADMIN, org_member: MEMBER, org_viewer: VIEWER };

export function can<R extends ResourceType>(role: OrganizationRole, resource: R, action: Action<R>): boolean {
  const granted: readonly string[] = GRANTS[role][resource];
  return granted.includes(action);
}

/** One resource type's map, every action listed with true or false. */
export function resourcePermissions(role: OrganizationRole, resource: ResourceType): Record<string, boolean> {
  const map: Record<string, boolean> = {};
  const granted: readonly string[] = GRANTS[role][resource];
  for (const action of ACTIONS[resource]) map[action] = granted.includes(action);
  return map;
}

/** The map attached to an organization: everything the caller may do inside it. */
export function organizationPermissions(role: OrganizationRole): Permissions {
  const map: Permissions = {};
  for (const resource of Object.keys(ACTIONS) as ResourceType[]) map[resource] = resourcePermissions(role, resource);
  return map;
}

/** The map attached to one entity: what the caller may do to it (listing and creating are the collection's). */
export function entityPermissions(role: OrganizationRole, resource: ResourceType): Permissions {
  const { read = false, update = false, delete: remove = false } = resourcePermissions(role, resource);
  return { [resource]: { read, update, delete: remove } };
}

/** The map attached to one user of an organization. */
export function userPermissions(role: OrganizationRole): Permissions {
  return entityPermissions(role, 'users');
}
