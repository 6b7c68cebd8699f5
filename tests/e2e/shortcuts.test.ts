import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchApp, screenshot, type LaunchedApp } from './support';
import type { MenuCommand } from '../../src/shared/ipc/menu';
import { sidebarOrg } from './support/sidebar';

/** What these tests read of the page's document (the node tsconfig has no DOM types). */
interface PageNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageNode | null;
}
interface PageDoc {
  activeElement: PageNode | null;
  querySelector(selector: string): PageNode | null;
}

/** The smallest window Orgdesk allows. */
const MIN = { width: 960, height: 600 };

describe('keyboard shortcuts and menu commands', () => {
  let app: LaunchedApp;
  let page: Page;
  const opened: string[] = [];

  beforeAll(async () => {
    app = await launchApp({ viewport: MIN, openFolder: async (path) => void opened.push(path) });
    page = app.page;
    page.setDefaultTimeout(10_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sandboxOrg('Acme Robotics').waitFor();
    // Survives anything but a page reload: Ctrl+R and F5 must refresh data, never the page.
    await page.evaluate(() => ((globalThis as unknown as { pageMarker: string }).pageMarker = 'still here'));
  });
  afterAll(async () => {
    await app?.close();
  });

  const sandboxOrg = (name: string): Locator => sidebarOrg(page, 'Sandbox', name);
  const tabs = () => page.getByRole('tablist', { name: 'Open organizations' }).getByRole('tab');
  const tabTitles = async () => (await tabs().locator('[data-tab-title]').allTextContents()).map((text) => text.trim());
  const heading = () => page.getByRole('tabpanel').getByRole('heading', { level: 1 });
  /** The title of the tab in front, and whether that tab has the focus. */
  const front = () =>
    page.evaluate(() => {
      const doc = (globalThis as unknown as { document: PageDoc }).document;
      const selected = doc.querySelector('[role="tab"][aria-selected="true"]');
      return {
        title: selected?.querySelector('[data-tab-title]')?.textContent?.trim() ?? null,
        focused: selected !== null && selected === doc.activeElement,
      };
    });
  const focusedLabel = () =>
    page.evaluate(() => {
      const active = (globalThis as unknown as { document: PageDoc }).document.activeElement;
      return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? null;
    });
  const calls = (channel: string) => app.ipcLog.filter((entry) => entry.channel === channel).length;

  async function openThree(): Promise<void> {
    for (const name of ['Acme Robotics', 'Globex Research', 'Initech Platform']) {
      await sandboxOrg(name).click();
      await heading().filter({ hasText: name }).waitFor();
    }
    expect(await tabTitles()).toEqual(['Acme Robotics', 'Globex Research', 'Initech Platform']);
  }

  it('moves between tabs with Ctrl+Tab, Ctrl+Shift+Tab, Ctrl+PageUp/PageDown and Ctrl+1…9, focus on the tab', async () => {
    await openThree();
    const steps: Array<[string, string]> = [
      ['Control+1', 'Acme Robotics'],
      ['Control+Tab', 'Globex Research'],
      ['Control+Tab', 'Initech Platform'],
      ['Control+Tab', 'Acme Robotics'],
      ['Control+Shift+Tab', 'Initech Platform'],
      ['Control+Shift+Tab', 'Globex Research'],
      ['Control+PageDown', 'Initech Platform'],
      ['Control+PageUp', 'Globex Research'],
      ['Control+9', 'Initech Platform'],
      ['Control+2', 'Globex Research'],
      // No fourth tab: nothing moves.
      ['Control+4', 'Globex Research'],
    ];
    for (const [keys, title] of steps) {
      await page.keyboard.press(keys);
      await expect.poll(front, { timeout: 5_000 }).toEqual({ title, focused: true });
      await heading().filter({ hasText: title }).waitFor();
    }
  });

  it('closes the tab with Ctrl+W, wherever the focus is, and the next tab takes the focus', async () => {
    await page.keyboard.press('Control+1');
    await expect.poll(front).toEqual({ title: 'Acme Robotics', focused: true });
    // From inside the view: focus in the panel, not on the tab.
    await page.getByRole('tabpanel').getByRole('button', { name: 'Rename' }).focus();
    await page.keyboard.press('Control+w');
    await expect.poll(tabTitles).toEqual(['Globex Research', 'Initech Platform']);
    await expect.poll(front).toEqual({ title: 'Globex Research', focused: true });
  });

  it('reopens closed tabs with Ctrl+Shift+T, last closed first, where they were', async () => {
    await page.keyboard.press('Control+9');
    await page.keyboard.press('Control+w');
    await expect.poll(tabTitles).toEqual(['Globex Research']);
    await page.keyboard.press('Control+Shift+T');
    await expect.poll(tabTitles).toEqual(['Globex Research', 'Initech Platform']);
    await expect.poll(front).toEqual({ title: 'Initech Platform', focused: true });
    await page.keyboard.press('Control+Shift+T');
    await expect.poll(tabTitles).toEqual(['Acme Robotics', 'Globex Research', 'Initech Platform']);
    await expect.poll(front).toEqual({ title: 'Acme Robotics', focused: true });
    // Nothing left to reopen: nothing changes.
    await page.keyboard.press('Control+Shift+T');
    expect(await tabTitles()).toEqual(['Acme Robotics', 'Globex Research', 'Initech Platform']);
  });

  it('closing the last tab leaves the window open and puts the focus on that organization in the sidebar', async () => {
    for (let left = 3; left > 0; left -= 1) await page.keyboard.press('Control+w');
    await page.getByRole('heading', { name: 'No organization open' }).waitFor();
    expect(await tabs().count()).toBe(0);
    await expect.poll(focusedLabel).toBe('Initech Platform');
    // Another Ctrl+W with no tab open does nothing, and the page is the same page.
    await page.keyboard.press('Control+w');
    expect(await focusedLabel()).toBe('Initech Platform');
    expect(await page.evaluate(() => (globalThis as unknown as { pageMarker?: string }).pageMarker)).toBe('still here');
  });

  it('refreshes the front tab’s data with Ctrl+R and F5, without reloading the page', async () => {
    await sandboxOrg('Acme Robotics').click();
    await heading().filter({ hasText: 'Acme Robotics' }).waitFor();
    const before = calls('orgs:get');
    await page.keyboard.press('Control+r');
    await expect.poll(() => calls('orgs:get')).toBe(before + 1);
    await page.keyboard.press('F5');
    await expect.poll(() => calls('orgs:get')).toBe(before + 2);
    expect(await page.evaluate(() => (globalThis as unknown as { pageMarker?: string }).pageMarker)).toBe('still here');
    // With no tab open, the profiles and their organization lists.
    await page.keyboard.press('Control+w');
    const lists = calls('orgs:list');
    await page.keyboard.press('F5');
    await expect.poll(() => calls('orgs:list')).toBe(lists + 1);
  });

  it('opens the new profile dialog with Ctrl+N, and takes no shortcut while it is open', async () => {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'Connect to Keycard' });
    await dialog.waitFor();
    await page.keyboard.press('Control+Shift+T');
    await page.keyboard.press('Control+/');
    expect(await page.getByRole('dialog').count()).toBe(1);
    expect(await tabs().count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('lists every shortcut in a sheet (Ctrl+/), which passes axe in light and dark', async () => {
    await page.keyboard.press('Control+/');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const rows = await sheet.getByRole('row').allInnerTexts();
    const table = rows.map((row) => row.replace(/\s+/g, ' ').trim());
    for (const expected of [
      'New Profile… Ctrl+N',
      'Close Tab Ctrl+W',
      'Reopen Closed Tab Ctrl+Shift+T',
      'Next Tab Ctrl+Tab or Ctrl+PageDown',
      'Previous Tab Ctrl+Shift+Tab or Ctrl+PageUp',
      'Refresh Ctrl+R or F5',
      'Keyboard Shortcuts Ctrl+/',
      'Go to tab 1 to 8 Ctrl+1…8',
      'Go to the last tab Ctrl+9',
    ]) {
      expect(table).toContain(expected);
    }
    expect(await focusedLabel()).toBe('Close');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `shortcuts-sheet-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('runs menu commands sent through the menu’s event channel', async () => {
    const menu = (command: MenuCommand) => app.sendEvent('menu', 'command', command);
    await openThree();

    expect(await menu({ command: 'tab.goTo', index: 1 })).toBe(true);
    await expect.poll(front).toEqual({ title: 'Acme Robotics', focused: true });
    await menu({ command: 'tab.next' });
    await expect.poll(front).toEqual({ title: 'Globex Research', focused: true });
    await menu({ command: 'tab.previous' });
    await expect.poll(front).toEqual({ title: 'Acme Robotics', focused: true });
    await menu({ command: 'tab.goTo', index: 9 });
    await expect.poll(front).toEqual({ title: 'Initech Platform', focused: true });
    await menu({ command: 'tab.close' });
    await expect.poll(tabTitles).toEqual(['Acme Robotics', 'Globex Research']);
    await expect.poll(front).toEqual({ title: 'Globex Research', focused: true });
    await menu({ command: 'tab.reopenClosed' });
    await expect.poll(tabTitles).toEqual(['Acme Robotics', 'Globex Research', 'Initech Platform']);

    const before = calls('orgs:get');
    await menu({ command: 'view.refresh' });
    await expect.poll(() => calls('orgs:get')).toBe(before + 1);

    await menu({ command: 'shortcuts.show' });
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    // A dialog is up: a menu command waits for it to close rather than act behind it.
    await menu({ command: 'tab.close' });
    expect(await tabTitles()).toEqual(['Acme Robotics', 'Globex Research', 'Initech Platform']);
    await page.keyboard.press('Escape');

    await menu({ command: 'profile.new' });
    await page.getByRole('dialog', { name: 'Connect to Keycard' }).waitFor();
    await page.keyboard.press('Escape');

    await menu({ command: 'logFolder.open' });
    await expect.poll(() => opened.length).toBe(1);
    expect(opened[0]).toContain(app.userDataDir);

    const profilesBefore = calls('profiles:addSandbox');
    await menu({ command: 'profile.addSandbox' });
    await expect.poll(() => calls('profiles:addSandbox')).toBe(profilesBefore + 1);

    // Refused by the contract before it is sent: the page sees nothing.
    expect(await menu({ command: 'tab.goTo', index: 12 } as never)).toBe(false);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows About with the version and folders, through the menu', async () => {
    await app.sendEvent('menu', 'command', { command: 'about.show' });
    const about = page.getByRole('dialog', { name: 'About Orgdesk' });
    await about.getByText('0.0.0-e2e').waitFor();
    expect(await about.textContent()).toContain(app.userDataDir);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `about-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.keyboard.press('Escape');
    await about.waitFor({ state: 'detached' });
  });

  it('toggles the theme from the menu, whatever the system says', async () => {
    const background = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as {
          document: { body: unknown };
          getComputedStyle(element: unknown): { backgroundColor: string };
        };
        return g.getComputedStyle(g.document.body).backgroundColor;
      });
    const light = await background();
    await app.sendEvent('menu', 'command', { command: 'theme.toggle' });
    await expect.poll(background).not.toBe(light);
    const dark = await background();
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document
            .documentElement.dataset['theme'],
      ),
    ).toBe('dark');
    await screenshot(page, 'theme-toggled-dark');
    await app.sendEvent('menu', 'command', { command: 'theme.toggle' });
    await expect.poll(background).toBe(light);
    // The choice holds when the system changes its mind.
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    expect(await background()).toBe(light);
    await app.sendEvent('menu', 'command', { command: 'theme.toggle' });
    await expect.poll(background).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    expect(await background()).toBe(dark);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('saw no unexpected errors', () => {
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
