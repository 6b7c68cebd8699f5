import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { seriousViolations } from './support/axe';
import { expandProfile, focusedKey, sidebarOrg, sidebarOrgItems, sidebarProfile, sidebarTree } from './support/sidebar';

describe('the sidebar', () => {
  let app: LaunchedApp;
  let page: Page;

  launchPerSuite((launched) => ({ app, page } = launched), { viewport: { width: 1280, height: 800 } });
  beforeAll(async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });

  const names = async (profile: string) =>
    (await sidebarOrgItems(page, profile).allTextContents()).map((text) => text.replace(/, SSO on$/, '').trim());
  const keyOf = async (profile: string) => (await sidebarProfile(page, profile).getAttribute('data-key'))!;
  const tabStops = () => sidebarTree(page).locator('[role="treeitem"][tabindex="0"]').count();

  it('puts the focus on the sandbox after "Try the sandbox", its organizations sorted by name', async () => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').waitFor();
    await expect.poll(() => focusedKey(page)).toBe(await keyOf('Sandbox'));
    // A lower-case name sorts among the others, not after the capitals.
    const profileId = (await keyOf('Sandbox')).replace('profile:', '');
    expect((await app.services.dispatch('orgs:create', { profileId, name: 'beta works' })).ok).toBe(true);
    await page.reload();
    await expandProfile(page, 'Sandbox');
    await sidebarOrg(page, 'Sandbox', 'beta works').waitFor();
    expect(await names('Sandbox')).toEqual([
      'Acme Robotics',
      'beta works',
      'Globex Research',
      'Initech Platform',
      'Umbrella Health',
    ]);
  });

  it('moves through the tree with the arrow keys, one tab stop for the whole tree', async () => {
    await sidebarProfile(page, 'Sandbox').focus();
    const sandbox = await keyOf('Sandbox');
    const acme = await sidebarOrg(page, 'Sandbox', 'Acme Robotics').getAttribute('data-key');
    const umbrella = await sidebarOrg(page, 'Sandbox', 'Umbrella Health').getAttribute('data-key');
    const press = async (key: string) => {
      await page.keyboard.press(key);
      return focusedKey(page);
    };

    expect(await press('ArrowDown')).toBe(acme);
    expect(await tabStops()).toBe(1);
    expect(await sidebarOrg(page, 'Sandbox', 'Acme Robotics').getAttribute('tabindex')).toBe('0');
    expect(await press('ArrowLeft')).toBe(sandbox);
    expect(await press('End')).toMatch(/^new-org:/);
    expect(await press('ArrowUp')).toBe(umbrella);
    expect(await press('Home')).toBe(sandbox);
    // Left folds an open profile, Right unfolds it, Right again enters it.
    await page.keyboard.press('ArrowLeft');
    expect(await sidebarProfile(page, 'Sandbox').getAttribute('aria-expanded')).toBe('false');
    expect(await sidebarOrgItems(page, 'Sandbox').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect(await sidebarProfile(page, 'Sandbox').getAttribute('aria-expanded')).toBe('true');
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').waitFor();
    expect(await press('ArrowRight')).toBe(acme);
    // Type-ahead: "g" goes to the next item starting with it.
    const globex = await sidebarOrg(page, 'Sandbox', 'Globex Research').getAttribute('data-key');
    expect(await press('g')).toBe(globex);
    // Enter opens the organization in a tab, as a click does.
    await page.keyboard.press('Enter');
    await page.getByRole('tabpanel').getByRole('heading', { level: 1, name: 'Globex Research' }).waitFor();
    expect(await sidebarOrg(page, 'Sandbox', 'Globex Research').getAttribute('aria-selected')).toBe('true');

    // Tab leaves the tree from wherever the focus is in it; Shift+Tab comes back to the same item.
    await sidebarOrg(page, 'Sandbox', 'Globex Research').focus();
    await page.keyboard.press('Tab');
    expect(await focusedKey(page)).not.toMatch(/^(org|profile|new-org):/);
    await page.keyboard.press('Shift+Tab');
    expect(await focusedKey(page)).toBe(globex);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('filters organizations across profiles by name or label, from the keyboard', async () => {
    await app.services.dispatch('profiles:create', {
      name: 'Staging',
      baseUrl: (await app.services.sandbox.ensure()).url,
      color: '#16a34a',
      environment: 'staging',
      authKind: 'client_credentials',
      clientId: (await app.services.sandbox.ensure()).primaryCredential.clientId,
      clientSecret: (await app.services.sandbox.ensure()).primaryCredential.clientSecret,
    });
    await page.reload();
    await expandProfile(page, 'Sandbox');
    expect(await sidebarProfile(page, 'Staging').getAttribute('aria-expanded')).toBe('false');

    const filter = page.getByRole('searchbox', { name: 'Filter organizations' });
    await filter.focus();
    await page.keyboard.type('GLOB');
    // Every profile shows its matches, the collapsed one too.
    await sidebarOrg(page, 'Staging', 'Globex Research').waitFor();
    expect(await names('Sandbox')).toEqual(['Globex Research']);
    expect(await names('Staging')).toEqual(['Globex Research']);
    // By label too: the sandbox labels Umbrella Health "umbrella-health".
    await filter.fill('umbrella-h');
    await sidebarOrg(page, 'Staging', 'Umbrella Health').waitFor();
    expect(await names('Sandbox')).toEqual(['Umbrella Health']);
    await filter.fill('nothing like it');
    await page.getByText('No organization matches “nothing like it”').first().waitFor();
    await screenshot(page, 'sidebar-filter-no-match');
    await filter.fill('glob');
    await sidebarOrg(page, 'Staging', 'Globex Research').waitFor();
    await screenshot(page, 'sidebar-filter');
    expect(await seriousViolations(page)).toEqual([]);

    // Down goes from the box to the first match; Escape in the box clears it.
    await page.keyboard.press('ArrowDown');
    expect(await focusedKey(page)).toBe(await sidebarOrg(page, 'Sandbox', 'Globex Research').getAttribute('data-key'));
    await filter.focus();
    await page.keyboard.press('Escape');
    expect(await filter.inputValue()).toBe('');
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').waitFor();
    // The filter showed Staging's organizations without expanding it for good.
    expect(await sidebarProfile(page, 'Staging').getAttribute('aria-expanded')).toBe('false');
  });

  it('resizes from the keyboard and by dragging, within its limits', async () => {
    const handle = page.getByRole('separator', { name: 'Resize sidebar' });
    const width = () =>
      page.getByRole('navigation', { name: 'Profiles and organizations' }).evaluate((nav) => nav.clientWidth + 1);
    const now = async () => Number(await handle.getAttribute('aria-valuenow'));
    expect(await now()).toBe(272);
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await now()).toBe(304);
    expect(await width()).toBe(304);
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await now()).toBe(240);
    await page.keyboard.press('End');
    expect(await now()).toBe(480);
    await page.keyboard.press('ArrowRight');
    expect(await now()).toBe(480);
    await page.keyboard.press('Home');
    expect(await now()).toBe(200);
    expect(await width()).toBe(200);
    expect(await handle.getAttribute('aria-valuemin')).toBe('200');
    expect(await handle.getAttribute('aria-valuemax')).toBe('480');

    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 100, box.y + 200, { steps: 4 });
    await page.mouse.up();
    expect(await now()).toBe(300);
    await handle.dblclick();
    expect(await now()).toBe(272);
  });

  it('hides and comes back, the focus following the button', async () => {
    await page.getByRole('button', { name: 'Hide sidebar' }).click();
    expect(await sidebarTree(page).count()).toBe(0);
    const show = page.getByRole('button', { name: 'Show sidebar' });
    expect(await show.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sidebar-hidden');
    await page.keyboard.press('Enter');
    await sidebarTree(page).waitFor();
    const hide = page.getByRole('button', { name: 'Hide sidebar' });
    expect(await hide.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
  });

  it('puts the focus on a profile just added through the form, wearing a colour of its own', async () => {
    await page.getByRole('button', { name: 'Add profile' }).click();
    const dialog = page.getByRole('dialog');
    const sandbox = await app.services.sandbox.ensure();
    // The form offers a swatch no profile in the sidebar wears.
    const checked = dialog.getByRole('group', { name: 'Colour' }).getByRole('radio', { checked: true });
    const taken = await sidebarTree(page)
      .locator('.profile')
      .evaluateAll((rows) =>
        rows.map((row) =>
          (row as { style: { getPropertyValue(n: string): string } }).style.getPropertyValue('--dot-color'),
        ),
      );
    expect(taken).not.toContain(await checked.getAttribute('value'));
    await dialog.getByLabel('Display name', { exact: true }).fill('Ops EU');
    await dialog.getByLabel('API base URL', { exact: true }).fill(sandbox.url);
    await dialog.getByLabel('Client ID', { exact: true }).fill(sandbox.primaryCredential.clientId);
    await dialog.getByLabel('Client secret', { exact: true }).fill(sandbox.primaryCredential.clientSecret);
    await dialog.getByLabel('Environment').selectOption('development');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await dialog.waitFor({ state: 'detached' });
    await sidebarProfile(page, 'Ops EU').waitFor();
    await expect.poll(() => focusedKey(page)).toBe(await keyOf('Ops EU'));
    expect(await page.getByRole('treeitem', { name: /^Ops EU\s*, DEV/ }).count()).toBe(1);
  });

  it('puts the focus on the next profile after one is removed', async () => {
    await sidebarProfile(page, 'Staging').focus();
    await page.keyboard.press('Tab');
    expect(await focusedKey(page)).toBe('Edit Staging');
    await page.getByRole('button', { name: 'Remove Staging' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove profile' }).click();
    await sidebarProfile(page, 'Staging').waitFor({ state: 'detached' });
    await expect.poll(() => focusedKey(page)).toBe(await keyOf('Ops EU'));
    expect(app.pageErrors).toEqual([]);
  });
});
