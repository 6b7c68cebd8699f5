import { z } from 'zod';
import { pathId } from '../api/common';
import { ProfileId } from './profiles';

/** The parts of an organization a tab can show. */
export const OrgSection = z.enum(['overview', 'people', 'service-accounts', 'sso', 'activity']);
export type OrgSection = z.infer<typeof OrgSection>;

/** The most tabs a session brings back; more is a file someone else wrote. */
export const MAX_RESTORED_TABS = 100;

export const WorkspaceTab = z.object({
  profileId: ProfileId,
  orgId: pathId('organization ID'),
  /** The name shown until the organization is read again. */
  title: z.string().max(1_000),
  section: OrgSection.catch('overview'),
  serviceAccountId: pathId('service account ID').optional(),
});
export type WorkspaceTab = z.infer<typeof WorkspaceTab>;

/** The sidebar as it was left: its width, whether it was hidden, which profiles were open. */
export const SidebarSnapshot = z.object({
  width: z.number().int().min(120).max(1_000).optional(),
  collapsed: z.boolean().optional(),
  expanded: z.array(ProfileId).max(1_000).optional(),
});
export type SidebarSnapshot = z.infer<typeof SidebarSnapshot>;

/** The most panes side by side in split view. */
export const MAX_PANES = 3;

/** One pane's tab strip: its tabs and the one in front. */
export const WorkspacePane = z.object({
  tabs: z.array(WorkspaceTab).max(MAX_RESTORED_TABS),
  /** Index into `tabs` of the tab in front; `null` with no tabs. */
  activeIndex: z.number().int().min(0).nullable(),
});
export type WorkspacePane = z.infer<typeof WorkspacePane>;

/**
 * What the window shows, as the renderer saves it and gets it back at the next start. `tabs` and
 * `activeIndex` are the first (leftmost) pane, so a session saved before split view is one pane.
 */
export const WorkspaceSnapshot = WorkspacePane.extend({
  /** The panes right of the first in split view, left to right; absent with one pane. */
  splitPanes: z
    .array(WorkspacePane)
    .min(1)
    .max(MAX_PANES - 1)
    .optional(),
  /** Index of the pane with focus (0 is the first); new tabs open there. */
  activePane: z
    .number()
    .int()
    .min(0)
    .max(MAX_PANES - 1)
    .optional(),
  /** Each pane's share of the width in percent, left to right; ignored unless one per pane. */
  paneSizes: z.array(z.number().min(1).max(100)).max(MAX_PANES).optional(),
  sidebar: SidebarSnapshot.optional(),
});
export type WorkspaceSnapshot = z.infer<typeof WorkspaceSnapshot>;

export const RestoredWorkspace = z.object({
  /** `null` on a first start, or when the file could not be used (the log says why). */
  workspace: WorkspaceSnapshot.nullable(),
});
export type RestoredWorkspace = z.infer<typeof RestoredWorkspace>;
