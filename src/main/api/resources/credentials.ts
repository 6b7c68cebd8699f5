import type { ListParams } from '../../../shared/api/common';
import {
  CreatedCredential,
  Credential,
  CredentialListResponse,
  type CredentialCreateBody,
  type CredentialUpdateBody,
} from '../../../shared/api/credentials';
import type { CallOptions } from '../core/client';
import type { PaginateOptions } from '../core/paginate';
import { path } from '../core/path';
import { APIResource } from '../core/resource';
import { createOnce } from './create-once';
import { expandQuery, type ExpandParams } from './expand';
import { listAll, type ListAllResponse } from './list-all';

export type CredentialListParams = ListParams & ExpandParams;
export type CredentialListAllParams = Omit<CredentialListParams, 'after' | 'before'> &
  Pick<PaginateOptions, 'maxPages'>;

/** `/organizations/{organization_id}/service-accounts/{service_account_id}/credentials`. */
export class ServiceAccountCredentials extends APIResource {
  list(
    organizationId: string,
    serviceAccountId: string,
    params: CredentialListParams = {},
    call?: CallOptions,
  ): Promise<CredentialListResponse> {
    const { after, before, limit } = params;
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/service-accounts/${serviceAccountId}/credentials`,
      query: { after, before, limit, ...expandQuery(params) },
      schema: CredentialListResponse,
      call,
    });
  }

  /** Every page, under one budget: `call`'s signal and deadline cover the whole walk. */
  listAll(
    organizationId: string,
    serviceAccountId: string,
    params: CredentialListAllParams = {},
    call?: CallOptions,
  ): Promise<ListAllResponse<Credential>> {
    const { maxPages, ...rest } = params;
    return listAll((after) => this.list(organizationId, serviceAccountId, { ...rest, after }, call), {
      maxPages,
      logger: this.client.logger,
    });
  }

  retrieve(
    organizationId: string,
    serviceAccountId: string,
    credentialId: string,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<Credential> {
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/service-accounts/${serviceAccountId}/credentials/${credentialId}`,
      query: expandQuery(params),
      schema: Credential,
      call,
    });
  }

  /**
   * Answers the credential with its `client_secret`, which the server never sends again. Never
   * sent twice blindly (see `createOnce`): a lost answer would leave a credential whose secret
   * nobody has, and a replay would make a second one.
   */
  create(
    organizationId: string,
    serviceAccountId: string,
    body: CredentialCreateBody,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<CreatedCredential> {
    return createOnce(
      () =>
        this.client.request({
          method: 'POST',
          path: path`/organizations/${organizationId}/service-accounts/${serviceAccountId}/credentials`,
          query: expandQuery(params),
          body,
          schema: CreatedCredential,
          call,
        }),
      'The credential may have been created',
    );
  }

  update(
    organizationId: string,
    serviceAccountId: string,
    credentialId: string,
    body: CredentialUpdateBody,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<Credential> {
    return this.client.request({
      method: 'PATCH',
      path: path`/organizations/${organizationId}/service-accounts/${serviceAccountId}/credentials/${credentialId}`,
      query: expandQuery(params),
      body,
      schema: Credential,
      call,
    });
  }

  /** Revokes the credential: its secret stops logging in and the tokens it issued stop working. */
  delete(organizationId: string, serviceAccountId: string, credentialId: string, call?: CallOptions): Promise<void> {
    return this.client.request({
      method: 'DELETE',
      path: path`/organizations/${organizationId}/service-accounts/${serviceAccountId}/credentials/${credentialId}`,
      call,
    });
  }
}
