import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { sidebarProfile, sidebarOrg } from './support/sidebar';

/** States between and around the data: a slow server, and a credential that sees nothing. */
describe('loading and empty states', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched));

  it('shows a skeleton while a slow server lists organizations', async () => {
    sandbox.faults.add({ method: 'GET', path: '/organizations', delayMs: 1_500 });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    const loading = page.getByRole('status').filter({ hasText: 'Loading organizations of Sandbox' });
    await loading.waitFor({ state: 'attached' });
    expect(await page.locator('[aria-busy="true"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'orgs-loading');
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').waitFor();
    expect(await loading.count()).toBe(0);
  });

  it('says which organization is loading in its tab', async () => {
    sandbox.faults.add({ method: 'GET', path: /^\/organizations\/[^/]+$/, delayMs: 1_500 });
    await sidebarOrg(page, 'Sandbox', 'Initech Platform').click();
    await page.getByRole('tabpanel').getByRole('status').filter({ hasText: 'Loading Initech Platform…' }).waitFor();
    await screenshot(page, 'org-loading');
    await page.getByRole('tabpanel').getByRole('heading', { level: 1, name: 'Initech Platform' }).waitFor();
  });

  it('says when a credential sees no organizations, and why it cannot create one', async () => {
    sandbox.faults.add({
      method: 'GET',
      path: '/organizations',
      status: 200,
      body: {
        items: [],
        page_info: { has_next_page: false, has_prev_page: false },
        permissions: { organizations: { list: true, create: false } },
      },
    });
    await page.reload();
    const toggle = sidebarProfile(page, 'Sandbox');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.getByText('No organizations', { exact: true }).waitFor();
    const create = page.getByRole('treeitem', { name: 'New organization' });
    expect(await create.isDisabled()).toBe(true);
    const describedBy = await create.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain(
      "This credential isn't allowed to create organizations (organizations.create)",
    );
    await screenshot(page, 'orgs-empty');
    expect(app.pageErrors).toEqual([]);
  });
});
