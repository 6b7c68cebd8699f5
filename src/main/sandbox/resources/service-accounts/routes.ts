import type { FastifyInstance } from 'fastify';
import {
  ServiceAccountCreateBody,
  ServiceAccountUpdateBody,
  type ServiceAccount,
  type ServiceAccountListResponse,
} from '../../../../shared/api/service-accounts';
import type { OrganizationRole } from '../../../../shared/api/users';
import { requirePermission, resolveOrganization } from '../../access';
import { authOf } from '../../auth';
import { conflict, notFound } from '../../errors';
import { parseExpand } from '../../expand';
import { paginate, parsePageRequest } from '../../pagination';
import { readQuery } from '../../query';
import type { SandboxState } from '../../state';
import { descriptionOf, descriptionPatch, parseBody } from '../../validation';
import type { OrganizationRecord } from '../organizations/store';
import { entityPermissions, resourcePermissions } from '../roles/permissions';
import type { ServiceAccountRecord } from './store';

/**
 * The role a new service account gets in the organization that creates it. The API has no call
 * to give one, so the sandbox picks one that can look around but change nothing: a profile
 * logging in as the account then shows what a member may do.
 */
export const NEW_SERVICE_ACCOUNT_ROLE: OrganizationRole = 'org_member';

/** The 409's `code` when another account of the organization has the name (compared ignoring case). */
export const DUPLICATE_NAME_CODE = 'duplicate_name';

interface ServiceAccountsParams {
  organization_id: string;
}

export interface ServiceAccountParams extends ServiceAccountsParams {
  service_account_id: string;
}

export function presentServiceAccount(
  record: ServiceAccountRecord,
  callerRole: OrganizationRole,
  withPermissions: boolean,
): ServiceAccount {
  const account: ServiceAccount = {
    id: record.id,
    name: record.name,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
  if (record.description !== undefined) account.description = record.description;
  if (withPermissions) account.permissions = entityPermissions(callerRole, 'service_accounts');
  return account;
}

/** The organization's own account by ID; another organization's answers 404 like one that does not exist. */
export function ownedServiceAccount(
  state: SandboxState,
  organization: OrganizationRecord,
  id: string,
): ServiceAccountRecord {
  const account = state.serviceAccounts.get(id);
  if (account === undefined || account.organization_id !== organization.id) {
    throw notFound(`Service account "${id}" not found in this organization`);
  }
  return account;
}

function refuseTakenName(state: SandboxState, organizationId: string, name: string, except?: string): void {
  const holder = state.serviceAccounts.findByName(organizationId, name);
  if (holder !== undefined && holder.id !== except) {
    throw conflict(`A service account named "${holder.name}" already exists in this organization`, DUPLICATE_NAME_CODE);
  }
}

export function registerServiceAccountRoutes(scope: FastifyInstance, state: SandboxState): void {
  const collection = '/organizations/:organization_id/service-accounts';
  const one = `${collection}/:service_account_id`;

  scope.get<{ Params: ServiceAccountsParams }>(collection, async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'service_accounts', 'list');
    const query = readQuery(request.query);
    const page = parsePageRequest(query);
    const withPermissions = parseExpand(query).has('permissions');
    const { items, page_info } = paginate(state.serviceAccounts.of(organization.id), page);
    const answer: ServiceAccountListResponse = {
      items: items.map((a) => presentServiceAccount(a, role, withPermissions)),
      page_info,
    };
    if (withPermissions) answer.permissions = { service_accounts: resourcePermissions(role, 'service_accounts') };
    return answer;
  });

  scope.post<{ Params: ServiceAccountsParams }>(collection, async (request, reply) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'service_accounts', 'create');
    const body = parseBody(ServiceAccountCreateBody, request.body);
    refuseTakenName(state, organization.id, body.name);
    const description = descriptionOf(body.description);
    const account = state.serviceAccounts.create({
      organization_id: organization.id,
      name: body.name,
      ...(description === undefined ? {} : { description }),
    });
    state.roles.set(account.id, organization.id, NEW_SERVICE_ACCOUNT_ROLE);
    const withPermissions = parseExpand(readQuery(request.query)).has('permissions');
    return reply.code(201).send(presentServiceAccount(account, role, withPermissions));
  });

  scope.get<{ Params: ServiceAccountParams }>(one, async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'service_accounts', 'read');
    const account = ownedServiceAccount(state, organization, request.params.service_account_id);
    return presentServiceAccount(account, role, parseExpand(readQuery(request.query)).has('permissions'));
  });

  scope.patch<{ Params: ServiceAccountParams }>(one, async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'service_accounts', 'update');
    const body = parseBody(ServiceAccountUpdateBody, request.body);
    const account = ownedServiceAccount(state, organization, request.params.service_account_id);
    if (body.name !== undefined) refuseTakenName(state, organization.id, body.name, account.id);
    const description = descriptionPatch(body.description);
    // An empty patch changes nothing, `updated_at` included, as for organizations.
    const updated =
      body.name === undefined && description === undefined
        ? account
        : state.serviceAccounts.update(account.id, {
            ...(body.name === undefined ? {} : { name: body.name }),
            ...(description === undefined ? {} : { description }),
          });
    return presentServiceAccount(updated, role, parseExpand(readQuery(request.query)).has('permissions'));
  });

  // Its credentials go with it, and every token they issued is refused from then on.
  scope.delete<{ Params: ServiceAccountParams }>(one, async (request, reply) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'service_accounts', 'delete');
    const account = ownedServiceAccount(state, organization, request.params.service_account_id);
    state.deleteServiceAccount(account.id);
    return reply.code(204).send();
  });
}
