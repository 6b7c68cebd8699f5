import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { isolated } from './support/bidi';
import { sidebarOrg } from './support/sidebar';

describe('organizations as tabs', () => {
  let app: LaunchedApp;
  let page: Page;

  launchPerSuite((launched) => ({ app, page } = launched));
  beforeAll(async () => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sandboxOrg('Acme Robotics').waitFor();
  });

  const sandboxOrg = (name: string): Locator => sidebarOrg(page, 'Sandbox', name);
  const tabs = () => page.getByRole('tablist', { name: 'Open organizations' }).getByRole('tab');
  const tab = (name: string): Locator => page.getByRole('tab', { name });
  const panel = () => page.getByRole('tabpanel');
  const tabTitles = async () => (await tabs().locator('[data-tab-title]').allTextContents()).map((text) => text.trim());

  it('opens two organizations side by side and never the same one twice', async () => {
    await sandboxOrg('Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    await sandboxOrg('Globex Research').click();
    await panel().getByRole('heading', { level: 1, name: 'Globex Research' }).waitFor();
    await sandboxOrg('Acme Robotics').click();

    expect(await tabTitles()).toEqual(['Acme Robotics', 'Globex Research']);
    expect(await tab('Acme Robotics').getAttribute('aria-selected')).toBe('true');
    expect(await sandboxOrg('Acme Robotics').getAttribute('aria-current')).toBe('true');
    // One panel visible, labelled by its tab.
    expect(await panel().count()).toBe(1);
    const labelledBy = await panel().getAttribute('aria-labelledby');
    expect(labelledBy).toBe(await tab('Acme Robotics').getAttribute('id'));
  });

  it('shows the organization with its ID, SSO state and dates', async () => {
    const view = panel();
    const text = (await view.textContent()) ?? '';
    expect(text).toContain('acme-robotics');
    expect(text).toMatch(/SSO (on|off)/);
    const created = view.locator('time').first();
    expect(await created.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await view.getByRole('button', { name: 'Copy organization id' }).isVisible()).toBe(true);
  });

  it('switches tabs with the mouse and the arrow keys', async () => {
    await tab('Globex Research').click();
    await panel().getByRole('heading', { level: 1, name: 'Globex Research' }).waitFor();
    await screenshot(page, 'two-tabs');

    await page.keyboard.press('ArrowLeft');
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    expect(
      await tab('Acme Robotics').evaluate(
        (element) => element === (element.ownerDocument as { activeElement: unknown }).activeElement,
      ),
    ).toBe(true);
    await page.keyboard.press('End');
    await panel().getByRole('heading', { level: 1, name: 'Globex Research' }).waitFor();
  });

  it('renames an organization and updates the view, the tab and the sidebar', async () => {
    await tab('Globex Research').click();
    await panel().getByRole('button', { name: 'Rename' }).click();
    const input = panel().getByRole('textbox', { name: 'New name for Globex Research' });

    await input.fill('   ');
    await panel().getByRole('button', { name: 'Save' }).click();
    await panel().getByText('Name is required').waitFor();
    expect(app.ipcLog.some((entry) => entry.channel === 'orgs:rename')).toBe(false);

    await input.fill('Globex Labs');
    await panel().getByRole('button', { name: 'Save' }).click();
    await panel().getByRole('heading', { level: 1, name: 'Globex Labs' }).waitFor();
    await page.getByText(`Renamed to ${isolated('Globex Labs')}`).waitFor();
    await expect.poll(tabTitles).toEqual(['Acme Robotics', 'Globex Labs']);
    await sandboxOrg('Globex Labs').waitFor();
    expect(await sandboxOrg('Globex Research').count()).toBe(0);
    await screenshot(page, 'renamed');
  });

  it('shows Rename disabled with the reason in an organization where the role is viewer', async () => {
    await sandboxOrg('Umbrella Health').click();
    await panel().getByRole('heading', { level: 1, name: 'Umbrella Health' }).waitFor();
    const rename = panel().getByRole('button', { name: 'Rename' });
    expect(await rename.isDisabled()).toBe(true);
    const reason = "Your role in this organization doesn't allow renaming it (organizations.update)";
    const describedBy = await rename.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain(reason);
    expect(await panel().getByText(reason).isVisible()).toBe(true);

    await rename.click({ force: true });
    expect(await panel().getByRole('textbox').count()).toBe(0);
    await screenshot(page, 'viewer-disabled-rename');
  });

  it('closes tabs with the close mark and the Delete key', async () => {
    expect(await tabTitles()).toEqual(['Acme Robotics', 'Globex Labs', 'Umbrella Health']);
    await tab('Umbrella Health').locator('[data-close]').click();
    await expect.poll(tabTitles).toEqual(['Acme Robotics', 'Globex Labs']);
    // The left neighbour comes forward when the last tab closes.
    expect(await tab('Globex Labs').getAttribute('aria-selected')).toBe('true');

    await tab('Globex Labs').focus();
    await page.keyboard.press('Delete');
    await expect.poll(tabTitles).toEqual(['Acme Robotics']);
    expect(
      await tab('Acme Robotics').evaluate(
        (element) => element === (element.ownerDocument as { activeElement: unknown }).activeElement,
      ),
    ).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
