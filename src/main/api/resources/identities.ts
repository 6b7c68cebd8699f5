import type { ListParams } from '../../../shared/api/common';
import { IdentityListResponse, type Identity } from '../../../shared/api/identities';
import type { OrganizationRole } from '../../../shared/api/users';
import type { CallOptions } from '../core/client';
import type { PaginateOptions } from '../core/paginate';
import { path } from '../core/path';
import { APIResource } from '../core/resource';
import { expandQuery, type ExpandParams } from './expand';
import { listAll, type ListAllResponse } from './list-all';

export interface IdentityFilters {
  /** Case-insensitive substring of the email, matched by the server. */
  email?: string;
  role?: OrganizationRole;
}

/** Add `'total_count'` to `expand` for `pagination.total_count`. */
export type IdentityListParams = ListParams & ExpandParams & IdentityFilters;
export type IdentityListAllParams = Omit<IdentityListParams, 'after' | 'before'> & Pick<PaginateOptions, 'maxPages'>;

/** `/organizations/{organization_id}/identities`: members and invitations in one list. */
export class Identities extends APIResource {
  list(organizationId: string, params: IdentityListParams = {}, call?: CallOptions): Promise<IdentityListResponse> {
    const { after, before, limit, email, role } = params;
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/identities`,
      query: { after, before, limit, 'query[email]': email, role, ...expandQuery(params) },
      schema: IdentityListResponse,
      call,
    });
  }

  /** Every page, under one budget: `call`'s signal and deadline cover the whole walk. */
  listAll(
    organizationId: string,
    params: IdentityListAllParams = {},
    call?: CallOptions,
  ): Promise<ListAllResponse<Identity>> {
    const { maxPages, ...rest } = params;
    return listAll((after) => this.list(organizationId, { ...rest, after }, call), {
      maxPages,
      logger: this.client.logger,
    });
  }
}
