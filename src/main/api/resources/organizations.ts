import type { ExpandValue, ListParams, Permissions } from '../../../shared/api/common';
import { TokenResponse } from '../../../shared/api/common';
import {
  Organization,
  OrganizationListResponse,
  type OrganizationCreateBody,
  type OrganizationUpdateBody,
} from '../../../shared/api/organizations';
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
  list(params: OrganizationListParams = {}): Promise<OrganizationListResponse> {
    const { after, before, limit } = params;
    return this.client.request({
      method: 'GET',
      path: '/organizations',
      query: { after, before, limit, ...expandQuery(params) },
      schema: OrganizationListResponse,
    });
  }

  async listAll(params: OrganizationListAllParams = {}): Promise<OrganizationListAllResponse> {
    const { maxPages, ...rest } = params;
    let permissions: Permissions | undefined;
    const pages = paginate(
      async (after) => {
        const page = await this.list({ ...rest, after });
        permissions ??= page.permissions;
        return page;
      },
      { maxPages, logger: this.client.logger },
    );
    const items = await collect(pages);
    return permissions === undefined ? { items } : { items, permissions };
  }

  retrieve(idOrLabel: string, params: OrganizationRetrieveParams = {}): Promise<Organization> {
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${idOrLabel}`,
      query: expandQuery(params),
      schema: Organization,
    });
  }

  create(body: OrganizationCreateParams = {}, params: ExpandParams = {}): Promise<Organization> {
    return this.client.request({
      method: 'POST',
      path: '/organizations',
      query: expandQuery(params),
      body,
      schema: Organization,
    });
  }

  update(idOrLabel: string, body: OrganizationUpdateParams, params: ExpandParams = {}): Promise<Organization> {
    return this.client.request({
      method: 'PATCH',
      path: path`/organizations/${idOrLabel}`,
      query: expandQuery(params),
      body,
      schema: Organization,
    });
  }

  /** An organization-scoped token for the user to copy; each call mints a new one. */
  exchangeToken(idOrLabel: string): Promise<TokenResponse> {
    return this.client.request({
      method: 'POST',
      path: path`/organizations/${idOrLabel}/token`,
      schema: TokenResponse,
    });
  }
}
