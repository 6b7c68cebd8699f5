import { z } from 'zod';
import { Id, Permissions, Timestamp, listResponse } from './common';
import { displayName } from '../text';

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

/**
 * What the app sends as a name: visible after trimming, bounded so a label can be derived.
 * Names the server answers with stay plain strings: one odd name must not hide the list.
 */
export const OrganizationName = displayName({
  required: 'Name is required',
  max: 255,
  tooLong: 'Name must be at most 255 characters',
});

export const OrganizationCreateBody = z.object({ name: OrganizationName.optional() });
export type OrganizationCreateBody = z.infer<typeof OrganizationCreateBody>;

export const OrganizationUpdateBody = z.object({ name: OrganizationName.optional() });
export type OrganizationUpdateBody = z.infer<typeof OrganizationUpdateBody>;
