import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SETTINGS, Settings, type SettingsUpdate } from '../../shared/ipc/settings';
import { writeFileAtomically } from '../atomic-file';
import { OrgdeskError } from '../errors';
import type { Logger } from '../log';

export const SETTINGS_FILE = 'settings.json';

/** Each setting on its own: one a newer or older app wrote badly falls back to its default alone. */
const SettingsFile = z.object({
  version: z.literal(1),
  theme: Settings.shape.theme.catch(DEFAULT_SETTINGS.theme),
  clipboardClearSeconds: Settings.shape.clipboardClearSeconds.catch(DEFAULT_SETTINGS.clipboardClearSeconds),
  defaultEnvironment: Settings.shape.defaultEnvironment.catch(DEFAULT_SETTINGS.defaultEnvironment),
});

type Listener = (settings: Settings) => void;

/**
 * The user's preferences, in `<userData>/settings.json`. Read once, each field checked on its
 * own (a missing or bad one takes its default and the log says which); a file that is not a
 * settings file is moved aside and the defaults apply: settings are never a reason not to start.
 * Every change is written at once, atomically, and told to the listeners (the clipboard's clear
 * time, the native theme) after it is on disk.
 */
export class SettingsStore {
  readonly path: string;
  #current: Settings = DEFAULT_SETTINGS;
  #loaded: Promise<Settings> | undefined;
  /** Updates apply one after the other, so two close together never undo each other. */
  #changes: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<Listener>();

  constructor(
    userDataDir: string,
    private readonly logger: Logger,
  ) {
    this.path = join(userDataDir, SETTINGS_FILE);
  }

  /** The settings in force; the defaults until `get` has read the file. */
  get current(): Settings {
    return this.#current;
  }

  get(): Promise<Settings> {
    this.#loaded ??= this.#read().then((settings) => {
      this.#current = settings;
      return settings;
    });
    return this.#loaded;
  }

  update(change: SettingsUpdate): Promise<Settings> {
    const next = this.#changes.then(async () => {
      const settings: Settings = { ...(await this.get()), ...definedOnly(change) };
      await this.#write(settings);
      this.#current = settings;
      this.#loaded = Promise.resolve(settings);
      this.logger.info('settings.updated', { fields: Object.keys(definedOnly(change)) });
      for (const listener of this.#listeners) listener(settings);
      return settings;
    });
    // A failed write leaves the settings as they were and does not block the next change.
    this.#changes = next.catch(() => undefined);
    return next;
  }

  /** Told of every saved change; returns a function that stops it. */
  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #write(settings: Settings): Promise<void> {
    try {
      await writeFileAtomically(this.path, `${JSON.stringify({ version: 1, ...settings }, null, 2)}\n`);
    } catch (error) {
      throw new OrgdeskError(
        'file',
        `Orgdesk could not save its settings in ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Check that the folder is writable, then try again.`,
        { code: 'settings_unwritable', cause: error },
      );
    }
  }

  async #read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn('settings.read_failed', { error });
      return DEFAULT_SETTINGS;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.#moveAside('it is not JSON');
    }
    const parsed = SettingsFile.safeParse(json);
    if (!parsed.success) return this.#moveAside('it is not a settings file of this version');
    const { version: _version, ...settings } = parsed.data;
    const raw = json as Record<string, unknown>;
    const ignored = (Object.keys(settings) as (keyof Settings)[]).filter(
      (key) => raw[key] !== undefined && raw[key] !== settings[key],
    );
    if (ignored.length > 0) this.logger.warn('settings.fields_ignored', { fields: ignored });
    return settings;
  }

  async #moveAside(reason: string): Promise<Settings> {
    const movedTo = `${this.path}.corrupt-${Date.now()}`;
    try {
      await rename(this.path, movedTo);
      this.logger.warn('settings.corrupt_file', { reason, movedTo });
    } catch (error) {
      this.logger.warn('settings.corrupt_file', { reason, error });
    }
    return DEFAULT_SETTINGS;
  }
}

/** `{ theme: undefined }` changes nothing, as an absent field does. */
function definedOnly(change: SettingsUpdate): Partial<Settings> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<Settings>;
}
