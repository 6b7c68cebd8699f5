import { z } from 'zod';
import { Id, Permissions, Timestamp, listResponse } from './common';

export const OrganizationRole = z.enum(['org_admin', 'org_member', 'org_viewer']);
export type OrganizationRole = z.infer<typeof OrganizationRole>;

export const UserStatus = z.enum(['active', 'disabled']);
export type UserStatus = z.infer<typeof UserStatus>;

export const OrganizationUser = z.object({
  id: Id,
  email: z.string().optional(),
  role: OrganizationRole,
  status: UserStatus,
  source: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
  permissions: Permissions.optional(),
});
export type OrganizationUser = z.infer<typeof OrganizationUser>;

export const UserListResponse = listResponse(OrganizationUser);
export type UserListResponse = z.infer<typeof UserListResponse>;

/** `PATCH /organizations/{organization_id}/users/{user_id}`: either field may be left out. */
export const UserUpdateBody = z.object({ role: OrganizationRole.optional(), status: UserStatus.optional() });
export type UserUpdateBody = z.infer<typeof UserUpdateBody>;
