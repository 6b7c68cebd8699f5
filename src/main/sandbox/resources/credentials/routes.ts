import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CredentialCreateBody,
  CredentialUpdateBody,
  type CreatedCredential,
  type Credential,
  type CredentialListResponse,
} from '../../../../shared/api/credentials';
import type { OrganizationRole } from '../../../../shared/api/users';
import { requirePermission, resolveOrganization } from '../../access';
import { authOf } from '../../auth';
import { notFound } from '../../errors';
import { parseExpand } from '../../expand';
import { paginate, parsePageRequest } from '../../pagination';
import { readQuery } from '../../query';
import type { SandboxState } from '../../state';
import { descriptionOf, descriptionPatch, parseBody } from '../../validation';
import type { Action } from '../roles/permissions';
import { entityPermissions, resourcePermissions } from '../roles/permissions';
import { ownedServiceAccount, type ServiceAccountParams } from '../service-accounts/routes';
import type { ServiceAccountRecord } from '../service-accounts/store';
import type { CredentialRecord } from './store';

interface CredentialParams extends ServiceAccountParams {
  credential_id: string;
}

/** Never the secret: the record holds only its hash, and the create's answer adds the secret itself. */
export function presentCredential(
  record: CredentialRecord,
  callerRole: OrganizationRole,
  withPermissions: boolean,
): Credential {
  const credential: Credential = {
    id: record.id,
    name: record.name,
    client_id: record.client_id,
    created_at: record.created_at,
  };
  if (record.description !== undefined) credential.description = record.description;
  if (record.last_used_at !== undefined) credential.last_used_at = record.last_used_at;
  if (withPermissions) credential.permissions = entityPermissions(callerRole, 'service_account_credentials');
  return credential;
}

interface Resolved {
  readonly role: OrganizationRole;
  readonly account: ServiceAccountRecord;
}

/** The organization (404), the caller's right to `action` (403), then the account in it (404). */
function resolveAccount(
  state: SandboxState,
  request: FastifyRequest<{ Params: ServiceAccountParams }>,
  action: Action<'service_account_credentials'>,
): Resolved {
  const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
  requirePermission(role, 'service_account_credentials', action);
  return { role, account: ownedServiceAccount(state, organization, request.params.service_account_id) };
}

function ownedCredential(state: SandboxState, account: ServiceAccountRecord, id: string): CredentialRecord {
  const credential = state.credentials.get(id);
  if (credential === undefined || credential.service_account_id !== account.id) {
    throw notFound(`Credential "${id}" not found for this service account`);
  }
  return credential;
}

const withPermissionsOf = (request: FastifyRequest): boolean =>
  parseExpand(readQuery(request.query)).has('permissions');

/**
 * `/organizations/{organization_id}/service-accounts/{service_account_id}/credentials`. Names need
 * not be unique: a rotated credential may keep its predecessor's name.
 */
export function registerCredentialRoutes(scope: FastifyInstance, state: SandboxState): void {
  const collection = '/organizations/:organization_id/service-accounts/:service_account_id/credentials';
  const one = `${collection}/:credential_id`;

  scope.get<{ Params: ServiceAccountParams }>(collection, async (request) => {
    const { role, account } = resolveAccount(state, request, 'list');
    const query = readQuery(request.query);
    const page = parsePageRequest(query);
    const withPermissions = parseExpand(query).has('permissions');
    const { items, page_info } = paginate(state.credentials.of(account.id), page);
    const answer: CredentialListResponse = {
      items: items.map((c) => presentCredential(c, role, withPermissions)),
      page_info,
    };
    if (withPermissions) {
      answer.permissions = { service_account_credentials: resourcePermissions(role, 'service_account_credentials') };
    }
    return answer;
  });

  // The only answer that carries the secret: not to be stored by anything in between.
  scope.post<{ Params: ServiceAccountParams }>(collection, async (request, reply) => {
    const { role, account } = resolveAccount(state, request, 'create');
    const body = parseBody(CredentialCreateBody, request.body);
    const description = descriptionOf(body.description);
    const { record, clientSecret } = state.credentials.create({
      service_account_id: account.id,
      name: body.name,
      ...(description === undefined ? {} : { description }),
    });
    const answer: CreatedCredential = {
      ...presentCredential(record, role, withPermissionsOf(request)),
      client_secret: clientSecret,
    };
    return reply.code(201).header('cache-control', 'no-store').send(answer);
  });

  scope.get<{ Params: CredentialParams }>(one, async (request) => {
    const { role, account } = resolveAccount(state, request, 'read');
    const credential = ownedCredential(state, account, request.params.credential_id);
    return presentCredential(credential, role, withPermissionsOf(request));
  });

  scope.patch<{ Params: CredentialParams }>(one, async (request) => {
    const { role, account } = resolveAccount(state, request, 'update');
    const body = parseBody(CredentialUpdateBody, request.body);
    const credential = ownedCredential(state, account, request.params.credential_id);
    const description = descriptionPatch(body.description);
    const updated = state.credentials.update(credential.id, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(description === undefined ? {} : { description }),
    });
    return presentCredential(updated, role, withPermissionsOf(request));
  });

  // Revokes: the secret stops logging in and the tokens it issued are refused at once.
  scope.delete<{ Params: CredentialParams }>(one, async (request, reply) => {
    const { account } = resolveAccount(state, request, 'delete');
    const credential = ownedCredential(state, account, request.params.credential_id);
    state.credentials.remove(credential.id);
    return reply.code(204).send();
  });
}
