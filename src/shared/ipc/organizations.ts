import { z } from 'zod';
import { Organization, OrganizationName } from '../api/organizations';
import { Permissions, pathId } from '../api/common';
import { ProfileId } from './profiles';

export const OrgRef = z.object({
  profileId: ProfileId,
  /** The organization's ID or label. */
  orgId: pathId('organization ID'),
});
export type OrgRef = z.infer<typeof OrgRef>;

export const OrgListInput = z.object({ profileId: ProfileId });

export const OrgList = z.object({
  items: z.array(Organization),
  /** The principal's permissions at list level (e.g. `organizations.create`). */
  permissions: Permissions.optional(),
});
export type OrgList = z.infer<typeof OrgList>;

export const OrgCreateInput = z.object({ profileId: ProfileId, name: OrganizationName });
export type OrgCreateInput = z.input<typeof OrgCreateInput>;

export const OrgRenameInput = OrgRef.extend({ name: OrganizationName });
export type OrgRenameInput = z.input<typeof OrgRenameInput>;

/** A profile changed something in an organization (by ID or label, as its request named it). */
export const OrgChanged = z.object({ profileId: ProfileId, orgId: z.string().min(1).max(255) });
export type OrgChanged = z.infer<typeof OrgChanged>;
