import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../support/memory-secret-store';
import { seriousViolations } from './support/axe';
import { launchApp, screenshot, type LaunchedApp } from './support';
import { sidebarOrg, sidebarOrgs } from './support/sidebar';

const VIEWPORT = { width: 1280, height: 800 };
/** The smallest window Orgdesk allows. */
const MIN = { width: 960, height: 600 };

/** What these tests read of the page (the node tsconfig has no DOM types). */
interface PageDoc {
  documentElement: { dataset: Record<string, string | undefined> };
  body: unknown;
}

const themeOnScreen = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as unknown as {
      document: PageDoc;
      getComputedStyle(element: unknown): { backgroundColor: string };
    };
    const style = g.getComputedStyle(g.document.body);
    return { dataTheme: g.document.documentElement.dataset['theme'] ?? null, background: style.backgroundColor };
  });

const settingsDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Settings' });

/** Copies Acme Robotics' organization token and answers what main said about clearing it. */
async function copyToken(app: LaunchedApp): Promise<unknown> {
  const panel = app.page.getByRole('tabpanel');
  const before = app.ipcLog.length;
  await panel.getByRole('button', { name: 'Copy token' }).click();
  await expect.poll(() => app.ipcLog.slice(before).some((entry) => entry.channel === 'orgs:copyToken')).toBe(true);
  return app.ipcLog.slice(before).find((entry) => entry.channel === 'orgs:copyToken')?.result;
}

describe('settings', () => {
  it('saves the theme, the clipboard time and the default environment at once, refuses a bad time next to its field, and keeps them across a relaunch', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-settings-'));
    const keychain = new MemorySecretStore();
    const first = await launchApp({ userDataDir, secretStore: keychain, viewport: VIEWPORT });
    let lightBackground: string;
    try {
      const { page } = first;
      page.setDefaultTimeout(10_000);
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await page.getByRole('button', { name: 'Try the sandbox' }).click();
      await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
      const panel = page.getByRole('tabpanel');
      await panel.getByRole('button', { name: 'Get an organization token' }).click();
      expect(await copyToken(first)).toEqual({ ok: true, value: { clearsAfterSeconds: 30 } });
      await page.getByText('The clipboard is cleared in 30 s if it still holds it.').waitFor();

      lightBackground = (await themeOnScreen(page)).background;
      expect(await themeOnScreen(page)).toEqual({ dataTheme: null, background: lightBackground });

      // Ctrl+, opens it, the current theme's radio focused.
      await page.keyboard.press('Control+,');
      const dialog = settingsDialog(page);
      await dialog.waitFor();
      const system = dialog.getByRole('radio', { name: 'System' });
      expect(await system.isChecked()).toBe(true);
      expect(
        await system.evaluate(
          (element) =>
            element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
        ),
      ).toBe(true);
      expect(await dialog.getByLabel('Clear copied secrets after').inputValue()).toBe('30');
      expect(await dialog.getByRole('radio', { name: 'None' }).isChecked()).toBe(true);

      await dialog.getByRole('radio', { name: 'Dark' }).check();
      const status = dialog.getByRole('status');
      await expect.poll(() => status.textContent()).toBe('Saved: dark theme.');
      const dark = await themeOnScreen(page);
      expect(dark.dataTheme).toBe('dark');
      expect(dark.background).not.toBe(lightBackground);

      // A bad time is refused next to the field, by name, and never sent to main.
      const seconds = dialog.getByLabel('Clear copied secrets after');
      const updatesBefore = first.ipcLog.filter((entry) => entry.channel === 'settings:update').length;
      await seconds.fill('5');
      await seconds.press('Enter');
      const error = dialog.getByText('At least 10 seconds');
      await error.waitFor();
      expect(await seconds.getAttribute('aria-invalid')).toBe('true');
      const errorId = await error.getAttribute('id');
      expect((await seconds.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
      expect(await status.textContent()).toBe('');
      expect(first.ipcLog.filter((entry) => entry.channel === 'settings:update')).toHaveLength(updatesBefore);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'settings-refused-dark');

      await seconds.fill('90');
      await seconds.press('Enter');
      await expect.poll(() => status.textContent()).toBe('Saved: copied secrets are cleared after 90 seconds.');
      expect(await error.count()).toBe(0);
      expect(await seconds.getAttribute('aria-invalid')).toBeNull();

      await dialog.getByRole('radio', { name: 'Production' }).check();
      await expect.poll(() => status.textContent()).toBe('Saved: new profiles start as production.');

      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'settings-dark');
      await page.setViewportSize(MIN);
      await screenshot(page, 'settings-dark-min');

      await dialog.getByRole('radio', { name: 'Light' }).check();
      await expect.poll(async () => (await themeOnScreen(page)).dataTheme).toBe('light');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'settings-light-min');
      await page.setViewportSize(VIEWPORT);
      await screenshot(page, 'settings-light');
      await dialog.getByRole('radio', { name: 'Dark' }).check();
      await expect.poll(async () => (await themeOnScreen(page)).dataTheme).toBe('dark');

      // Escape closes it; the next copy is cleared after the new time.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await copyToken(first)).toEqual({ ok: true, value: { clearsAfterSeconds: 90 } });
      await page.getByText('The clipboard is cleared in 90 s if it still holds it.').waitFor();

      // A new profile starts with the default environment.
      await page.keyboard.press('Control+n');
      const profileForm = page.getByRole('dialog');
      expect(await profileForm.getByLabel(/^Environment/).inputValue()).toBe('production');
      await page.keyboard.press('Escape');
      await profileForm.waitFor({ state: 'detached' });
      expect(first.pageErrors).toEqual([]);
      expect(first.consoleErrors).toEqual([]);
    } finally {
      await first.close();
    }

    expect(JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8'))).toEqual({
      version: 1,
      theme: 'dark',
      clipboardClearSeconds: 90,
      defaultEnvironment: 'production',
    });

    const second = await launchApp({ userDataDir, secretStore: keychain, viewport: VIEWPORT });
    try {
      const { page } = second;
      page.setDefaultTimeout(10_000);
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await sidebarOrgs(page, 'Sandbox').waitFor();
      const onScreen = await themeOnScreen(page);
      expect(onScreen.dataTheme).toBe('dark');
      expect(onScreen.background).not.toBe(lightBackground);
      // The settings were read before the window was drawn: the first call the page made.
      expect(second.ipcLog[0]?.channel).toBe('settings:get');
      await second.sendEvent('menu', 'command', { command: 'settings.open' });
      const dialog = settingsDialog(page);
      expect(await dialog.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
      expect(await dialog.getByLabel('Clear copied secrets after').inputValue()).toBe('90');
      expect(await dialog.getByRole('radio', { name: 'Production' }).isChecked()).toBe(true);
      await screenshot(page, 'settings-relaunched');

      // The menu's toggle goes through the same setting, so it is saved too.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await second.sendEvent('menu', 'command', { command: 'theme.toggle' });
      await expect.poll(async () => (await themeOnScreen(page)).dataTheme).toBe('light');
      await expect
        .poll(async () => JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8')).theme)
        .toBe('light');
      expect(second.pageErrors).toEqual([]);
      expect(second.consoleErrors).toEqual([]);
    } finally {
      await second.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});
