import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { launchApp, screenshot, type LaunchedApp } from './support';
import { isolated } from './support/bidi';
import { sidebarOrg, expandProfile } from './support/sidebar';

/**
 * A whole session the way an admin has it, on the real keychain (Secret Service, see
 * tests/support/with-keyring.sh): add a service-account profile through the form, try the
 * sandbox beside it, open one organization from each as tabs, rename one, edit the profile
 * without retyping the secret. Then the secret is searched for everywhere it must not be.
 */
const SERVICE = `Orgdesk e2e ${process.pid}`;

describe('a client secret stays in the keychain', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;
  let userDataDir: string;
  let secret: string;
  let closed = false;

  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-secret-scan-'));
    app = await launchApp({
      userDataDir,
      secretStore: (logger) => createKeytarStore(SERVICE, logger),
      viewport: { width: 1280, height: 760 },
    });
    page = app.page;
    page.setDefaultTimeout(10_000);
    sandbox = await app.services.sandbox.ensure();
    secret = sandbox.primaryCredential.clientSecret;
  });

  afterAll(async () => {
    if (!closed) await app?.close();
    for (const { account } of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, account);
  });

  const dialog = () => page.getByRole('dialog');
  const panel = () => page.getByRole('tabpanel');
  const orgOf = (profile: string, org: string): Locator => sidebarOrg(page, profile, org);

  it('adds a service-account profile through the form and the sandbox beside it', async () => {
    await page.getByRole('button', { name: 'Connect to Keycard' }).click();
    await page.getByLabel('Display name', { exact: true }).fill('Acme production');
    await page.getByLabel('API base URL', { exact: true }).fill(sandbox.url);
    await page.getByLabel('Client ID', { exact: true }).fill(sandbox.primaryCredential.clientId);
    await page.getByLabel('Client secret', { exact: true }).fill(secret);
    await dialog().getByRole('radio', { name: 'Green' }).check();
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await dialog()
      .getByText(/Connected — \d+ organizations/)
      .waitFor();
    await dialog().getByRole('button', { name: 'Add profile' }).click();
    await dialog().waitFor({ state: 'detached' });

    await expandProfile(page, 'Acme production');
    await orgOf('Acme production', 'Acme Robotics').waitFor();

    await page.getByRole('button', { name: 'Add profile' }).click();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    const [created] = app.ipcLog.filter((entry) => entry.channel === 'profiles:create' && entry.result.ok);
    expect(created).toBeDefined();
    const profile = (created!.result as { value: { id: string; color: string } }).value;
    expect(profile.color).toBe('#16a34a');
    expect(await keytar.getPassword(SERVICE, profile.id)).toBe(secret);
  });

  it('opens an organization of each profile side by side, each tab in its profile colour', async () => {
    await page.evaluate(() => {
      (
        globalThis as unknown as { orgdesk: { profiles: { addSandbox(): Promise<unknown> } } }
      ).orgdesk.profiles.addSandbox();
    });
    await page.reload();
    await expandProfile(page, 'Sandbox');
    await expandProfile(page, 'Acme production');

    await orgOf('Acme production', 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    await orgOf('Sandbox', 'Globex Research').click();
    await panel().getByRole('heading', { level: 1, name: 'Globex Research' }).waitFor();

    const colours = await page.getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('style')));
    expect(colours).toEqual(['--dot-color: #16a34a;', '--dot-color: #2563eb;']);
  });

  it('renames an organization and keeps working after the profile is edited without its secret', async () => {
    await page.getByRole('tab', { name: /Acme Robotics/ }).click();
    await panel().getByRole('button', { name: 'Rename' }).click();
    await panel().getByRole('textbox').fill('Acme Robotics EU');
    await panel().getByRole('button', { name: 'Save' }).click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics EU' }).waitFor();

    await page.getByRole('button', { name: 'Edit Acme production' }).click({ force: true });
    expect(await page.getByLabel('Client secret', { exact: true }).inputValue()).toBe('');
    await page.getByLabel('Display name', { exact: true }).fill('Acme prod');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page
      .getByRole('button', { name: /Acme prod/ })
      .first()
      .waitFor();
    // Testing the saved profile logs in again with the secret read back from the keychain.
    await page.getByRole('button', { name: 'Test connection to Acme prod' }).click({ force: true });
    await page.getByText(`Connected to ${isolated('Acme prod')}`).waitFor();
    // The README's picture: wait for the toasts to go so it shows the workspace itself.
    await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached', timeout: 15_000 });
    await screenshot(page, 'side-by-side');
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('finds the secret in no IPC answer, no page, no file in the user-data folder and no log line', async () => {
    expect(await page.content()).not.toContain(secret);
    const answers = app.ipcLog.map((entry) => JSON.stringify(entry.result));
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) expect(answer).not.toContain(secret);
    // The secret crossed once, renderer to main, as the user typed it: in the test and the create.
    const carriers = app.ipcLog
      .filter((entry) => JSON.stringify(entry.payload ?? null).includes(secret))
      .map((e) => e.channel);
    expect(new Set(carriers)).toEqual(new Set(['profiles:test', 'profiles:create']));

    await app.close(); // flushes the log
    closed = true;
    const files = (await readdir(userDataDir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
    const names = files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['profiles.json', 'main.log']));
    for (const file of files) {
      const content = await readFile(join(file.parentPath, file.name), 'utf8');
      expect(content, file.name).not.toContain(secret);
      expect(content, file.name).not.toContain(Buffer.from(secret).toString('base64'));
    }
    const log = await readFile(join(userDataDir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('profiles.created');
    expect(log).toContain('profiles.updated');
    expect(log).toContain('keychain.saved');
  });
});
