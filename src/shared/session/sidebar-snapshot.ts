import { z } from 'zod';
import { ProfileId } from '../ipc/profiles';

/** How wide the sidebar may be dragged, in CSS pixels. */
export const SIDEBAR_WIDTH = { min: 200, max: 480, default: 272 } as const;

/**
 * What the sidebar keeps across a restart. A width out of range (another screen, an edited file)
 * is brought back into it rather than refusing the whole snapshot.
 */
export const SidebarSnapshot = z.object({
  width: z
    .number()
    .finite()
    .transform((width) => Math.round(Math.min(SIDEBAR_WIDTH.max, Math.max(SIDEBAR_WIDTH.min, width)))),
  collapsed: z.boolean(),
  expanded: z.array(ProfileId).max(1000),
});
export type SidebarSnapshot = z.output<typeof SidebarSnapshot>;
