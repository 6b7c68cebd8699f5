import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { isolated } from './support/bidi';
import { sidebarOrg, sidebarOrgItems } from './support/sidebar';

describe('API errors in the UI', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched));

  const sidebar = () => page.getByRole('navigation');
  const panel = () => page.getByRole('tabpanel');
  const seenRequestIds = () => sandbox.faults.requests.map((request) => request.requestId);

  it('a failed organization list marks the profile in the sidebar and explains in the main area, where Retry recovers', async () => {
    sandbox.faults.add({ method: 'GET', path: '/organizations', status: 403, times: Infinity });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();

    await sidebar().getByText("Couldn't load organizations").waitFor();
    // The sidebar only marks the profile; the reason and the ways out are in the main area.
    expect(await sidebar().getByRole('alert').count()).toBe(0);
    const notice = page
      .getByRole('main')
      .getByRole('alert')
      .filter({ hasText: "Couldn't load the organizations of Sandbox" });
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Status 403');
    expect(text).toContain('Injected fault 403');
    const requestId = (await notice.locator('.request-id').textContent())?.trim();
    expect(seenRequestIds()).toContain(requestId);
    expect(await notice.getByRole('button', { name: 'Edit profile' }).isVisible()).toBe(true);
    await screenshot(page, 'orgs-list-error');

    sandbox.faults.clear();
    await notice.getByRole('button', { name: 'Retry' }).click();
    await sidebarOrgItems(page, 'Sandbox').first().waitFor();
    expect(await notice.count()).toBe(0);
    expect(await sidebar().getByText("Couldn't load organizations").count()).toBe(0);
  });

  it('a failed organization load shows the error in its tab with Retry', async () => {
    sandbox.faults.add({ method: 'GET', path: /^\/organizations\/[^/]+$/, status: 404, times: Infinity });
    await sidebarOrg(page, 'Sandbox', 'Initech Platform').click();
    const notice = panel().getByRole('alert');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain("Couldn't load Initech Platform");
    expect(text).toContain('Status 404');
    expect(seenRequestIds()).toContain((await notice.locator('.request-id').textContent())?.trim());
    await screenshot(page, 'org-load-error');

    sandbox.faults.clear();
    await notice.getByRole('button', { name: 'Retry' }).click();
    await panel().getByRole('heading', { level: 1, name: 'Initech Platform' }).waitFor();
  });

  it('a refused rename is toasted with status and request ID and keeps the typed name', async () => {
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    sandbox.faults.add({ method: 'PATCH', path: /^\/organizations\/[^/]+$/, status: 422, times: 1 });

    await panel().getByRole('button', { name: 'Rename' }).click();
    const input = panel().getByRole('textbox', { name: 'New name for Acme Robotics' });
    await input.fill('Acme Robots');
    await panel().getByRole('button', { name: 'Save' }).click();

    const toast = page.getByRole('listitem').filter({ hasText: `Couldn't rename ${isolated('Acme Robotics')}` });
    await toast.waitFor();
    const text = (await toast.textContent()) ?? '';
    expect(text).toContain('HTTP 422');
    const requestId = /Request ID ([\w-]+)/.exec(text)?.[1];
    expect(seenRequestIds()).toContain(requestId);
    expect(await input.inputValue()).toBe('Acme Robots');
    await screenshot(page, 'rename-error-toast');
    expect(app.pageErrors).toEqual([]);
  });
});
