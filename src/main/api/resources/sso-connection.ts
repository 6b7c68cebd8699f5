import {
  SsoConnection as SsoConnectionSchema,
  type SsoEnableBody,
  type SsoUpdateBody,
} from '../../../shared/api/sso-connection';
import type { SsoConnection as SsoConnectionAnswer } from '../../../shared/api/sso-connection';
import type { CallOptions } from '../core/client';
import { path } from '../core/path';
import { APIResource } from '../core/resource';
import { createOnce } from './create-once';

/**
 * `/organizations/{organization_id}/sso-connection`: the organization's one SSO connection.
 * The client secret goes out in a body and never comes back; answers say only whether one is set.
 */
export class SsoConnection extends APIResource {
  /** 404 (`ApiNotFoundError`) when the organization has no SSO connection. */
  retrieve(organizationId: string, call?: CallOptions): Promise<SsoConnectionAnswer> {
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/sso-connection`,
      schema: SsoConnectionSchema,
      call,
    });
  }

  /** 409 (`ConflictError`) when SSO is already enabled; never sent twice blindly (see `createOnce`). */
  enable(organizationId: string, body: SsoEnableBody, call?: CallOptions): Promise<SsoConnectionAnswer> {
    return createOnce(
      () =>
        this.client.request({
          method: 'POST',
          path: path`/organizations/${organizationId}/sso-connection`,
          body,
          schema: SsoConnectionSchema,
          call,
        }),
      'SSO may have been enabled',
    );
  }

  /** Absent fields are kept; `client_id: null` or `client_secret: null` removes it. 404 when not enabled. */
  update(organizationId: string, body: SsoUpdateBody, call?: CallOptions): Promise<SsoConnectionAnswer> {
    return this.client.request({
      method: 'PATCH',
      path: path`/organizations/${organizationId}/sso-connection`,
      body,
      schema: SsoConnectionSchema,
      call,
    });
  }

  /** Members no longer sign in through the provider. 404 when not enabled. */
  disable(organizationId: string, call?: CallOptions): Promise<void> {
    return this.client.request({
      method: 'DELETE',
      path: path`/organizations/${organizationId}/sso-connection`,
      call,
    });
  }
}
