import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../support/memory-secret-store';
import { launchApp, screenshot, type LaunchedApp, createSandboxProfile } from './support';
import { sidebarProfile, sidebarOrgItems, focusedKey } from './support/sidebar';

describe('first run', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await launchApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the welcome screen with both ways in', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Welcome to Orgdesk' }).waitFor();
    expect(await page.getByRole('button', { name: 'Connect to Keycard' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Try the sandbox' }).isVisible()).toBe(true);
    await screenshot(page, 'welcome');
  });

  it('"Try the sandbox" lists the sandbox organizations in the sidebar', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    const orgs = sidebarOrgItems(page, 'Sandbox');
    await orgs.first().waitFor();
    expect((await orgs.allTextContents()).map((text) => text.trim())).toEqual([
      'Acme Robotics',
      'Globex Research',
      'Initech Platform',
      'Umbrella Health',
    ]);
    expect(await page.getByRole('heading', { name: 'Welcome to Orgdesk' }).count()).toBe(0);
    expect(await sidebarProfile(page, 'Sandbox').getAttribute('aria-expanded')).toBe('true');
    // The button pressed went with the welcome screen; the focus went to the sandbox in the sidebar.
    await expect.poll(() => focusedKey(page)).toMatch(/^profile:/);
    expect(await sidebarProfile(page, 'Sandbox').evaluate((item) => item.ownerDocument.activeElement === item)).toBe(
      true,
    );
    await screenshot(page, 'sandbox-sidebar');
    expect(app.pageErrors).toEqual([]);
  });
});

describe('first run with a damaged environment', () => {
  let app: LaunchedApp | undefined;
  let userDataDir: string;
  const secrets = new MemorySecretStore();

  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-e2e-damaged-'));
    await writeFile(join(userDataDir, 'profiles.json'), '{ this is not json');
    app = await launchApp({ userDataDir, secretStore: secrets });
    app.page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await app?.close();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('says where the corrupt settings file was moved', async () => {
    const { page } = app!;
    await page.getByRole('heading', { name: 'Welcome to Orgdesk' }).waitFor();
    const banner = page.getByRole('alert');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/profiles\.json\.corrupt-/);
    await screenshot(page, 'welcome-corrupt-settings');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('says the keychain is unavailable when it is locked', async () => {
    const { page, services } = app!;
    await createSandboxProfile(services);
    secrets.locked = true;
    await page.reload();

    // Listing profiles never asks the keychain; the first login does, and its refusal shows.
    const profile = sidebarProfile(page, 'Staging');
    await profile.waitFor();
    if ((await profile.getAttribute('aria-expanded')) !== 'true') await profile.click();
    await page.getByText("Couldn't load organizations").waitFor();
    await page.getByText('The OS keychain is unavailable.').waitFor();
    expect(await page.getByText(/keychain could not read the secret/).count()).toBeGreaterThan(0);
    await screenshot(page, 'keychain-unavailable');

    // While it stays unavailable, the window does not keep asking for the profiles list.
    const profileLists = () => app!.ipcLog.filter((entry) => entry.channel === 'profiles:list').length;
    const before = profileLists();
    await page.waitForTimeout(1_000);
    expect(profileLists() - before).toBeLessThanOrEqual(2);

    // Unlocked again, a retry succeeds and the banner goes away.
    secrets.locked = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await sidebarOrgItems(page, 'Staging').first().waitFor();
    await page.getByText('The OS keychain is unavailable.').waitFor({ state: 'detached' });
  });
});

describe('a profiles file that cannot be read', () => {
  let app: LaunchedApp | undefined;
  let dir: string;

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says so with the path, and Retry recovers once it is fixed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgdesk-e2e-unreadable-'));
    // A folder where the file should be: readable by nobody as a file, and not corrupt either.
    await mkdir(join(dir, 'profiles.json'));
    app = await launchApp({ userDataDir: dir });
    const { page } = app;
    const notice = page.getByRole('alert').filter({ hasText: "Couldn't load your profiles" });
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(join(dir, 'profiles.json'));
    expect(text).toContain('EISDIR');
    await screenshot(page, 'profiles-unreadable');

    await rm(join(dir, 'profiles.json'), { recursive: true });
    await notice.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Welcome to Orgdesk' }).waitFor();
    app.clearErrors();
  });
});

describe('a profiles file written with a password in a base URL', () => {
  let app: LaunchedApp | undefined;
  let dir: string;

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes the password out, rewrites the file and says so, and the password is nowhere on screen', async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgdesk-e2e-userinfo-'));
    const password = 'url-password-4b7d1e';
    await writeFile(
      join(dir, 'profiles.json'),
      JSON.stringify({
        version: 1,
        profiles: [
          {
            id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
            name: 'Old staging',
            baseUrl: `https://admin:${password}@staging.keycard.test`,
            color: '#2563eb',
            auth: { kind: 'bearer' },
            createdAt: '2026-01-05T09:00:00.000Z',
            updatedAt: '2026-01-05T09:00:00.000Z',
          },
        ],
      }),
    );
    app = await launchApp({ userDataDir: dir });
    const { page } = app;
    const banner = page.getByRole('alert').filter({ hasText: 'A user name or password was written' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('"Old staging"');
    await page.getByText('staging.keycard.test').first().waitFor();
    expect(await page.content()).not.toContain(password);
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain(password);
    expect(JSON.stringify(app.ipcLog)).not.toContain(password);
    await screenshot(page, 'profiles-url-password-removed');
  });
});
