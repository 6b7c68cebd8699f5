import { describe, expect, it } from 'vitest';
import { isMac, matchesAccelerator, type KeyPress } from '../../src/renderer/src/lib/commands/keys';

function press(key: string, modifiers: Partial<KeyPress> = {}, code = ''): KeyPress {
  return { key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers };
}

describe('matchesAccelerator', () => {
  it('reads CmdOrCtrl as Command on macOS and Control elsewhere', () => {
    expect(matchesAccelerator(press('w', { ctrlKey: true }), 'CmdOrCtrl+W', false)).toBe(true);
    expect(matchesAccelerator(press('w', { metaKey: true }), 'CmdOrCtrl+W', false)).toBe(false);
    expect(matchesAccelerator(press('w', { metaKey: true }), 'CmdOrCtrl+W', true)).toBe(true);
    expect(matchesAccelerator(press('w', { ctrlKey: true }), 'CmdOrCtrl+W', true)).toBe(false);
    // Ctrl is Control on every platform (Ctrl+Tab on macOS too).
    expect(matchesAccelerator(press('Tab', { ctrlKey: true }), 'Ctrl+Tab', true)).toBe(true);
  });

  it('wants exactly the modifiers it names', () => {
    const shiftTab = press('Tab', { ctrlKey: true, shiftKey: true });
    expect(matchesAccelerator(shiftTab, 'Ctrl+Tab', false)).toBe(false);
    expect(matchesAccelerator(shiftTab, 'Ctrl+Shift+Tab', false)).toBe(true);
    expect(matchesAccelerator(press('t', { ctrlKey: true, altKey: true }), 'CmdOrCtrl+T', false)).toBe(false);
    expect(matchesAccelerator(press('w'), 'CmdOrCtrl+W', false)).toBe(false);
    expect(matchesAccelerator(press('F5'), 'F5', false)).toBe(true);
    expect(matchesAccelerator(press('F5', { shiftKey: true }), 'F5', false)).toBe(false);
  });

  it('takes a letter in either case, and punctuation as typed', () => {
    expect(matchesAccelerator(press('T', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Shift+T', false)).toBe(true);
    expect(matchesAccelerator(press(',', { ctrlKey: true }), 'CmdOrCtrl+,', false)).toBe(true);
    expect(matchesAccelerator(press('/', { ctrlKey: true }), 'CmdOrCtrl+/', false)).toBe(true);
    expect(matchesAccelerator(press('PageDown', { ctrlKey: true }), 'CmdOrCtrl+PageDown', false)).toBe(true);
  });

  it('falls back to the physical key only where the layout types no Latin letter or digit there', () => {
    // AZERTY: the 1 key types "&" without Shift.
    expect(matchesAccelerator(press('&', { ctrlKey: true }, 'Digit1'), 'CmdOrCtrl+1', false)).toBe(true);
    // Russian: the W key types "ц".
    expect(matchesAccelerator(press('ц', { ctrlKey: true }, 'KeyW'), 'CmdOrCtrl+W', false)).toBe(true);
    // Dvorak: the key in QWERTY's T place types "y", which is Ctrl+Y, not Ctrl+T.
    expect(matchesAccelerator(press('y', { ctrlKey: true }, 'KeyT'), 'CmdOrCtrl+T', false)).toBe(false);
    expect(matchesAccelerator(press('2', { ctrlKey: true }, 'Digit1'), 'CmdOrCtrl+1', false)).toBe(false);
  });

  it('refuses an accelerator with a modifier it does not know', () => {
    expect(() => matchesAccelerator(press('a'), 'Hyper+A', false)).toThrow(/Hyper/);
  });
});

it('tells macOS by its platform string', () => {
  expect(isMac('MacIntel')).toBe(true);
  expect(isMac('Linux x86_64')).toBe(false);
  expect(isMac('Win32')).toBe(false);
});
