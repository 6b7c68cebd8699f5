import { RoleListResponse, type RoleScope } from '../../../shared/api/roles';
import type { CallOptions } from '../core/client';
import { path } from '../core/path';
import { APIResource } from '../core/resource';

export interface RoleListParams {
  scope?: RoleScope;
}

/** `/organizations/{organization_id}/roles`: what a member or invitation can be given. Not paginated. */
export class Roles extends APIResource {
  list(organizationId: string, params: RoleListParams = {}, call?: CallOptions): Promise<RoleListResponse> {
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/roles`,
      query: { scope: params.scope },
      schema: RoleListResponse,
      call,
    });
  }
}
