import { z } from 'zod';
import { APP_COMMAND_IDS, TAB_SLOTS } from '../commands/app-commands';

/** An app command by its ID (see `APP_COMMANDS`), or a tab to bring forward by its slot. */
export const MenuCommand = z.union([
  z.strictObject({ command: z.enum(APP_COMMAND_IDS) }),
  z.strictObject({ command: z.literal('tab.goTo'), index: z.int().min(1).max(TAB_SLOTS) }),
]);
export type MenuCommand = z.infer<typeof MenuCommand>;
