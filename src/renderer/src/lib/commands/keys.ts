/** The parts of a `KeyboardEvent` a shortcut is matched on. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Whether the window runs on macOS, where `CmdOrCtrl` means Command. */
export function isMac(platform: string = navigator.platform): boolean {
  return /^Mac/i.test(platform);
}

/**
 * Whether a key press is the accelerator (Electron's syntax, as the menu shows it): the same key
 * with exactly the same modifiers. A letter or digit is also matched by its physical key when the
 * layout types something else there (Cyrillic, AZERTY's digit row), as menus do.
 */
export function matchesAccelerator(press: KeyPress, accelerator: string, mac: boolean): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const wants = { ctrl: false, meta: false, alt: false, shift: false };
  for (const part of parts) {
    if (part === 'CmdOrCtrl' || part === 'CommandOrControl') wants[mac ? 'meta' : 'ctrl'] = true;
    else if (part === 'Cmd' || part === 'Command') wants.meta = true;
    else if (part === 'Ctrl' || part === 'Control') wants.ctrl = true;
    else if (part === 'Alt' || part === 'Option') wants.alt = true;
    else if (part === 'Shift') wants.shift = true;
    else throw new Error(`Unknown modifier ${part} in ${accelerator}`);
  }
  if (
    press.ctrlKey !== wants.ctrl ||
    press.metaKey !== wants.meta ||
    press.altKey !== wants.alt ||
    press.shiftKey !== wants.shift
  ) {
    return false;
  }
  if (press.key.toLowerCase() === key.toLowerCase()) return true;
  // A layout that types another letter on the key (Dvorak) means that letter: no fallback then.
  if (/^\d$/.test(key)) return !/^\d$/.test(press.key) && press.code === `Digit${key}`;
  if (/^[A-Za-z]$/.test(key)) return !/^[A-Za-z]$/.test(press.key) && press.code === `Key${key.toUpperCase()}`;
  return false;
}
