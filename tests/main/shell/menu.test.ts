import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate, installApplicationMenu } from '../../../src/main/shell/menu';
import { APP_COMMAND_IDS, APP_COMMANDS, isHidden } from '../../../src/shared/commands/app-commands';
import type { MenuCommand } from '../../../src/shared/ipc/menu';
import { Menu, resetFakeElectron, type FakeMenuItemOptions } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

type Item = FakeMenuItemOptions;

function build(platform: NodeJS.Platform, isPackaged = true) {
  const dispatched: MenuCommand[] = [];
  const template = applicationMenuTemplate({
    platform,
    isPackaged,
    dispatch: (command) => dispatched.push(command),
  }) as unknown as Item[];
  return { template, dispatched };
}

function walk(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...walk(item.submenu ?? [])]);
}

function find(items: Item[], label: string): Item {
  const found = walk(items).find((item) => item.label === label);
  if (!found) throw new Error(`No menu item ${label}`);
  return found;
}

/** Electron's accelerator grammar: modifiers, then one key code. */
const MODIFIERS = new Set(['CmdOrCtrl', 'CommandOrControl', 'Cmd', 'Command', 'Ctrl', 'Control', 'Alt', 'Shift']);
const KEY = /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Tab|PageUp|PageDown|,|\/|\\)$/;
function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  return KEY.test(key) && parts.every((part) => MODIFIERS.has(part)) && new Set(parts).size === parts.length;
}

const platforms: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

