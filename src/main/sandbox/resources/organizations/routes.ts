import type { FastifyInstance } from 'fastify';
import type { TokenResponse } from '../../../../shared/api/common';
import {
  OrganizationCreateBody,
  OrganizationUpdateBody,
  type Organization,
  type OrganizationListResponse,
} from '../../../../shared/api/organizations';
import type { OrganizationRole } from '../../../../shared/api/users';
import { requirePermission, resolveOrganization, roleIn } from '../../access';
import { authOf } from '../../auth';
import { forbidden } from '../../errors';
import { parseExpand } from '../../expand';
import { paginate, parsePageRequest } from '../../pagination';
import { organizationPermissions } from '../roles/permissions';
import { readQuery } from '../../query';
import { tokenResponse } from '../tokens/routes';
import type { OrganizationRecord } from './store';
import type { SandboxState } from '../../state';
import { parseBody } from '../../validation';

/** What the vendor falls back to when `POST /organizations` has no name. */
export const DEFAULT_ORGANIZATION_NAME = 'Untitled organization';

interface OrganizationParams {
  organization_id: string;
}

export function presentOrganization(
  record: OrganizationRecord,
  role: OrganizationRole,
  withPermissions: boolean,
): Organization {
  const organization: Organization = {
    id: record.id,
    name: record.name,
    label: record.label,
    sso_enabled: record.sso_enabled,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
  if (withPermissions) organization.permissions = organizationPermissions(role);
  return organization;
}

export function registerOrganizationRoutes(scope: FastifyInstance, state: SandboxState): void {
  scope.get('/organizations', async (request) => {
    const auth = authOf(request);
    const query = readQuery(request.query);
    const page = parsePageRequest(query);
    const withPermissions = parseExpand(query).has('permissions');
    const visible = state.organizations.all().filter((o) => roleIn(state, auth, o.id) !== undefined);
    const { items, page_info } = paginate(visible, page);
    const answer: OrganizationListResponse = {
      items: items.map((o) => presentOrganization(o, roleIn(state, auth, o.id) ?? 'org_viewer', withPermissions)),
      page_info,
    };
    if (withPermissions) {
      answer.permissions = { organizations: { list: true, create: auth.organizationId === undefined } };
    }
    return answer;
  });

  scope.post('/organizations', async (request, reply) => {
    const auth = authOf(request);
    // An organization-scoped token is a key to one organization, not to the account.
    if (auth.organizationId !== undefined) throw forbidden('An organization-scoped token cannot create organizations');
    const body = parseBody(OrganizationCreateBody, request.body);
    const organization = state.organizations.create({ name: body.name ?? DEFAULT_ORGANIZATION_NAME });
    state.roles.set(auth.principalId, organization.id, 'org_admin');
    const withPermissions = parseExpand(readQuery(request.query)).has('permissions');
    return reply.code(201).send(presentOrganization(organization, 'org_admin', withPermissions));
  });

  scope.get<{ Params: OrganizationParams }>('/organizations/:organization_id', async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'organizations', 'read');
    return presentOrganization(organization, role, parseExpand(readQuery(request.query)).has('permissions'));
  });

  scope.patch<{ Params: OrganizationParams }>('/organizations/:organization_id', async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'organizations', 'update');
    const body = parseBody(OrganizationUpdateBody, request.body);
    // Renaming keeps the label: the vendor derives it once, at creation.
    const updated =
      body.name === undefined ? organization : state.organizations.update(organization.id, { name: body.name });
    return presentOrganization(updated, role, parseExpand(readQuery(request.query)).has('permissions'));
  });

  scope.post<{ Params: OrganizationParams }>('/organizations/:organization_id/token', async (request, reply) => {
    const auth = authOf(request);
    const { organization } = resolveOrganization(state, auth, request.params.organization_id);
    // The new token keeps the caller's credential: revoking that credential ends both.
    const issued = state.tokens.issue(auth.principalId, {
      organizationId: organization.id,
      ...(auth.credentialId === undefined ? {} : { credentialId: auth.credentialId }),
    });
    const answer: TokenResponse = tokenResponse(issued.token, issued.expiresIn);
    return reply.header('cache-control', 'no-store').send(answer);
  });
}
