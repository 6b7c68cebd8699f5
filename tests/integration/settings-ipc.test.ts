import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import type { ClipboardPort } from '../../src/main/credentials/secret-clipboard';
import type { OrgList } from '../../src/shared/ipc/organizations';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import type { OrgTokenIssued, SecretCopied } from '../../src/shared/ipc/service-accounts';
import type { Settings, ThemeMode } from '../../src/shared/ipc/settings';
import { MemorySecretStore } from '../support/memory-secret-store';
import { ipcCaller } from './support/dispatch';

/** Settings through main's dispatcher: saved, read back after a restart, refused by name, in force at once. */
let userDataDir: string;
let services: AppServices | undefined;
let themeSources: ThemeMode[] = [];
const clipboardText = { value: '' };
const clipboard: ClipboardPort = {
  writeText: (text) => void (clipboardText.value = text),
  readText: () => clipboardText.value,
  clear: () => void (clipboardText.value = ''),
};
const { ok, refused } = ipcCaller(() => services!);

async function start(): Promise<void> {
  services = await createAppServices({
    userDataDir,
    secretStore: new MemorySecretStore(),
    clipboard,
    setThemeSource: (theme) => void themeSources.push(theme),
  });
}

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-settings-ipc-'));
});
afterEach(async () => {
  await services?.dispose();
  services = undefined;
  themeSources = [];
});
afterAll(async () => {
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

describe('settings over IPC', () => {
  it('saves a partial update, answers every setting, and brings them back after a restart', async () => {
    await start();
    expect(await ok<Settings>('settings:get')).toEqual({
      theme: 'system',
      clipboardClearSeconds: 30,
      defaultEnvironment: null,
    });
    const updated = await ok<Settings>('settings:update', { theme: 'dark', defaultEnvironment: 'production' });
    expect(updated).toEqual({ theme: 'dark', clipboardClearSeconds: 30, defaultEnvironment: 'production' });
    expect(await ok<Settings>('settings:update', { defaultEnvironment: null })).toEqual({
      ...updated,
      defaultEnvironment: null,
    });
    // The native theme follows at start (the default) and at each change.
    expect(themeSources).toEqual(['system', 'dark', 'dark']);
    await services!.dispose();
    themeSources = [];
    await start();
    expect(await ok<Settings>('settings:get')).toEqual({ ...updated, defaultEnvironment: null });
    await expect.poll(() => themeSources).toEqual(['dark']);
  });

  it.each([
    [{ clipboardClearSeconds: 5 }, 'clipboardClearSeconds', 'At least 10 seconds'],
    [{ clipboardClearSeconds: 601 }, 'clipboardClearSeconds', 'At most 600 seconds (10 minutes)'],
    [{ clipboardClearSeconds: 12.5 }, 'clipboardClearSeconds', 'Enter whole seconds'],
    [{ clipboardClearSeconds: '60' }, 'clipboardClearSeconds', 'Enter a number of seconds'],
    [{ theme: 'purple' }, 'theme', 'Pick system, light or dark'],
    [{ defaultEnvironment: 'sandbox' }, 'defaultEnvironment', 'Pick production, staging, development or none'],
  ])('refuses %j by name, changing nothing', async (change, path, message) => {
    await start();
    const before = await ok<Settings>('settings:get');
    const error = await refused('settings:update', change);
    expect(error.kind).toBe('invalid_input');
    expect(error.fields).toEqual([{ path, message }]);
    expect(await ok<Settings>('settings:get')).toEqual(before);
  });

  it('refuses a field that is not a setting by name', async () => {
    await start();
    const error = await refused('settings:update', { theme: 'dark', colour: 'red' });
    expect(error.kind).toBe('invalid_input');
    expect(error.fields?.map((field) => field.path)).toEqual(['']);
    expect(error.fields?.[0]?.message).toContain('colour');
  });

  it('clears the next copied secret after the clipboard time just set', async () => {
    await start();
    const profile = await ok<ProfileView>('profiles:addSandbox');
    const [org] = (await ok<OrgList>('orgs:list', { profileId: profile.id })).items;
    const { handle } = await ok<OrgTokenIssued>('orgs:token', { profileId: profile.id, orgId: org!.id });
    expect(await ok<SecretCopied>('orgs:copyToken', { handle })).toEqual({ clearsAfterSeconds: 30 });
    await ok<Settings>('settings:update', { clipboardClearSeconds: 120 });
    expect(await ok<SecretCopied>('orgs:copyToken', { handle })).toEqual({ clearsAfterSeconds: 120 });
  }, 30_000);
});
