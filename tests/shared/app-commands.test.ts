import { describe, expect, it } from 'vitest';
import {
  APP_COMMAND_IDS,
  commandKeys,
  formatAccelerator,
  TAB_SLOTS,
  tabSlotAccelerator,
} from '../../src/shared/commands/app-commands';

describe('app commands', () => {
  it('give no key to two commands', () => {
    const keys = [
      ...APP_COMMAND_IDS.flatMap(commandKeys),
      ...Array.from({ length: TAB_SLOTS }, (_, at) => tabSlotAccelerator(at + 1)),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('show keys as each platform’s menus do', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+T', false)).toBe('Ctrl+Shift+T');
    expect(formatAccelerator('CmdOrCtrl+Shift+T', true)).toBe('⇧⌘T');
    expect(formatAccelerator('Ctrl+Shift+Tab', true)).toBe('⌃⇧⇥');
    expect(formatAccelerator('CmdOrCtrl+PageDown', true)).toBe('⌘⇟');
    expect(formatAccelerator('F5', true)).toBe('F5');
    expect(formatAccelerator('CmdOrCtrl+,', false)).toBe('Ctrl+,');
  });
});
