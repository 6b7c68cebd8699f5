import { z } from 'zod';
import { Id, Permissions, Timestamp, listResponse } from './common';
import { OrganizationRole } from './users';

/** Members and invitations share the identities list; `type` says which a row is. */
export const IdentityType = z.enum(['user', 'invitation']);
export type IdentityType = z.infer<typeof IdentityType>;

/** A member's status (`active`, `disabled`) or an invitation's (`pending`…`revoked`). */
export const IdentityStatus = z.enum(['active', 'disabled', 'pending', 'accepted', 'expired', 'revoked']);
export type IdentityStatus = z.infer<typeof IdentityStatus>;

export const Identity = z.object({
  id: Id,
  type: IdentityType,
  email: z.string(),
  role: OrganizationRole,
  /** The identity provider's issuer for a member; an invitation has signed in nowhere yet. */
  source: z.string().nullish(),
  status: IdentityStatus,
  created_at: Timestamp,
  updated_at: Timestamp,
  permissions: Permissions.optional(),
});
export type Identity = z.infer<typeof Identity>;

const Cursor = z.string().min(1).max(255);

/** Besides `page_info`: `total_count` is there only with `expand[]=total_count`, and counts every match. */
export const IdentityPagination = z.object({
  after_cursor: Cursor.nullable(),
  before_cursor: Cursor.nullable(),
  total_count: z.number().int().nonnegative().optional(),
});
export type IdentityPagination = z.infer<typeof IdentityPagination>;

export const IdentityListResponse = listResponse(Identity).extend({ pagination: IdentityPagination });
export type IdentityListResponse = z.infer<typeof IdentityListResponse>;

/** The longest `query[email]` worth sending: no address is longer. */
export const MAX_EMAIL_QUERY_LENGTH = 254;
