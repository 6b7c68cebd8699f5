import type { FastifyInstance } from 'fastify';
import {
  InvitationConflictCode,
  InvitationCreateBody,
  type Invitation,
  type InvitationListResponse,
  type InvitationStatus,
} from '../../../../shared/api/invitations';
import type { OrganizationRole } from '../../../../shared/api/users';
import { requirePermission, resolveOrganization } from '../../access';
import { authOf } from '../../auth';
import { conflict, notFound } from '../../errors';
import { parseExpand } from '../../expand';
import { paginate, parsePageRequest } from '../../pagination';
import { readQuery } from '../../query';
import type { SandboxState } from '../../state';
import { parseBody } from '../../validation';
import { resourcePermissions } from '../roles/permissions';
import type { InvitationRecord } from './store';

interface InvitationsParams {
  organization_id: string;
}

interface InvitationParams extends InvitationsParams {
  invitation_id: string;
}

export function presentInvitation(
  record: InvitationRecord,
  status: InvitationStatus,
  callerRole: OrganizationRole,
  withPermissions: boolean,
): Invitation {
  const invitation: Invitation = {
    id: record.id,
    email: record.email,
    role: record.role,
    status,
    created_by: record.created_by,
    expires_at: record.expires_at,
    organization_id: record.organization_id,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
  if (withPermissions) invitation.permissions = { invitations: resourcePermissions(callerRole, 'invitations') };
  return invitation;
}

export function registerInvitationRoutes(scope: FastifyInstance, state: SandboxState): void {
  scope.get<{ Params: InvitationsParams }>('/organizations/:organization_id/invitations', async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'invitations', 'list');
    const query = readQuery(request.query);
    const page = parsePageRequest(query);
    const withPermissions = parseExpand(query).has('permissions');
    const { items, page_info } = paginate(state.invitations.of(organization.id).all(), page);
    const answer: InvitationListResponse = {
      items: items.map((i) => presentInvitation(i, state.invitations.statusOf(i), role, withPermissions)),
      page_info,
    };
    if (withPermissions) answer.permissions = { invitations: resourcePermissions(role, 'invitations') };
    return answer;
  });

  scope.post<{ Params: InvitationsParams }>('/organizations/:organization_id/invitations', async (request, reply) => {
    const auth = authOf(request);
    const { organization, role } = resolveOrganization(state, auth, request.params.organization_id);
    requirePermission(role, 'invitations', 'create');
    const body = parseBody(InvitationCreateBody, request.body);
    if (state.users.findByEmail(organization.id, body.email) !== undefined) {
      throw conflict(
        `${body.email} is already a member of this organization`,
        InvitationConflictCode.enum.already_member,
      );
    }
    if (state.invitations.openFor(organization.id, body.email) !== undefined) {
      throw conflict(`${body.email} already has a pending invitation`, InvitationConflictCode.enum.already_invited);
    }
    const created = state.invitations.create({
      organization_id: organization.id,
      email: body.email,
      role: body.role,
      created_by: auth.principalId,
    });
    const withPermissions = parseExpand(readQuery(request.query)).has('permissions');
    return reply.code(201).send(presentInvitation(created, 'pending', role, withPermissions));
  });

  scope.delete<{ Params: InvitationParams }>(
    '/organizations/:organization_id/invitations/:invitation_id',
    async (request, reply) => {
      const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
      requirePermission(role, 'invitations', 'delete');
      const invitation = state.invitations.of(organization.id).get(request.params.invitation_id);
      if (invitation === undefined) {
        throw notFound(`Invitation "${request.params.invitation_id}" not found in this organization`);
      }
      const status = state.invitations.statusOf(invitation);
      if (status !== 'pending') throw conflict(`The invitation is ${status}; only a pending invitation can be revoked`);
      state.invitations.setStatus(organization.id, invitation.id, 'revoked');
      return reply.code(204).send();
    },
  );
}
