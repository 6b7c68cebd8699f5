import { z } from 'zod';
import { Id, Permissions, Timestamp, listResponse } from './common';

/** A DNS label: what the server derives from an organization's name. */
export const OrganizationLabel = z.string().max(63);

export const Organization = z.object({
  id: Id,
  name: z.string(),
  label: OrganizationLabel,
  sso_enabled: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  permissions: Permissions.optional(),
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationListResponse = listResponse(Organization);
export type OrganizationListResponse = z.infer<typeof OrganizationListResponse>;

/** Display names: non-empty after trimming, bounded so a label can be derived. */
export const OrganizationName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(255, 'Name must be at most 255 characters');

export const OrganizationCreateBody = z.object({ name: OrganizationName.optional() });
export type OrganizationCreateBody = z.infer<typeof OrganizationCreateBody>;

export const OrganizationUpdateBody = z.object({ name: OrganizationName.optional() });
export type OrganizationUpdateBody = z.infer<typeof OrganizationUpdateBody>;
