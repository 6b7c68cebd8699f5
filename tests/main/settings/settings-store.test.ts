import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../../src/main/log';
import { SETTINGS_FILE, SettingsStore } from '../../../src/main/settings/settings-store';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/ipc/settings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgdesk-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const chosen: Settings = { theme: 'dark', clipboardClearSeconds: 90, defaultEnvironment: 'staging' };

describe('the settings file', () => {
  it('reads the defaults on a first run, without writing a file', async () => {
    const store = new SettingsStore(dir, silentLogger);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ theme: 'system', clipboardClearSeconds: 30, defaultEnvironment: null });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps what was changed across a restart, one field at a time', async () => {
    const first = new SettingsStore(dir, silentLogger);
    await first.update({ theme: 'dark' });
    await first.update({ clipboardClearSeconds: 90, defaultEnvironment: 'staging' });
    expect(first.current).toEqual(chosen);
    expect(await new SettingsStore(dir, silentLogger).get()).toEqual(chosen);
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'))).toEqual({ version: 1, ...chosen });
  });

  it('applies changes in the order made, so two close together never undo each other', async () => {
    const store = new SettingsStore(dir, silentLogger);
    const [, , last] = await Promise.all([
      store.update({ theme: 'light' }),
      store.update({ clipboardClearSeconds: 45 }),
      store.update({ defaultEnvironment: 'production', theme: undefined }),
    ]);
    expect(last).toEqual({ theme: 'light', clipboardClearSeconds: 45, defaultEnvironment: 'production' });
    expect(await new SettingsStore(dir, silentLogger).get()).toEqual(last);
  });

  it('tells its listeners of each saved change, until they stop listening', async () => {
    const store = new SettingsStore(dir, silentLogger);
    const seen: string[] = [];
    const stop = store.onChange((settings) => seen.push(settings.theme));
    await store.update({ theme: 'dark' });
    stop();
    await store.update({ theme: 'light' });
    expect(seen).toEqual(['dark']);
  });

  it('gives a bad field its default alone and says which in the log', async () => {
    await writeFile(
      join(dir, SETTINGS_FILE),
      JSON.stringify({ version: 1, theme: 'purple', clipboardClearSeconds: 5, defaultEnvironment: 'development' }),
    );
    const lines: string[] = [];
    const store = new SettingsStore(
      dir,
      createLogger((line) => lines.push(line), 'debug'),
    );
    expect(await store.get()).toEqual({
      theme: 'system',
      clipboardClearSeconds: 30,
      defaultEnvironment: 'development',
    });
    const ignored = lines.map((line) => JSON.parse(line)).find((entry) => entry.event === 'settings.fields_ignored');
    expect(ignored?.fields).toEqual(['theme', 'clipboardClearSeconds']);
    // The file stays where it is: the good field is still in it.
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('fills a missing field with its default (a file an older version wrote)', async () => {
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ version: 1, theme: 'light' }));
    expect(await new SettingsStore(dir, silentLogger).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });

  it.each([
    ['not JSON', '{ theme: dark'],
    ['another version', JSON.stringify({ version: 2, ...chosen })],
    ['not an object', '[1, 2, 3]'],
  ])('moves a file that is %s aside and starts with the defaults', async (_what, text) => {
    await writeFile(join(dir, SETTINGS_FILE), text);
    const store = new SettingsStore(dir, silentLogger);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^settings\.json\.corrupt-\d+$/);
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe(text);
    // The next change writes a good file beside the one moved aside.
    await store.update({ theme: 'dark' });
    expect(await new SettingsStore(dir, silentLogger).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('refuses a change it cannot save with a file error, keeping the settings as they were', async () => {
    const store = new SettingsStore(join(dir, 'missing-folder'), silentLogger);
    await expect(store.update({ theme: 'dark' })).rejects.toMatchObject({ kind: 'file', code: 'settings_unwritable' });
    expect(store.current).toEqual(DEFAULT_SETTINGS);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
  });
});
