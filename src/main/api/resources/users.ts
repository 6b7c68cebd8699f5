import type { ListParams } from '../../../shared/api/common';
import {
  OrganizationUser,
  UserListResponse,
  type OrganizationRole,
  type UserUpdateBody,
} from '../../../shared/api/users';
import type { CallOptions } from '../core/client';
import type { PaginateOptions } from '../core/paginate';
import { path } from '../core/path';
import { APIResource } from '../core/resource';
import { expandQuery, type ExpandParams } from './expand';
import { listAll, type ListAllResponse } from './list-all';

export type UserListParams = ListParams & ExpandParams & { role?: OrganizationRole };
export type UserListAllParams = Omit<UserListParams, 'after' | 'before'> & Pick<PaginateOptions, 'maxPages'>;

/** `/organizations/{organization_id}/users`: the organization's members. */
export class Users extends APIResource {
  list(organizationId: string, params: UserListParams = {}, call?: CallOptions): Promise<UserListResponse> {
    const { after, before, limit, role } = params;
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/users`,
      query: { after, before, limit, role, ...expandQuery(params) },
      schema: UserListResponse,
      call,
    });
  }

  /** Every page, under one budget: `call`'s signal and deadline cover the whole walk. */
  listAll(
    organizationId: string,
    params: UserListAllParams = {},
    call?: CallOptions,
  ): Promise<ListAllResponse<OrganizationUser>> {
    const { maxPages, ...rest } = params;
    return listAll((after) => this.list(organizationId, { ...rest, after }, call), {
      maxPages,
      logger: this.client.logger,
    });
  }

  retrieve(organizationId: string, userId: string, params: ExpandParams = {}, call?: CallOptions) {
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/users/${userId}`,
      query: expandQuery(params),
      schema: OrganizationUser,
      call,
    });
  }

  /** A role or status change; sending it twice leaves the same member, so it may be retried. */
  update(
    organizationId: string,
    userId: string,
    body: UserUpdateBody,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<OrganizationUser> {
    return this.client.request({
      method: 'PATCH',
      path: path`/organizations/${organizationId}/users/${userId}`,
      query: expandQuery(params),
      body,
      schema: OrganizationUser,
      call,
    });
  }

  /** Removes the member from the organization (their Keycard account stays). */
  delete(organizationId: string, userId: string, call?: CallOptions): Promise<void> {
    return this.client.request({
      method: 'DELETE',
      path: path`/organizations/${organizationId}/users/${userId}`,
      call,
    });
  }
}
