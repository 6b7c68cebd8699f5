import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type LaunchedApp, launchPerSuite, fillProfileWithWrongSecret } from './support';
import { seriousViolations } from './support/axe';
import { sidebarOrg } from './support/sidebar';

describe.each(['light', 'dark'] as const)('accessibility of the main screens (%s)', (scheme) => {
  let app: LaunchedApp;
  let page: Page;

  launchPerSuite((launched) => ({ app, page } = launched));
  beforeAll(async () => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  });

  /** Toasts fade in and out; axe would measure contrast mid-animation. */
  async function dismissToasts() {
    await page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ remove(): void }> } };
      Array.from(g.document.querySelectorAll('[data-sonner-toast]')).forEach((toast) => toast.remove());
    });
  }

  it('welcome screen', async () => {
    await page.getByRole('heading', { name: 'Welcome to Orgdesk' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('profile form showing field errors', async () => {
    await page.getByRole('button', { name: 'Connect to Keycard' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add profile' }).click();
    await page.getByText('Give the profile a name').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('sidebar and two organizations in tabs', async () => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    await sidebarOrg(page, 'Sandbox', 'Globex Research').click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 1, name: 'Globex Research' }).waitFor();
    await dismissToasts();
    expect(await seriousViolations(page)).toEqual([]);
    if (scheme === 'dark') await screenshot(page, 'two-tabs-dark');
  });

  it('an organization where renaming is not allowed', async () => {
    await sidebarOrg(page, 'Sandbox', 'Umbrella Health').click();
    await page.getByText("Your role in this organization doesn't allow renaming it").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('new organization dialog showing a field error', async () => {
    await page.getByRole('treeitem', { name: 'New organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    await dialog.getByRole('button', { name: 'Create organization' }).click();
    await dialog.getByText('Name is required').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('remove confirmation', async () => {
    await page.getByRole('button', { name: 'Remove Sandbox' }).click();
    await page.getByRole('dialog', { name: 'Remove Sandbox?' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('a slow organization offering Cancel, and then stopped', async () => {
    const sandbox = await app.services.sandbox.ensure();
    sandbox.faults.add({ method: 'GET', path: /^\/organizations\/[^/]+$/, delayMs: 60_000 });
    await sidebarOrg(page, 'Sandbox', 'Initech Platform').click();
    const cancel = page.getByRole('button', { name: 'Cancel loading Initech Platform' });
    await cancel.waitFor();
    await dismissToasts();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `org-loading-cancel-${scheme}`);
    await cancel.click();
    await page.getByText('Loading Initech Platform stopped.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `org-loading-stopped-${scheme}`);
  });

  it('profile form asking before saving over a failed test', async () => {
    const sandbox = await app.services.sandbox.ensure();
    await page.getByRole('button', { name: 'Add profile' }).click();
    const dialog = page.getByRole('dialog');
    await fillProfileWithWrongSecret(page, sandbox);
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await dialog.getByRole('button', { name: 'Save anyway' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `save-after-failed-test-${scheme}`);
    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it("a profile's failure in the main area, with Edit", async () => {
    await page.getByRole('main').getByRole('button', { name: 'Edit profile' }).waitFor();
    await dismissToasts();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `profile-failure-main-area-${scheme}`);
    expect(app.pageErrors).toEqual([]);
  });
});
