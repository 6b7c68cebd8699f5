import type { FastifyInstance } from 'fastify';
import { SsoEnableBody, SsoUpdateBody, type SsoConnection } from '../../../../shared/api/sso-connection';
import { requirePermission, resolveOrganization } from '../../access';
import { authOf } from '../../auth';
import { conflict, notFound } from '../../errors';
import type { SandboxState } from '../../state';
import { parseBody } from '../../validation';
import type { OrganizationRecord } from '../organizations/store';
import type { SsoConnectionRecord } from './store';

/** The 409's `code` when the organization already has a connection (enabled meanwhile by someone else). */
export const SSO_ALREADY_ENABLED_CODE = 'sso_already_enabled';

interface SsoConnectionParams {
  organization_id: string;
}

/** Every field but the secret, which is answered only as whether one is set. */
export function presentSsoConnection(record: SsoConnectionRecord): SsoConnection {
  const connection: SsoConnection = {
    id: record.id,
    identifier: record.identifier,
    client_id: record.client_id,
    client_secret_set: record.client_secret !== null,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
  if (record.protocols !== null) connection.protocols = record.protocols;
  return connection;
}

function connectionOf(state: SandboxState, organization: OrganizationRecord): SsoConnectionRecord {
  const connection = state.ssoConnections.of(organization.id);
  if (connection === undefined) throw notFound(`Organization "${organization.label}" has no SSO connection`);
  return connection;
}

export function registerSsoConnectionRoutes(scope: FastifyInstance, state: SandboxState): void {
  const one = '/organizations/:organization_id/sso-connection';

  scope.post<{ Params: SsoConnectionParams }>(one, async (request, reply) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'sso_connection', 'create');
    const body = parseBody(SsoEnableBody, request.body);
    const connection = state.enableSso(organization.id, {
      identifier: body.identifier,
      client_id: body.client_id,
      client_secret: body.client_secret ?? null,
      protocols: body.protocols ?? null,
    });
    if (connection === undefined) {
      throw conflict(`SSO is already enabled for organization "${organization.label}"`, SSO_ALREADY_ENABLED_CODE);
    }
    return reply.code(201).send(presentSsoConnection(connection));
  });

  scope.get<{ Params: SsoConnectionParams }>(one, async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'sso_connection', 'read');
    return presentSsoConnection(connectionOf(state, organization));
  });

  scope.patch<{ Params: SsoConnectionParams }>(one, async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'sso_connection', 'update');
    const body = parseBody(SsoUpdateBody, request.body);
    const current = connectionOf(state, organization);
    const patch = {
      ...(body.identifier === undefined ? {} : { identifier: body.identifier }),
      ...(body.client_id === undefined ? {} : { client_id: body.client_id }),
      ...(body.client_secret === undefined ? {} : { client_secret: body.client_secret }),
      ...(body.protocols === undefined ? {} : { protocols: body.protocols }),
    };
    // An empty patch changes nothing, `updated_at` included, as for organizations.
    const updated = Object.keys(patch).length === 0 ? current : state.ssoConnections.update(organization.id, patch);
    return presentSsoConnection(updated);
  });

  scope.delete<{ Params: SsoConnectionParams }>(one, async (request, reply) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'sso_connection', 'delete');
    connectionOf(state, organization);
    state.disableSso(organization.id);
    return reply.code(204).send();
  });
}
