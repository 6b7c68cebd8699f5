/**
 * The app's commands, once: their IDs, names and keys. Main builds the menu from them, the
 * window runs them from the menu, the keyboard and the palette, and the shortcuts sheet lists
 * them, so a key shown anywhere is the key that works.
 *
 * Keys are written in Electron's accelerator syntax (`CmdOrCtrl+Shift+T`), which the menu takes
 * as is and the window matches key presses against.
 */
export interface AppCommandSpec {
  readonly label: string;
  /** The key the menu shows, if any. */
  readonly accelerator?: string;
  /** Further keys for the same command, which the window handles and the menu cannot show. */
  readonly alsoKeys?: readonly string[];
  /**
   * Registered (its keys work and set its view's flag) but shown in neither the menu nor the
   * shortcuts sheet: the view it opens is not built yet, and an item that did nothing would mislead.
   */
  readonly hidden?: true;
}

export const APP_COMMANDS = {
  'profile.new': { label: 'New Profile…', accelerator: 'CmdOrCtrl+N' },
  'profile.addSandbox': { label: 'Add Sandbox Profile' },
  'tab.close': { label: 'Close Tab', accelerator: 'CmdOrCtrl+W' },
  'tab.reopenClosed': { label: 'Reopen Closed Tab', accelerator: 'CmdOrCtrl+Shift+T' },
  // Ctrl, not Cmd, on macOS too: Safari and Chrome switch tabs with Control+Tab there.
  'tab.next': { label: 'Next Tab', accelerator: 'Ctrl+Tab', alsoKeys: ['CmdOrCtrl+PageDown'] },
  'tab.previous': { label: 'Previous Tab', accelerator: 'Ctrl+Shift+Tab', alsoKeys: ['CmdOrCtrl+PageUp'] },
  // Ctrl+\ splits in VS Code; here the tab moves (an organization is open once), to a new pane if it is the only one.
  'pane.moveTab': { label: 'Move Tab to Other Pane', accelerator: 'CmdOrCtrl+\\' },
  // F6 moves between the panes of a window in Windows and GNOME apps.
  'pane.focusNext': { label: 'Focus Next Pane', accelerator: 'F6' },
  'view.refresh': { label: 'Refresh', accelerator: 'CmdOrCtrl+R', alsoKeys: ['F5'] },
  'palette.open': { label: 'Command Palette…', accelerator: 'CmdOrCtrl+K' },
  'settings.open': { label: 'Settings…', accelerator: 'CmdOrCtrl+,' },
  'theme.toggle': { label: 'Toggle Dark Theme' },
  'shortcuts.show': { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/' },
  'activity.open': { label: 'Activity Log' },
  'about.show': { label: 'About Orgdesk' },
  'logFolder.open': { label: 'Open Log Folder' },
} as const satisfies Record<string, AppCommandSpec>;

export type AppCommandId = keyof typeof APP_COMMANDS;
export const APP_COMMAND_IDS = Object.keys(APP_COMMANDS) as [AppCommandId, ...AppCommandId[]];

export function isHidden(id: AppCommandId): boolean {
  const spec: AppCommandSpec = APP_COMMANDS[id];
  return spec.hidden === true;
}

/** Every key of a command, the one the menu shows first. */
export function commandKeys(id: AppCommandId): string[] {
  const spec: AppCommandSpec = APP_COMMANDS[id];
  return [...(spec.accelerator ? [spec.accelerator] : []), ...(spec.alsoKeys ?? [])];
}

/** Ctrl+1…8 go to that tab, Ctrl+9 to the last one, as browsers do. */
export const TAB_SLOTS = 9;

export function tabSlotLabel(slot: number): string {
  return slot === TAB_SLOTS ? 'Last Tab' : `Tab ${slot}`;
}

export function tabSlotAccelerator(slot: number): string {
  return `CmdOrCtrl+${slot}`;
}

const MAC_SYMBOLS: Record<string, string> = {
  Cmd: '⌘',
  Ctrl: '⌃',
  Alt: '⌥',
  Shift: '⇧',
  Tab: '⇥',
  PageUp: '⇞',
  PageDown: '⇟',
};
/** macOS lists modifiers in this order, whatever order the accelerator gives them. */
const MAC_ORDER = ['Ctrl', 'Alt', 'Shift', 'Cmd'];

/** An accelerator as the platform's menus show it: `⇧⌘T` on macOS, `Ctrl+Shift+T` elsewhere. */
export function formatAccelerator(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+').map((part) => (part === 'CmdOrCtrl' ? (mac ? 'Cmd' : 'Ctrl') : part));
  if (!mac) return parts.join('+');
  const key = parts.pop()!;
  const modifiers = parts.sort((a, b) => MAC_ORDER.indexOf(a) - MAC_ORDER.indexOf(b));
  return [...modifiers, key].map((part) => MAC_SYMBOLS[part] ?? part).join('');
}
