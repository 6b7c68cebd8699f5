import { z } from 'zod';

/**
 * The app commands the menu can ask the window to run. The renderer's command registry has
 * one entry per ID and runs the same function for a menu click, a shortcut or the palette.
 */
export const APP_COMMAND_IDS = [
  'profile.new',
  'profile.addSandbox',
  'tab.close',
  'tab.reopenClosed',
  'tab.next',
  'tab.previous',
  'view.refresh',
  'palette.open',
  'settings.open',
  'theme.toggle',
  'shortcuts.show',
  'activity.open',
  'about.show',
  'logFolder.open',
] as const;
export const AppCommandId = z.enum(APP_COMMAND_IDS);
export type AppCommandId = z.infer<typeof AppCommandId>;

/** Ctrl+1…8 go to that tab, Ctrl+9 to the last one (as browsers do). */
export const TAB_SLOTS = 9;

export const MenuCommand = z.union([
  z.strictObject({ command: AppCommandId }),
  z.strictObject({ command: z.literal('tab.goTo'), index: z.int().min(1).max(TAB_SLOTS) }),
]);
export type MenuCommand = z.infer<typeof MenuCommand>;
