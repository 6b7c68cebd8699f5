import type { ListParams } from '../../../shared/api/common';
import { TokenResponse } from '../../../shared/api/common';
import {
  Organization,
  OrganizationListResponse,
  type OrganizationCreateBody,
  type OrganizationUpdateBody,
} from '../../../shared/api/organizations';
import type { CallOptions } from '../core/client';
import type { PaginateOptions } from '../core/paginate';
import { listAll, type ListAllResponse } from './list-all';
import { path } from '../core/path';
import { APIResource } from '../core/resource';
import { createOnce } from './create-once';
import { expandQuery, type ExpandParams } from './expand';
import { Identities } from './identities';
import { Invitations } from './invitations';
import { Roles } from './roles';
import { ServiceAccounts } from './service-accounts';
import { SsoConnection } from './sso-connection';
import { Users } from './users';

export { DEFAULT_EXPAND, expandQuery, type ExpandParams } from './expand';

export type OrganizationListParams = ListParams & ExpandParams;
export type OrganizationListAllParams = Omit<OrganizationListParams, 'after' | 'before'> &
  Pick<PaginateOptions, 'maxPages'>;
export type OrganizationRetrieveParams = ExpandParams;
export type OrganizationCreateParams = OrganizationCreateBody;
export type OrganizationUpdateParams = OrganizationUpdateBody;

export type OrganizationListAllResponse = ListAllResponse<Organization>;

export class Organizations extends APIResource {
  /** Sub-resources, nested like the URL: `organizations.users.list(organizationId)`. */
  readonly users = new Users(this.client);
  readonly invitations = new Invitations(this.client);
  readonly identities = new Identities(this.client);
  readonly roles = new Roles(this.client);
  readonly serviceAccounts = new ServiceAccounts(this.client);
  readonly ssoConnection = new SsoConnection(this.client);

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
  listAll(params: OrganizationListAllParams = {}, call?: CallOptions): Promise<OrganizationListAllResponse> {
    const { maxPages, ...rest } = params;
    return listAll((after) => this.list({ ...rest, after }, call), { maxPages, logger: this.client.logger });
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
    return createOnce(
      () =>
        this.client.request({
          method: 'POST',
          path: '/organizations',
          query: expandQuery(params),
          body,
          schema: Organization,
          call,
        }),
      'The organization may have been created',
    );
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
