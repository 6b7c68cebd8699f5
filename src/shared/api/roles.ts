import { z } from 'zod';

/** Where a role can be assigned: the whole organization (`org_admin`…) or one zone (`zone_manager`…). */
export const RoleScope = z.enum(['organization', 'zone']);
export type RoleScope = z.infer<typeof RoleScope>;

/**
 * One entry of `GET /organizations/{organization_id}/roles`. `name` stays a plain string:
 * zone roles are not organization roles, and a role added by the vendor must not hide the list.
 */
export const Role = z.object({
  name: z.string().min(1),
  label: z.string(),
  description: z.string(),
  scope: RoleScope,
});
export type Role = z.infer<typeof Role>;

/** The roles list is not paginated: `{ items }` only. */
export const RoleListResponse = z.object({ items: z.array(Role) });
export type RoleListResponse = z.infer<typeof RoleListResponse>;
