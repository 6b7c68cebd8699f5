import type { OrganizationRole } from '../../shared/api/users';
import type { AuthContext } from './auth';
import { forbidden, notFound } from './errors';
import { can, type Action, type ResourceType } from './resources/roles/permissions';
import type { OrganizationRecord } from './resources/organizations/store';
import type { SandboxState } from './state';

export interface OrganizationAccess {
  readonly organization: OrganizationRecord;
  readonly role: OrganizationRole;
}

/** The caller's role in an organization, honouring organization-scoped tokens. */
export function roleIn(state: SandboxState, auth: AuthContext, organizationId: string): OrganizationRole | undefined {
  if (auth.organizationId !== undefined && auth.organizationId !== organizationId) return undefined;
  return state.roles.of(auth.principalId, organizationId);
}

/**
 * Resolves `{organization_id}` (ID or label) for the caller. An organization the
 * caller is not a member of answers 404 exactly like one that does not exist, so
 * IDs and labels of other tenants cannot be probed.
 */
export function resolveOrganization(state: SandboxState, auth: AuthContext, idOrLabel: string): OrganizationAccess {
  const organization = state.organizations.find(idOrLabel);
  const role = organization === undefined ? undefined : roleIn(state, auth, organization.id);
  if (organization === undefined || role === undefined) throw notFound(`Organization "${idOrLabel}" not found`);
  return { organization, role };
}

export function requirePermission<R extends ResourceType>(
  role: OrganizationRole,
  resource: R,
  action: Action<R>,
): void {
  if (!can(role, resource, action)) {
    throw forbidden(`Your role (${role}) does not allow ${resource}.${action}`);
  }
}
