import { Menu, type MenuItemConstructorOptions } from 'electron';
import {
  APP_COMMANDS,
  isHidden,
  TAB_SLOTS,
  tabSlotAccelerator,
  tabSlotLabel,
  type AppCommandId,
} from '../../shared/commands/app-commands';
import type { MenuCommand } from '../../shared/ipc/menu';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** A packaged build gets no developer tools item. */
  isPackaged: boolean;
  /** Runs a command in the window in front (sends it the `menu.command` event). */
  dispatch(command: MenuCommand): void;
}

/** The non-empty groups, a separator between each two. */
function sections(...groups: MenuItemConstructorOptions[][]): MenuItemConstructorOptions[] {
  return groups
    .filter((group) => group.length > 0)
    .flatMap((group, at) => (at === 0 ? group : [{ type: 'separator' as const }, ...group]));
}

/**
 * The application menu: the macOS app menu first there, then File, Edit, View, Window, Help.
 * Replacing Electron's default menu drops its Reload, Force Reload and (when packaged)
 * developer tools items: Ctrl+R refreshes the view's data, never the page, and Ctrl+W closes
 * a tab, never the window.
 */
export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const item = (id: AppCommandId): MenuItemConstructorOptions[] =>
    isHidden(id) ? [] : [commandItem(APP_COMMANDS[id], { command: id }, options)];

  const appMenu: MenuItemConstructorOptions = {
    label: 'Orgdesk',
    submenu: sections(
      item('about.show'),
      item('settings.open'),
      [{ role: 'services' }],
      [{ role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }],
      [{ role: 'quit' }],
    ),
  };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: sections(
      [...item('profile.new'), ...item('profile.addSandbox')],
      [...item('tab.close'), ...item('tab.reopenClosed')],
      mac ? [] : item('settings.open'),
      mac ? [] : [{ role: 'quit', label: 'E&xit' }],
    ),
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    // Roles, so that copy and paste keep working in text fields (macOS needs the items for the keys).
    submenu: sections(
      [{ role: 'undo' }, { role: 'redo' }],
      [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }],
      [{ role: 'selectAll' }],
    ),
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: sections(
      item('view.refresh'),
      [...item('palette.open'), ...item('activity.open'), ...item('theme.toggle')],
      [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }],
      [{ role: 'togglefullscreen' }],
      options.isPackaged ? [] : [{ role: 'toggleDevTools' }],
    ),
  };
  const slots = Array.from({ length: TAB_SLOTS }, (_, at) => at + 1);
  const goToTab: MenuItemConstructorOptions = {
    label: 'Go to Tab',
    submenu: slots.map((slot) =>
      commandItem(
        { label: tabSlotLabel(slot), accelerator: tabSlotAccelerator(slot) },
        { command: 'tab.goTo', index: slot },
        options,
      ),
    ),
  };
  const window: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: sections(
      [...item('tab.next'), ...item('tab.previous'), goToTab],
      [...item('pane.moveTab'), ...item('pane.focusNext')],
      [
        { role: 'minimize' },
        ...(mac ? [{ role: 'zoom' } as const] : []),
        // The role's own key is CmdOrCtrl+W, which closes a tab here.
        { role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+Shift+W' },
      ],
      mac ? [{ role: 'front' }] : [],
    ),
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: sections(item('shortcuts.show'), item('logFolder.open'), mac ? [] : item('about.show')),
  };
  return [...(mac ? [appMenu] : []), file, edit, view, window, help];
}

/**
 * A menu item that runs an app command in the window. The window handles the command's keys
 * itself (so they work the same with or without a menu, and fire once): the menu shows the key
 * without registering it on Windows and Linux, and on macOS, where a menu key cannot be left
 * unregistered, a press that still reaches the item is ignored.
 */
function commandItem(
  spec: { label: string; accelerator?: string },
  command: MenuCommand,
  { dispatch }: MenuOptions,
): MenuItemConstructorOptions {
  return {
    label: spec.label,
    ...(spec.accelerator ? { accelerator: spec.accelerator, registerAccelerator: false } : {}),
    click: (_item, _window, event) => {
      if (spec.accelerator && event.triggeredByAccelerator) return;
      dispatch(command);
    },
  };
}

export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(options)));
}
