import { z } from 'zod';
import { Environment } from './profiles';

export const THEME_MODES = ['system', 'light', 'dark'] as const;
/** `system` follows the OS; the others hold whatever the OS says. */
export const ThemeMode = z.enum(THEME_MODES, { message: 'Pick system, light or dark' });
export type ThemeMode = z.infer<typeof ThemeMode>;

/**
 * How long a copied secret may stay on the clipboard. Under 10 s a paste into another window
 * races the clear; past 10 minutes the clear no longer protects much.
 */
export const CLIPBOARD_CLEAR_SECONDS = { min: 10, max: 600, default: 30 } as const;
export const ClipboardClearSeconds = z
  .number({ message: 'Enter a number of seconds' })
  .int('Enter whole seconds')
  .min(CLIPBOARD_CLEAR_SECONDS.min, `At least ${CLIPBOARD_CLEAR_SECONDS.min} seconds`)
  .max(CLIPBOARD_CLEAR_SECONDS.max, `At most ${CLIPBOARD_CLEAR_SECONDS.max} seconds (10 minutes)`);

/**
 * The environment a new profile's form starts with; `null` is none. The sandbox's own profile is
 * made by "Try the sandbox", never by the form, so it is not a default one can pick.
 */
export const DefaultEnvironment = Environment.exclude(['sandbox'], {
  message: 'Pick production, staging, development or none',
}).nullable();
export type DefaultEnvironment = z.infer<typeof DefaultEnvironment>;

export const Settings = z.object({
  theme: ThemeMode,
  clipboardClearSeconds: ClipboardClearSeconds,
  defaultEnvironment: DefaultEnvironment,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  clipboardClearSeconds: CLIPBOARD_CLEAR_SECONDS.default,
  defaultEnvironment: null,
};

/** Only the fields given change; a field that is not a setting is refused by name. */
export const SettingsUpdate = z.strictObject({
  theme: ThemeMode.optional(),
  clipboardClearSeconds: ClipboardClearSeconds.optional(),
  defaultEnvironment: DefaultEnvironment.optional(),
});
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;
