import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, type IpcLogEntry, type LaunchedApp, launchPerSuite } from './support';
import { sidebarOrg } from './support/sidebar';

/** Long past any test's end: the server holds its answer back and the window must offer a way out. */
const NEVER = 120_000;

/** A Cancel on every long wait: it stops the call in main, shows no error, and nothing is sent again. */
describe('cancelling long waits', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched));

  const dialog = () => page.getByRole('dialog');
  const panel = () => page.getByRole('tabpanel');
  const errorToasts = () => page.locator('[data-sonner-toast][data-type="error"]');
  const requests = (method: string, path: string | RegExp) =>
    sandbox.faults.requests.filter(
      (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );

  /** The answer main gave to the last call on `channel` (once it has answered). */
  async function answerOf(channel: string): Promise<IpcLogEntry> {
    await expect.poll(() => app.ipcLog.filter((entry) => entry.channel === channel).length).toBeGreaterThan(0);
    return app.ipcLog.filter((entry) => entry.channel === channel).at(-1)!;
  }

  /** Waits for the cancelled call's answer, so any retry it could cause would have been sent by now. */
  async function cancelledAnswer(channel: string, countBefore: number): Promise<void> {
    await expect
      .poll(() => app.ipcLog.filter((entry) => entry.channel === channel).length)
      .toBeGreaterThan(countBefore);
    const entry = await answerOf(channel);
    expect(entry.result).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(app.ipcLog.some((e) => e.channel === 'calls:cancel' && e.result.ok)).toBe(true);
  }

  const count = (channel: string) => app.ipcLog.filter((entry) => entry.channel === channel).length;

  it('Test connection that gets no answer can be cancelled, back to an editable form with no error', async () => {
    await page.getByRole('button', { name: 'Connect to Keycard' }).click();
    await page.getByLabel('Display name', { exact: true }).fill('Slow server');
    await page.getByLabel('API base URL', { exact: true }).fill(sandbox.url);
    await page.getByLabel('Client ID', { exact: true }).fill(sandbox.primaryCredential.clientId);
    await page.getByLabel('Client secret', { exact: true }).fill(sandbox.primaryCredential.clientSecret);
    sandbox.faults.clearRequests();
    sandbox.faults.add({ method: 'GET', path: '/organizations', delayMs: NEVER });
    const tests = count('profiles:test');

    await dialog().getByRole('button', { name: 'Test connection' }).click();
    const cancel = dialog().getByRole('button', { name: 'Cancel the connection test' });
    await cancel.waitFor();
    expect(await dialog().getByRole('status').textContent()).toContain('Testing the connection…');
    await screenshot(page, 'test-connection-waiting');
    await cancel.click();

    await cancelledAnswer('profiles:test', tests);
    await dialog().getByRole('button', { name: 'Test connection' }).waitFor();
    expect(await dialog().getByRole('button', { name: 'Test connection' }).isEnabled()).toBe(true);
    expect(await page.getByLabel('Display name', { exact: true }).isEditable()).toBe(true);
    expect(await dialog().getByRole('alert').count()).toBe(0);
    expect(await errorToasts().count()).toBe(0);
    // One request reached the server and none followed it.
    expect(requests('GET', '/organizations')).toHaveLength(1);
    await screenshot(page, 'test-connection-cancelled');
  });

  it('closing the dialog stops a test still under way', async () => {
    sandbox.faults.add({ method: 'GET', path: '/organizations', delayMs: NEVER });
    const tests = count('profiles:test');
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await dialog().getByRole('button', { name: 'Testing…' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await cancelledAnswer('profiles:test', tests);
    expect(await errorToasts().count()).toBe(0);
  });

  it('a slow organization list offers Cancel, then Load again', async () => {
    sandbox.faults.clearRequests();
    sandbox.faults.add({ method: 'GET', path: '/organizations', delayMs: NEVER });
    const lists = count('orgs:list');
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    const cancel = page.getByRole('button', { name: 'Cancel loading organizations of Sandbox' });
    await cancel.waitFor();
    await screenshot(page, 'orgs-loading-cancel');
    await cancel.click();

    await page.getByText('Loading stopped.').waitFor();
    await cancelledAnswer('orgs:list', lists);
    expect(requests('GET', '/organizations')).toHaveLength(1);
    expect(await errorToasts().count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'orgs-loading-stopped');

    await page.getByRole('button', { name: 'Load again' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').waitFor();
  });

  it('a slow organization offers Cancel in its tab, and closing the tab stops the load', async () => {
    sandbox.faults.clearRequests();
    sandbox.faults.add({ method: 'GET', path: /^\/organizations\/[^/]+$/, delayMs: NEVER });
    const gets = count('orgs:get');
    await sidebarOrg(page, 'Sandbox', 'Initech Platform').click();
    const cancel = panel().getByRole('button', { name: 'Cancel loading Initech Platform' });
    await cancel.waitFor();
    await screenshot(page, 'org-loading-cancel');
    await cancel.click();
    await panel().getByText('Loading Initech Platform stopped.').waitFor();
    await cancelledAnswer('orgs:get', gets);
    expect(requests('GET', /^\/organizations\/[^/]+$/)).toHaveLength(1);
    expect(await errorToasts().count()).toBe(0);

    await panel().getByRole('button', { name: 'Load again' }).click();
    await panel().getByRole('heading', { level: 1, name: 'Initech Platform' }).waitFor();

    sandbox.faults.add({ method: 'GET', path: /^\/organizations\/[^/]+$/, delayMs: NEVER });
    const getsBefore = count('orgs:get');
    await sidebarOrg(page, 'Sandbox', 'Globex Research').click();
    await panel().getByText('Loading Globex Research…').waitFor();
    await page.getByRole('tab', { name: /Globex Research/ }).press('Delete');
    await cancelledAnswer('orgs:get', getsBefore);
    expect(await errorToasts().count()).toBe(0);
  });

  it('a slow rename can be cancelled and leaves the form editable with what was typed', async () => {
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    await panel().getByRole('button', { name: 'Rename' }).click();
    const input = panel().getByRole('textbox', { name: 'New name for Acme Robotics' });
    await input.fill('Acme Robotics EU');
    sandbox.faults.clearRequests();
    sandbox.faults.add({ method: 'PATCH', path: /^\/organizations\/[^/]+$/, delayMs: NEVER });
    const renames = count('orgs:rename');
    await panel().getByRole('button', { name: 'Save' }).click();
    const cancel = panel().getByRole('button', { name: 'Cancel renaming' });
    await cancel.waitFor();
    await screenshot(page, 'rename-waiting');
    await cancel.click();

    await cancelledAnswer('orgs:rename', renames);
    await expect.poll(() => panel().getByRole('button', { name: 'Save' }).isEnabled()).toBe(true);
    expect(await input.inputValue()).toBe('Acme Robotics EU');
    expect(await input.isEditable()).toBe(true);
    expect(await errorToasts().count()).toBe(0);
    expect(requests('PATCH', /^\/organizations\/[^/]+$/)).toHaveLength(1);
    await panel().getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('a slow create can be cancelled; the list is read again since the organization may exist', async () => {
    await page.getByRole('treeitem', { name: 'New organization' }).click();
    const create = page.getByRole('dialog', { name: 'New organization' });
    await create.getByLabel('Organization name', { exact: true }).fill('Slowpoke Labs');
    sandbox.faults.clearRequests();
    sandbox.faults.add({ method: 'POST', path: '/organizations', delayMs: NEVER });
    const creates = count('orgs:create');
    await create.getByRole('button', { name: 'Create organization' }).click();
    const cancel = create.getByRole('button', { name: 'Cancel creating the organization' });
    await cancel.waitFor();
    await screenshot(page, 'create-org-waiting');
    const listsBefore = count('orgs:list');
    await cancel.click();

    await cancelledAnswer('orgs:create', creates);
    await create.getByText('Stopped waiting.').waitFor();
    expect(await create.getByRole('button', { name: 'Create organization' }).isEnabled()).toBe(true);
    expect(await create.getByLabel('Organization name', { exact: true }).inputValue()).toBe('Slowpoke Labs');
    expect(await create.getByRole('alert').count()).toBe(0);
    expect(await errorToasts().count()).toBe(0);
    expect(requests('POST', '/organizations')).toHaveLength(1);
    // This server did create it before going quiet: the refreshed list shows it.
    await expect.poll(() => count('orgs:list')).toBeGreaterThan(listsBefore);
    await sidebarOrg(page, 'Sandbox', 'Slowpoke Labs').waitFor();
    await screenshot(page, 'create-org-cancelled');
    expect(app.pageErrors).toEqual([]);
  });
});
