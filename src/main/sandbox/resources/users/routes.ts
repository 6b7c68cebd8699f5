import type { FastifyInstance } from 'fastify';
import { OrganizationRole, type OrganizationUser, type UserListResponse } from '../../../../shared/api/users';
import { requirePermission, resolveOrganization } from '../../access';
import { authOf } from '../../auth';
import { badRequest, notFound } from '../../errors';
import { parseExpand } from '../../expand';
import { paginate, parsePageRequest } from '../../pagination';
import { resourcePermissions, userPermissions } from '../roles/permissions';
import { readQuery, singleParam } from '../../query';
import type { UserRecord } from './store';
import type { SandboxState } from '../../state';

interface UsersParams {
  organization_id: string;
}

interface UserParams extends UsersParams {
  user_id: string;
}

export function presentUser(
  record: UserRecord,
  callerRole: OrganizationRole,
  withPermissions: boolean,
): OrganizationUser {
  const user: OrganizationUser = {
    id: record.id,
    role: record.role,
    status: record.status,
    source: record.source,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
  if (record.email !== undefined) user.email = record.email;
  if (withPermissions) user.permissions = userPermissions(callerRole);
  return user;
}

/** Read-only for now; updates and removal come with the users screen. */
export function registerUserRoutes(scope: FastifyInstance, state: SandboxState): void {
  scope.get<{ Params: UsersParams }>('/organizations/:organization_id/users', async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'users', 'list');
    const query = readQuery(request.query);
    const page = parsePageRequest(query);
    const rawRole = singleParam(query, 'role');
    let roleFilter: OrganizationRole | undefined;
    if (rawRole !== undefined) {
      const parsed = OrganizationRole.safeParse(rawRole);
      if (!parsed.success)
        throw badRequest(
          `Query parameter "role" must be one of ${OrganizationRole.options.join(', ')}`,
          'invalid_parameter',
        );
      roleFilter = parsed.data;
    }
    const all = state.users.of(organization.id).all();
    const matching = roleFilter === undefined ? all : all.filter((u) => u.role === roleFilter);
    const withPermissions = parseExpand(query).has('permissions');
    const { items, page_info } = paginate(matching, page);
    const answer: UserListResponse = { items: items.map((u) => presentUser(u, role, withPermissions)), page_info };
    if (withPermissions) answer.permissions = { users: resourcePermissions(role, 'users') };
    return answer;
  });

  scope.get<{ Params: UserParams }>('/organizations/:organization_id/users/:user_id', async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'users', 'read');
    const user = state.users.of(organization.id).get(request.params.user_id);
    if (user === undefined) throw notFound(`User "${request.params.user_id}" not found in this organization`);
    return presentUser(user, role, parseExpand(readQuery(request.query)).has('permissions'));
  });
}
