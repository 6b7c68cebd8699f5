import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcResult } from '../../src/shared/ipc/result';
import { DEFAULT_SETTINGS, SettingsUpdate, type Settings } from '../../src/shared/ipc/settings';
import { installFakeBridge, type FakeBridge } from './support/fake-bridge';

type Modules = {
  settings: typeof import('../../src/renderer/src/lib/state/settings.svelte').settings;
  theme: typeof import('../../src/renderer/src/lib/state/theme.svelte').theme;
};
let m: Modules;
let bridge: FakeBridge;
/** What main holds; `settings:update` validates as main does, with the contract's schema. */
let stored: Settings;

function refusal(message: string, fields?: Array<{ path: string; message: string }>): IpcResult<never> {
  return { ok: false, error: { kind: fields ? 'invalid_input' : 'file', message, ...(fields ? { fields } : {}) } };
}

beforeEach(async () => {
  vi.resetModules();
  bridge = installFakeBridge();
  stored = { ...DEFAULT_SETTINGS };
  bridge.answer('settings:get', async () => ({ ok: true, value: stored }));
  bridge.answer('settings:update', async (input) => {
    const parsed = SettingsUpdate.safeParse(input);
    if (!parsed.success) {
      return refusal(
        'Invalid input',
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    stored = { ...stored, ...parsed.data };
    return { ok: true, value: stored };
  });
  m = {
    settings: (await import('../../src/renderer/src/lib/state/settings.svelte')).settings,
    theme: (await import('../../src/renderer/src/lib/state/theme.svelte')).theme,
  };
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const updates = () => bridge.calls.filter((call) => call.channel === 'settings:update').map((call) => call.input);

describe('the settings state', () => {
  it('reads the saved settings at start and puts their theme on screen', async () => {
    stored = { theme: 'dark', clipboardClearSeconds: 120, defaultEnvironment: 'staging' };
    await m.settings.load();
    expect(m.settings.values).toEqual(stored);
    expect(m.theme.mode).toBe('dark');
  });

  it('keeps the defaults when the settings cannot be read, so the window still opens', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    bridge.answer('settings:get', async () => refusal('Orgdesk could not read its settings'));
    await m.settings.load();
    expect(m.settings.values).toEqual(DEFAULT_SETTINGS);
    expect(m.theme.mode).toBe('system');
    expect(warn).toHaveBeenCalledOnce();
  });

  it('saves a theme at once, puts it on screen and confirms', async () => {
    await m.settings.load();
    expect(await m.settings.setTheme('dark')).toBe(true);
    expect(updates()).toEqual([{ theme: 'dark' }]);
    expect(m.theme.mode).toBe('dark');
    expect(m.settings.values.theme).toBe('dark');
    expect(m.settings.confirmation).toBe('Saved: dark theme.');
  });

  it('takes the theme back when main cannot save it, and says why next to the field', async () => {
    await m.settings.load();
    bridge.answer('settings:update', async () => refusal('Orgdesk could not save its settings in /x (EACCES).'));
    expect(await m.settings.setTheme('dark')).toBe(false);
    expect(m.theme.mode).toBe('system');
    expect(m.settings.errors).toEqual({ theme: 'Orgdesk could not save its settings in /x (EACCES).' });
    expect(m.settings.confirmation).toBe('');
  });

  it('saves a valid clipboard time typed in the field', async () => {
    await m.settings.load();
    expect(await m.settings.setClipboardClearSeconds(' 90 ')).toBe(true);
    expect(updates()).toEqual([{ clipboardClearSeconds: 90 }]);
    expect(m.settings.values.clipboardClearSeconds).toBe(90);
    expect(m.settings.confirmation).toBe('Saved: copied secrets are cleared after 90 seconds.');
  });

  it.each([
    ['', 'Enter a number of seconds'],
    ['soon', 'Enter a number of seconds'],
    ['5', 'At least 10 seconds'],
    ['601', 'At most 600 seconds (10 minutes)'],
    ['12.5', 'Enter whole seconds'],
  ])('refuses %j next to the field without asking main', async (text, message) => {
    await m.settings.load();
    expect(await m.settings.setClipboardClearSeconds(text)).toBe(false);
    expect(updates()).toEqual([]);
    expect(m.settings.errors).toEqual({ clipboardClearSeconds: message });
    expect(m.settings.values.clipboardClearSeconds).toBe(30);
  });

  it('clears a field’s error once it is saved, and leaves the other fields’ errors', async () => {
    await m.settings.load();
    await m.settings.setClipboardClearSeconds('5');
    bridge.answer('settings:update', async () =>
      refusal('Invalid input', [
        { path: 'defaultEnvironment', message: 'Pick production, staging, development or none' },
      ]),
    );
    await m.settings.setDefaultEnvironment('production');
    expect(m.settings.errors).toEqual({
      clipboardClearSeconds: 'At least 10 seconds',
      defaultEnvironment: 'Pick production, staging, development or none',
    });
    bridge.answer('settings:update', async (input) => ({ ok: true, value: { ...stored, ...(input as object) } }));
    expect(await m.settings.setClipboardClearSeconds('45')).toBe(true);
    expect(m.settings.errors).toEqual({ defaultEnvironment: 'Pick production, staging, development or none' });
    m.settings.resetMessages();
    expect(m.settings.errors).toEqual({});
    expect(m.settings.confirmation).toBe('');
  });

  it('saves the default environment, none included', async () => {
    await m.settings.load();
    await m.settings.setDefaultEnvironment('production');
    expect(m.settings.confirmation).toBe('Saved: new profiles start as production.');
    await m.settings.setDefaultEnvironment(null);
    expect(m.settings.values.defaultEnvironment).toBeNull();
    expect(m.settings.confirmation).toBe('Saved: new profiles start with no environment.');
    expect(updates()).toEqual([{ defaultEnvironment: 'production' }, { defaultEnvironment: null }]);
  });

  it('saves the menu’s toggle, so the theme holds across a restart', async () => {
    await m.settings.load();
    await m.settings.toggleTheme();
    expect(m.theme.mode).toBe('dark');
    await m.settings.toggleTheme();
    expect(m.theme.mode).toBe('light');
    expect(updates()).toEqual([{ theme: 'dark' }, { theme: 'light' }]);
    expect(stored.theme).toBe('light');
  });
});
