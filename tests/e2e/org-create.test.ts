import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { sidebarOrg } from './support/sidebar';

describe('creating an organization', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched));
  beforeAll(async () => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').waitFor();
  });

  const dialog = () => page.getByRole('dialog', { name: 'New organization' });
  const nameField = () => dialog().getByLabel('Organization name', { exact: true });
  const posts = () => sandbox.faults.requests.filter((r) => r.method === 'POST' && r.path === '/organizations');

  it('says what is wrong next to the name and sends nothing', async () => {
    await page.getByRole('treeitem', { name: 'New organization' }).click();
    await dialog().waitFor();
    await dialog().getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => nameField().getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nameField().getAttribute('aria-describedby'))!.split(' ')[0]!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Name is required');
    expect(app.ipcLog.some((entry) => entry.channel === 'orgs:create')).toBe(false);
  });

  it('shows a server failure with status and request ID, keeps the name, and does not replay the POST', async () => {
    sandbox.faults.clearRequests();
    sandbox.faults.add({ method: 'POST', path: '/organizations', status: 500, times: 1 });
    await nameField().fill('Northwind Logistics');
    await dialog().getByRole('button', { name: 'Create organization' }).click();
    const notice = dialog().getByRole('alert').filter({ hasText: "Couldn't create the organization" });
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('500');
    expect(posts()).toHaveLength(1);
    expect(text).toContain(posts()[0]!.requestId!);
    expect(await nameField().inputValue()).toBe('Northwind Logistics');
    await screenshot(page, 'create-org-error');
    app.clearErrors();
  });

  it('creates it, lists it in the sidebar and opens it as a tab', async () => {
    await dialog().getByRole('button', { name: 'Create organization' }).click();
    await dialog().waitFor({ state: 'detached' });
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('heading', { level: 1, name: 'Northwind Logistics' }).waitFor();
    expect(await panel.textContent()).toContain('northwind-logistics');
    await sidebarOrg(page, 'Sandbox', 'Northwind Logistics').waitFor();
    expect(await page.getByRole('tab', { name: /Northwind Logistics/ }).getAttribute('aria-selected')).toBe('true');
    // The new organization is the principal's own: renaming it is allowed.
    expect(await panel.getByRole('button', { name: 'Rename' }).isDisabled()).toBe(false);
    expect(sandbox.state.organizations.find('northwind-logistics')?.name).toBe('Northwind Logistics');
    // The failed attempt created nothing: one POST failed, one succeeded.
    expect(posts()).toHaveLength(2);
    await screenshot(page, 'created-org');
    expect(app.pageErrors).toEqual([]);
  });

  it('a create whose answer was lost says the organization may exist and reads the list again', async () => {
    await page.getByRole('treeitem', { name: 'New organization' }).click();
    await nameField().fill('Contoso Freight');
    sandbox.faults.clearRequests();
    // The connection drops once the request is out: the server may or may not have acted on it.
    sandbox.faults.add({ method: 'POST', path: '/organizations', dropConnection: true });
    const listsBefore = app.ipcLog.filter((entry) => entry.channel === 'orgs:list').length;
    await dialog().getByRole('button', { name: 'Create organization' }).click();

    const notice = dialog().getByRole('alert').filter({ hasText: 'The organization may have been created' });
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('refresh before trying again');
    expect(text).toContain('The organization list has been refreshed: look for it there before trying again.');
    expect(text).toContain('outcome_unknown');
    await expect
      .poll(() => app.ipcLog.filter((entry) => entry.channel === 'orgs:list').length)
      .toBeGreaterThan(listsBefore);
    // Orgdesk did not send the create a second time on its own.
    expect(posts()).toHaveLength(1);
    expect(await nameField().inputValue()).toBe('Contoso Freight');
    await screenshot(page, 'create-org-outcome-unknown');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    app.clearErrors();
  });
});
