import type { ListParams } from '../../../shared/api/common';
import {
  Invitation,
  InvitationAcceptResponse,
  InvitationDetails,
  InvitationListResponse,
  type InvitationCreateBody,
} from '../../../shared/api/invitations';
import type { CallOptions } from '../core/client';
import type { PaginateOptions } from '../core/paginate';
import { path } from '../core/path';
import { APIResource } from '../core/resource';
import { createOnce } from './create-once';
import { expandQuery, type ExpandParams } from './expand';
import { listAll, type ListAllResponse } from './list-all';

export type InvitationListParams = ListParams & ExpandParams;
export type InvitationListAllParams = Omit<InvitationListParams, 'after' | 'before'> &
  Pick<PaginateOptions, 'maxPages'>;

/** `/organizations/{organization_id}/invitations`. */
export class Invitations extends APIResource {
  list(organizationId: string, params: InvitationListParams = {}, call?: CallOptions): Promise<InvitationListResponse> {
    const { after, before, limit } = params;
    return this.client.request({
      method: 'GET',
      path: path`/organizations/${organizationId}/invitations`,
      query: { after, before, limit, ...expandQuery(params) },
      schema: InvitationListResponse,
      call,
    });
  }

  /** Every page, under one budget: `call`'s signal and deadline cover the whole walk. */
  listAll(
    organizationId: string,
    params: InvitationListAllParams = {},
    call?: CallOptions,
  ): Promise<ListAllResponse<Invitation>> {
    const { maxPages, ...rest } = params;
    return listAll((after) => this.list(organizationId, { ...rest, after }, call), {
      maxPages,
      logger: this.client.logger,
    });
  }

  /** Sends an invitation email: never sent twice blindly (see `createOnce`). */
  create(
    organizationId: string,
    body: InvitationCreateBody,
    params: ExpandParams = {},
    call?: CallOptions,
  ): Promise<Invitation> {
    return createOnce(
      () =>
        this.client.request({
          method: 'POST',
          path: path`/organizations/${organizationId}/invitations`,
          query: expandQuery(params),
          body,
          schema: Invitation,
          call,
        }),
      'The invitation may have been sent',
    );
  }

  /** Revokes a pending invitation; it stays listed as `revoked`. */
  delete(organizationId: string, invitationId: string, call?: CallOptions): Promise<void> {
    return this.client.request({
      method: 'DELETE',
      path: path`/organizations/${organizationId}/invitations/${invitationId}`,
      call,
    });
  }
}

/** `/invitations/{token}`: what the invited person's link opens; no bearer token, the link's token is the key. */
export class PublicInvitations extends APIResource {
  retrieve(token: string, call?: CallOptions): Promise<InvitationDetails> {
    return this.client.request({
      method: 'GET',
      path: path`/invitations/${token}`,
      schema: InvitationDetails,
      authenticated: false,
      call,
    });
  }

  accept(token: string, call?: CallOptions): Promise<InvitationAcceptResponse> {
    return createOnce(
      () =>
        this.client.request({
          method: 'POST',
          path: path`/invitations/${token}/accept`,
          schema: InvitationAcceptResponse,
          authenticated: false,
          call,
        }),
      'The invitation may have been accepted',
    );
  }
}
