import {
  ClipboardClearSeconds,
  DEFAULT_SETTINGS,
  type DefaultEnvironment,
  type Settings,
  type SettingsUpdate,
  type ThemeMode,
} from '../../../../shared/ipc/settings';
import { errorMessage } from '../ipc/describe-error';
import { handleError } from '../ipc/handle-error';
import { IpcFailure, toIpcError } from '../ipc/ipc-failure';
import { getSettings, updateSettings } from '../services/settings.service';
import { theme } from './theme.svelte';

export type SettingsField = keyof Settings;

const THEME_WORDS: Record<ThemeMode, string> = {
  system: 'the theme follows the system',
  light: 'light theme',
  dark: 'dark theme',
};

function environmentWords(environment: DefaultEnvironment): string {
  return environment === null ? 'new profiles start with no environment' : `new profiles start as ${environment}`;
}

/**
 * The user's settings as main keeps them, and what the Settings view says about them: the
 * error next to each field, and a confirmation after each save. Every change is saved at once;
 * the theme is put on screen before main answers (and taken back if it refuses), so a click
 * feels instant.
 */
class SettingsManager {
  #values = $state<Settings>(DEFAULT_SETTINGS);
  #errors = $state<Partial<Record<SettingsField, string>>>({});
  #confirmation = $state('');

  get values(): Settings {
    return this.#values;
  }

  /** Why the last change to a field was refused, by field. */
  get errors(): Partial<Record<SettingsField, string>> {
    return this.#errors;
  }

  /** What the last save did, in words, for the view's status line; `''` until one succeeds. */
  get confirmation(): string {
    return this.#confirmation;
  }

  /**
   * Reads the settings and puts the theme on screen; called before the window's first paint.
   * Settings that cannot be read leave the defaults: never a reason for the window not to open.
   */
  async load(): Promise<void> {
    try {
      this.#values = await getSettings();
    } catch (error) {
      console.warn('Orgdesk could not read its settings; using the defaults', toIpcError(error).message);
    }
    theme.set(this.#values.theme);
  }

  /** Clears what the view said last (it opened again). */
  resetMessages(): void {
    this.#errors = {};
    this.#confirmation = '';
  }

  setTheme(mode: ThemeMode): Promise<boolean> {
    theme.set(mode);
    return this.#save({ theme: mode }, THEME_WORDS[mode]);
  }

  setDefaultEnvironment(environment: DefaultEnvironment): Promise<boolean> {
    return this.#save({ defaultEnvironment: environment }, environmentWords(environment));
  }

  /** What was typed in the field; refused next to it without asking main when it is not a valid time. */
  setClipboardClearSeconds(text: string): Promise<boolean> {
    const trimmed = text.trim();
    const parsed = ClipboardClearSeconds.safeParse(trimmed === '' ? Number.NaN : Number(trimmed));
    if (!parsed.success) {
      this.#confirmation = '';
      this.#errors = { ...this.#errors, clipboardClearSeconds: parsed.error.issues[0]?.message ?? 'Not a valid time' };
      return Promise.resolve(false);
    }
    return this.#save(
      { clipboardClearSeconds: parsed.data },
      `copied secrets are cleared after ${parsed.data} seconds`,
    );
  }

  /** The menu's Toggle Dark Theme: the opposite of what is on screen, saved like a choice in the view. */
  async toggleTheme(): Promise<void> {
    const mode = theme.effective === 'dark' ? 'light' : 'dark';
    theme.set(mode);
    try {
      this.#values = await updateSettings({ theme: mode });
    } catch (error) {
      theme.set(this.#values.theme);
      handleError(error, "Couldn't save the theme");
    }
  }

  async #save(change: SettingsUpdate, words: string): Promise<boolean> {
    const fields = Object.keys(change) as SettingsField[];
    this.#confirmation = '';
    this.#errors = Object.fromEntries(
      Object.entries(this.#errors).filter(([field]) => !fields.includes(field as SettingsField)),
    );
    try {
      this.#values = await updateSettings(change);
      theme.set(this.#values.theme);
      this.#confirmation = `Saved: ${words}.`;
      return true;
    } catch (error) {
      theme.set(this.#values.theme);
      const ipcError = toIpcError(error);
      const byField =
        error instanceof IpcFailure ? error.fields.filter((issue) => fields.includes(issue.path as SettingsField)) : [];
      const errors = { ...this.#errors };
      // A refusal names its field; anything else (the file could not be written) is said next to the field changed.
      if (byField.length > 0) for (const issue of byField) errors[issue.path as SettingsField] = issue.message;
      else for (const field of fields) errors[field] = errorMessage(ipcError);
      this.#errors = errors;
      return false;
    }
  }
}

export const settings = new SettingsManager();
