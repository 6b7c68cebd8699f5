import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';

/** The smallest window Orgdesk allows. */
const MIN = { width: 960, height: 600 };

/**
 * Whether the user can see and reach `locator`: its centre is inside the viewport and hit-tests to
 * it, so it is neither below the fold nor clipped by a scrolled dialog body or covered by a footer.
 */
async function reachable(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const view = element.ownerDocument.defaultView!;
    if (rect.top < 0 || rect.left < 0 || rect.bottom > view.innerHeight || rect.right > view.innerWidth) return false;
    const hit = element.ownerDocument.elementFromPoint(x, y);
    return hit !== null && element.contains(hit);
  });
}

describe.each(['light', 'dark'] as const)('dialogs at the minimum window size, 960×600 (%s)', (scheme) => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page } = launched), { viewport: MIN });
  beforeAll(async () => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    sandbox = await app.services.sandbox.ensure();
  });

  const dialog = () => page.getByRole('dialog');

  it('the profile dialog keeps a failed test result and its buttons in view', async () => {
    await page.getByRole('button', { name: 'Connect to Keycard' }).click();
    await page.getByLabel('Display name', { exact: true }).fill('Staging');
    await page.getByLabel('API base URL', { exact: true }).fill(sandbox.url);
    await page.getByLabel('Client ID', { exact: true }).fill(sandbox.primaryCredential.clientId);
    await page.getByLabel('Client secret', { exact: true }).fill('not-the-secret');
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    const failure = dialog().getByRole('alert').filter({ hasText: 'Connection failed' });
    await failure.waitFor();

    expect(await reachable(failure)).toBe(true);
    for (const name of ['Test connection', 'Cancel', 'Add profile']) {
      expect(await reachable(dialog().getByRole('button', { name, exact: true })), name).toBe(true);
    }
    await screenshot(page, `profile-dialog-960x600-failed-${scheme}`);
  });

  it('the question before saving over a failed test is in view with both answers', async () => {
    await dialog().getByRole('button', { name: 'Add profile' }).click();
    const warning = dialog().getByRole('alert').filter({ hasText: 'The last connection test failed' });
    await warning.waitFor();
    expect(await reachable(warning)).toBe(true);
    for (const name of ['Keep editing', 'Save anyway']) {
      expect(await reachable(dialog().getByRole('button', { name })), name).toBe(true);
    }
    await screenshot(page, `profile-dialog-960x600-confirm-${scheme}`);
    await dialog().getByRole('button', { name: 'Keep editing' }).click();
  });

  it('a passed test is in view, and the profile is added', async () => {
    await page.getByLabel('Client secret', { exact: true }).fill(sandbox.primaryCredential.clientSecret);
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    const passed = dialog().getByRole('status').filter({ hasText: 'Connected — 4 organizations' });
    await passed.waitFor();
    expect(await reachable(passed)).toBe(true);
    expect(await reachable(dialog().getByRole('button', { name: 'Add profile' }))).toBe(true);
    await screenshot(page, `profile-dialog-960x600-passed-${scheme}`);
    await dialog().getByRole('button', { name: 'Add profile' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('the edit dialog and the new organization dialog keep their actions in view', async () => {
    await page.getByRole('button', { name: 'Edit Staging' }).click({ force: true });
    await dialog().waitFor();
    await dialog().getByRole('radio', { name: 'Bearer token' }).check();
    for (const name of ['Test connection', 'Cancel', 'Save']) {
      expect(await reachable(dialog().getByRole('button', { name, exact: true })), name).toBe(true);
    }
    await screenshot(page, `profile-edit-960x600-${scheme}`);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });

    await page.getByRole('treeitem', { name: 'New organization' }).click();
    sandbox.faults.add({ method: 'POST', path: '/organizations', status: 500 });
    await dialog().getByLabel('Organization name', { exact: true }).fill('Northwind Logistics');
    await dialog().getByRole('button', { name: 'Create organization' }).click();
    const failure = dialog().getByRole('alert');
    await failure.waitFor();
    expect(await reachable(failure)).toBe(true);
    expect(await reachable(dialog().getByRole('button', { name: 'Create organization' }))).toBe(true);
    await screenshot(page, `create-org-960x600-${scheme}`);
    await page.keyboard.press('Escape');
    expect(app.pageErrors).toEqual([]);
    app.clearErrors();
  });
});
