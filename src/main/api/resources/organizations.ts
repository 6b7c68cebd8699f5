import type { ExpandValue, ListParams, Permissions } from '../../../shared/api/common';
import { TokenResponse } from '../../../shared/api/common';
import {
  Organization,
  OrganizationListResponse,
  type OrganizationCreateBody,
  type OrganizationUpdateBody,
} from '../../../shared/api/organizations';
import type { CallOptions } from '../core/client';
import { ConnectionError, TimeoutError, outcomeUnknown } from '../core/errors';
import { collect, paginate, type PaginateOptions } from '../core/paginate';
import { path } from '../core/path';
import { APIResource } from '../core/resource';

export interface ExpandParams {
  /**
   * Defaults to `['permissions']`: every screen of the app needs to know what the user may
   * do. Pass `[]` to ask for the bare entity.
   */
  expand?: readonly ExpandValue[];
}

export type OrganizationListParams = ListParams & ExpandParams;
export type OrganizationListAllParams = Omit<OrganizationListParams, 'after' | 'before'> &
  Pick<PaginateOptions, 'maxPages'>;
export type OrganizationRetrieveParams = ExpandParams;
export type OrganizationCreateParams = OrganizationCreateBody;
export type OrganizationUpdateParams = OrganizationUpdateBody;

export interface OrganizationListAllResponse {
  items: Organization[];
  /** List-level permissions (e.g. `organizations.create`), from the first page. */
  permissions?: Permissions;
}

export const DEFAULT_EXPAND: readonly ExpandValue[] = ['permissions'];

export function expandQuery(params: ExpandParams | undefined): { 'expand[]': readonly ExpandValue[] } {
  return { 'expand[]': params?.expand ?? DEFAULT_EXPAND };
}

export class Organizations extends APIResource {
  list(params: OrganizationListParams = {}, call?: CallOptions): Promise<OrganizationListResponse> {
    const { after, before, limit } = params;
    return this.client.request({
      method: 'GET',
      path: '/organizations',
      query: { after, before, limit, ...expandQuery(params) },
      schema: OrganizationListResponse,
      call,
    });
  }

  /** Every page, under one budget: `call`'s signal and deadline cover the whole walk. */
  async listAll(params: OrganizationListAllParams = {}, call?: CallOptions): Promise<OrganizationListAllResponse> {
    const { maxPages, ...rest } = params;
    let permissions: Permissions | undefined;
    const pages = paginate(
      async (after) => {
        const page = await this.list({ ...rest, after }, call);
        permissions ??= page.permissions;
        return page;
      },
      { maxPages, logger: this.client.logger },
    );
    const items = await collect(pages);
    return permissions === undefined ? { items } : { items, permissions };
  }

  retrieve(idOrLabel: string, params: OrganizationRetrieveParams = {}, call?: CallOptions): Promise<Organization> {
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${idOrLabel}`,
      query: expandQuery(params),
      schema: Organization,
      call,
    });
  }

  /**
   * Never sent twice blindly. When the answer is lost after the request may have arrived, the
   * error says the organization may exist, so the list is refreshed before anyone retries.
   */
  async create(
    body: OrganizationCreateParams = {},
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<Organization> {
    try {
      return await this.client.request({
        method: 'POST',
        path: '/organizations',
        query: expandQuery(params),
        body,
        schema: Organization,
        call,
      });
    } catch (error) {
      if ((error instanceof TimeoutError || error instanceof ConnectionError) && error.maybeSent) {
        throw outcomeUnknown(error, 'The organization may have been created');
      }
      throw error;
    }
  }

  update(
    idOrLabel: string,
    body: OrganizationUpdateParams,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<Organization> {
    return this.client.request({
      method: 'PATCH',
      path: path`/organizations/${idOrLabel}`,
      query: expandQuery(params),
      body,
      schema: Organization,
      call,
    });
  }

  /** An organization-scoped token for the user to copy; each call mints a new one. */
  exchangeToken(idOrLabel: string, call?: CallOptions): Promise<TokenResponse> {
    return this.client.request({
      method: 'POST',
      path: path`/organizations/${idOrLabel}/token`,
      schema: TokenResponse,
      call,
    });
  }
}
