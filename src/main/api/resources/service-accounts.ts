import type { ListParams } from '../../../shared/api/common';
import {
  ServiceAccount,
  ServiceAccountListResponse,
  type ServiceAccountCreateBody,
  type ServiceAccountUpdateBody,
} from '../../../shared/api/service-accounts';
import type { CallOptions } from '../core/client';
import type { PaginateOptions } from '../core/paginate';
import { path } from '../core/path';
import { APIResource } from '../core/resource';
import { createOnce } from './create-once';
import { ServiceAccountCredentials } from './credentials';
import { expandQuery, type ExpandParams } from './expand';
import { listAll, type ListAllResponse } from './list-all';

export type ServiceAccountListParams = ListParams & ExpandParams;
export type ServiceAccountListAllParams = Omit<ServiceAccountListParams, 'after' | 'before'> &
  Pick<PaginateOptions, 'maxPages'>;

/** `/organizations/{organization_id}/service-accounts`: the organization's machine identities. */
export class ServiceAccounts extends APIResource {
  /** Nested like the URL: `organizations.serviceAccounts.credentials.list(org, serviceAccountId)`. */
  readonly credentials = new ServiceAccountCredentials(this.client);

  list(
    organizationId: string,
    params: ServiceAccountListParams = {},
    call?: CallOptions,
  ): Promise<ServiceAccountListResponse> {
    const { after, before, limit } = params;
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/service-accounts`,
      query: { after, before, limit, ...expandQuery(params) },
      schema: ServiceAccountListResponse,
      call,
    });
  }

  /** Every page, under one budget: `call`'s signal and deadline cover the whole walk. */
  listAll(
    organizationId: string,
    params: ServiceAccountListAllParams = {},
    call?: CallOptions,
  ): Promise<ListAllResponse<ServiceAccount>> {
    const { maxPages, ...rest } = params;
    return listAll((after) => this.list(organizationId, { ...rest, after }, call), {
      maxPages,
      logger: this.client.logger,
    });
  }

  retrieve(
    organizationId: string,
    serviceAccountId: string,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<ServiceAccount> {
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/service-accounts/${serviceAccountId}`,
      query: expandQuery(params),
      schema: ServiceAccount,
      call,
    });
  }

  /** Never sent twice blindly (see `createOnce`). */
  create(
    organizationId: string,
    body: ServiceAccountCreateBody,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<ServiceAccount> {
    return createOnce(
      () =>
        this.client.request({
          method: 'POST',
          path: path`/organizations/${organizationId}/service-accounts`,
          query: expandQuery(params),
          body,
          schema: ServiceAccount,
          call,
        }),
      'The service account may have been created',
    );
  }

  /** A new name or description (`description: null` clears it); the same change twice leaves the same account. */
  update(
    organizationId: string,
    serviceAccountId: string,
    body: ServiceAccountUpdateBody,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<ServiceAccount> {
    return this.client.request({
      method: 'PATCH',
      path: path`/organizations/${organizationId}/service-accounts/${serviceAccountId}`,
      query: expandQuery(params),
      body,
      schema: ServiceAccount,
      call,
    });
  }

  /** Deletes the account and, with it, every one of its credentials. */
  delete(organizationId: string, serviceAccountId: string, call?: CallOptions): Promise<void> {
    return this.client.request({
      method: 'DELETE',
      path: path`/organizations/${organizationId}/service-accounts/${serviceAccountId}`,
      call,
    });
  }
}
