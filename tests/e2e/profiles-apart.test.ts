import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/main/app-services';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { seriousViolations } from './support/axe';
import { expandProfile, sidebarOrg, sidebarProfile } from './support/sidebar';

/** A second profile on the embedded sandbox's server, marked as production. */
async function addProductionProfile(services: AppServices): Promise<void> {
  const sandbox = await services.sandbox.ensure();
  const created = await services.dispatch('profiles:create', {
    name: 'Acme live',
    baseUrl: sandbox.url,
    color: '#9333ea',
    environment: 'production',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  expect(created.ok).toBe(true);
}

describe.each(['light', 'dark'] as const)('one organization under two profiles (%s)', (scheme) => {
  let app: LaunchedApp;
  let page: Page;

  launchPerSuite((launched) => ({ app, page } = launched), { viewport: { width: 1280, height: 800 } });
  beforeAll(async () => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').waitFor();
    await addProductionProfile(app.services);
    await page.reload();
    await expandProfile(page, 'Sandbox');
    await expandProfile(page, 'Acme live');
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    await sidebarOrg(page, 'Acme live', 'Acme Robotics').click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    await dismissToasts();
  });

  async function dismissToasts() {
    await page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ remove(): void }> } };
      Array.from(g.document.querySelectorAll('[data-sonner-toast]')).forEach((toast) => toast.remove());
    });
  }
  const tabs = () => page.getByRole('tablist', { name: 'Open organizations' }).getByRole('tab');
  const words = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('shows each tab with its organization and its profile, production marked in words, an icon and red', async () => {
    expect(await tabs().count()).toBe(2);
    const [sandboxTab, liveTab] = [tabs().nth(0), tabs().nth(1)];
    expect(await words(sandboxTab.locator('[data-tab-title]'))).toBe('Acme Robotics');
    expect(await words(liveTab.locator('[data-tab-title]'))).toBe('Acme Robotics');
    // The comma is for screen readers, between the two lines.
    expect(await words(sandboxTab.locator('[data-tab-profile]'))).toBe(',Sandbox SANDBOX');
    expect(await words(liveTab.locator('[data-tab-profile]'))).toBe(',Acme live PROD');
    // The accessible names differ too, not only what is drawn.
    expect(await page.getByRole('tab', { name: /^Acme Robotics\s*,\s*Acme live PROD$/ }).count()).toBe(1);
    expect(await page.getByRole('tab', { name: /^Acme Robotics\s*,\s*Sandbox SANDBOX$/ }).count()).toBe(1);

    const badge = liveTab.locator('[data-environment="production"]');
    expect(await badge.locator('svg').count()).toBe(1);
    const look = await badge.evaluate((element) => {
      const style = element.ownerDocument.defaultView!.getComputedStyle(element);
      return { background: style.backgroundColor, color: style.color };
    });
    expect(look.background).toMatch(/^rgb\((1[6-9]\d|2\d\d), \d{1,2}, \d{1,2}\)$/);
    expect(look.color).toBe('rgb(255, 255, 255)');
    // The red edge is on the production tab only.
    const edge = (tab: Locator) =>
      tab.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element, '::after').content);
    expect(await edge(liveTab)).not.toBe('none');
    expect(await edge(sandboxTab)).toBe('none');
  });

  it("names the profile and its environment in the organization's header and in the sidebar", async () => {
    const crumb = page.getByRole('tabpanel').locator('.crumb');
    expect(await words(crumb)).toContain('Acme live PROD');
    expect(await sidebarProfile(page, 'Acme live').getAttribute('aria-label')).toBeNull();
    expect(
      await page.getByRole('treeitem', { name: /^Acme live\s*, PROD/ }).count(),
      'the profile item says PROD in its name',
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `profiles-apart-1280-${scheme}`);
  });

  it('sends the tabs that do not fit to an "N more" menu at 960×600, listing every tab with its profile', async () => {
    await page.setViewportSize({ width: 960, height: 600 });
    for (const org of ['Globex Research', 'Initech Platform', 'Umbrella Health']) {
      await sidebarOrg(page, 'Sandbox', org).click();
      await sidebarOrg(page, 'Acme live', org).click();
    }
    await page.getByRole('tabpanel').getByRole('heading', { level: 1, name: 'Umbrella Health' }).waitFor();
    const more = page.getByRole('button', { name: /^\d+ more/ });
    await more.waitFor();
    const shown = await tabs().count();
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(await more.textContent()).toContain(`${8 - shown} more`);
    // No tab is cut down to a stub: every title shown is whole.
    const clipped = await tabs()
      .locator('[data-tab-title]')
      .evaluateAll((titles) => titles.filter((title) => title.scrollWidth > title.clientWidth + 1).length);
    expect(clipped).toBe(0);
    await dismissToasts();
    await screenshot(page, `tabs-overflow-960-${scheme}`);

    await more.click();
    const menu = page.getByRole('menu');
    const items = menu.getByRole('menuitemradio');
    expect(await items.count()).toBe(8);
    expect(await menu.getByRole('menuitemradio', { checked: true }).textContent()).toContain('Umbrella Health');
    expect(await items.nth(0).textContent()).toMatch(/Acme Robotics.*Sandbox/);
    expect(await items.nth(1).textContent()).toMatch(/Acme Robotics.*Acme live.*PROD/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `tabs-overflow-menu-960-${scheme}`);

    await items.nth(0).click();
    const front = page.getByRole('tab', { selected: true });
    expect(await words(front)).toContain('Acme Robotics');
    expect(await words(front)).toContain('Sandbox');
    expect(await front.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
