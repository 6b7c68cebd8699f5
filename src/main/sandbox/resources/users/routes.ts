import type { FastifyInstance } from 'fastify';
import {
  type OrganizationRole,
  UserUpdateBody,
  type OrganizationUser,
  type UserListResponse,
} from '../../../../shared/api/users';
import { requirePermission, resolveOrganization } from '../../access';
import { authOf } from '../../auth';
import { notFound } from '../../errors';
import { parseExpand } from '../../expand';
import { paginate, parsePageRequest } from '../../pagination';
import { resourcePermissions, userPermissions } from '../roles/permissions';
import { readQuery } from '../../query';
import { parseRoleFilter } from '../roles/filter';
import type { UserRecord } from './store';
import type { SandboxState } from '../../state';
import { parseBody } from '../../validation';

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

export function registerUserRoutes(scope: FastifyInstance, state: SandboxState): void {
  scope.get<{ Params: UsersParams }>('/organizations/:organization_id/users', async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'users', 'list');
    const query = readQuery(request.query);
    const page = parsePageRequest(query);
    const roleFilter = parseRoleFilter(query);
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

  scope.patch<{ Params: UserParams }>('/organizations/:organization_id/users/:user_id', async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'users', 'update');
    const body = parseBody(UserUpdateBody, request.body);
    if (state.users.of(organization.id).get(request.params.user_id) === undefined) {
      throw notFound(`User "${request.params.user_id}" not found in this organization`);
    }
    const updated = state.users.update(organization.id, request.params.user_id, body);
    return presentUser(updated, role, parseExpand(readQuery(request.query)).has('permissions'));
  });

  scope.delete<{ Params: UserParams }>('/organizations/:organization_id/users/:user_id', async (request, reply) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'users', 'delete');
    if (state.users.remove(organization.id, request.params.user_id) === undefined) {
      throw notFound(`User "${request.params.user_id}" not found in this organization`);
    }
    return reply.code(204).send();
  });
}