describe('application menu', () => {
  beforeEach(() => resetFakeElectron());

  it('has File, Edit, View, Window and Help, with the app menu first on macOS', () => {
    expect(build('darwin').template.map((item) => item.label)).toEqual([
      'Orgdesk',
      '&File',
      '&Edit',
      '&View',
      '&Window',
      '&Help',
    ]);
    for (const platform of ['win32', 'linux'] as const) {
      expect(build(platform).template.map((item) => item.label)).toEqual([
        '&File',
        '&Edit',
        '&View',
        '&Window',
        '&Help',
      ]);
    }
  });

  it('puts About and Quit in the app menu on macOS, Exit in File and About in Help elsewhere', () => {
    const mac = build('darwin').template;
    expect(mac[0]!.submenu!.map((item) => item.role ?? item.label ?? item.type)).toEqual([
      'About Orgdesk',
      'separator',
      'Settings…',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
    expect(walk(mac[1]!.submenu!).some((item) => item.role === 'quit')).toBe(false);
    for (const platform of ['win32', 'linux'] as const) {
      const { template } = build(platform);
      expect(template[0]!.submenu!.at(-1)).toEqual({ role: 'quit', label: 'E&xit' });
      // Settings sits above Exit in File, where Windows and Linux apps keep it.
      expect(template[0]!.submenu!.at(-3)).toMatchObject({ label: 'Settings…', accelerator: 'CmdOrCtrl+,' });
      expect(template.at(-1)!.submenu!.at(-1)!.label).toBe('About Orgdesk');
    }
  });

  it.each(platforms)('never reloads the page, and offers developer tools only unpackaged (%s)', (platform) => {
    for (const isPackaged of [true, false]) {
      const items = walk(build(platform, isPackaged).template);
      const roles = items.map((item) => item.role?.toLowerCase());
      expect(roles).not.toContain('reload');
      expect(roles).not.toContain('forcereload');
      expect(roles.includes('toggledevtools')).toBe(!isPackaged);
      // Ctrl+R is the data refresh, nothing else.
      expect(items.filter((item) => item.accelerator === 'CmdOrCtrl+R').map((item) => item.label)).toEqual(['Refresh']);
    }
  });

  it.each(platforms)('closes a tab on Ctrl+W and the window only on Ctrl+Shift+W (%s)', (platform) => {
    const { template, dispatched } = build(platform);
    const items = walk(template);
    expect(items.filter((item) => item.accelerator === 'CmdOrCtrl+W').map((item) => item.label)).toEqual(['Close Tab']);
    const closers = items.filter((item) => item.role === 'close');
    expect(closers).toEqual([{ role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+Shift+W' }]);
    find(template, 'Close Tab').click!({}, undefined, {});
    expect(dispatched).toEqual([{ command: 'tab.close' }]);
  });

  it.each(platforms)('keeps the Edit roles, so copy and paste work in fields (%s)', (platform) => {
    const edit = build(platform).template.find((item) => item.label === '&Edit')!;
    expect(edit.submenu!.map((item) => item.role ?? item.type)).toEqual([
      'undo',
      'redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ]);
  });

  it.each(platforms)('dispatches every command it shows, with the key the commands declare (%s)', (platform) => {
    const { template, dispatched } = build(platform);
    const shown = APP_COMMAND_IDS.filter((id) => !isHidden(id));
    expect(shown).toContain('theme.toggle');
    expect(APP_COMMAND_IDS.filter(isHidden)).toEqual([]);
    for (const id of shown) {
      const item = find(template, APP_COMMANDS[id].label);
      expect(item.accelerator).toBe((APP_COMMANDS[id] as { accelerator?: string }).accelerator);
      dispatched.length = 0;
      item.click!({}, undefined, {});
      expect(dispatched).toEqual([{ command: id }]);
    }
    for (const id of APP_COMMAND_IDS.filter(isHidden)) {
      expect(walk(template).some((item) => item.label === APP_COMMANDS[id].label)).toBe(false);
    }
  });

  it.each(platforms)('goes to tabs 1 to 8 and the last tab by Ctrl+1…9 (%s)', (platform) => {
    const { template, dispatched } = build(platform);
    const goTo = find(template, 'Go to Tab').submenu!;
    expect(goTo.map((item) => [item.label, item.accelerator])).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((slot) => [`Tab ${slot}`, `CmdOrCtrl+${slot}`]),
      ['Last Tab', 'CmdOrCtrl+9'],
    ]);
    for (const item of goTo) item.click!({}, undefined, {});
    expect(dispatched).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((index) => ({ command: 'tab.goTo', index })));
  });

  it.each(platforms)('leaves the keys it shows to the window, so a key press runs a command once (%s)', (platform) => {
    const { template, dispatched } = build(platform);
    const keyed = walk(template).filter((item) => item.click && item.accelerator);
    expect(keyed.length).toBeGreaterThan(15);
    for (const item of keyed) {
      expect(item.registerAccelerator).toBe(false);
      item.click!({}, undefined, { triggeredByAccelerator: true });
    }
    expect(dispatched).toEqual([]);
    // Items without a key run whichever way they are chosen.
    find(template, 'Open Log Folder').click!({}, undefined, { triggeredByAccelerator: true });
    expect(dispatched).toEqual([{ command: 'logFolder.open' }]);
  });

  it.each(platforms)('never shows two separators in a row, nor one at either end (%s)', (platform) => {
    for (const menu of walk(build(platform, false).template).filter((item) => item.submenu)) {
      const types = menu.submenu!.map((item) => item.type);
      expect(types[0]).not.toBe('separator');
      expect(types.at(-1)).not.toBe('separator');
      expect(types.join(',')).not.toContain('separator,separator');
    }
  });

  it.each(platforms)('uses valid accelerators, each once (%s)', (platform) => {
    const accelerators = walk(build(platform, false).template)
      .map((item) => item.accelerator)
      .filter((accelerator): accelerator is string => accelerator !== undefined);
    for (const accelerator of accelerators) expect(isAccelerator(accelerator), accelerator).toBe(true);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('is set as the application menu', () => {
    installApplicationMenu({ platform: 'linux', isPackaged: true, dispatch: () => {} });
    const menu = Menu.getApplicationMenu();
    expect(menu?.items.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
  });
});
