import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../support/memory-secret-store';
import { seriousViolations } from './support/axe';
import { launchApp, screenshot, type LaunchedApp } from './support';
import { sidebarOrg } from './support/sidebar';
import type { PageElement, PageGlobals } from './support';

const LARGE = { width: 1280, height: 800 };
/** The smallest window Orgdesk allows. */
const MIN = { width: 960, height: 600 };

function parts(page: Page) {
  const sandboxOrg = (name: string): Locator => sidebarOrg(page, 'Sandbox', name);
  const pane = (at: number, of: number): Locator => page.getByRole('region', { name: `Pane ${at} of ${of}` });
  const heading = (scope: Locator, name: string): Locator =>
    scope.getByRole('tabpanel').getByRole('heading', { level: 1, name });
  const tabTitles = async (scope: Locator | Page): Promise<string[]> =>
    (await scope.getByRole('tab').locator('[data-tab-title]').allTextContents()).map((text) => text.trim());
  /** The accessible name of the focused element's tab, or its label. */
  const focused = () =>
    page.evaluate(() => {
      const doc = (globalThis as unknown as PageGlobals).document;
      type Node = PageElement & { textContent: string | null; querySelector(selector: string): Node | null };
      const active = doc.activeElement as Node | null;
      const title = active?.querySelector('[data-tab-title]') ?? active;
      return { role: active?.getAttribute('role') ?? null, text: title?.textContent?.trim() ?? null };
    });
  return { sidebarOrg: sandboxOrg, pane, heading, tabTitles, focused };
}

describe('split view', () => {
  let app: LaunchedApp;
  let page: Page;
  let ui: ReturnType<typeof parts>;

  beforeAll(async () => {
    app = await launchApp({ viewport: LARGE });
    page = app.page;
    page.setDefaultTimeout(10_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    ui = parts(page);
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await ui.sidebarOrg('Acme Robotics').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function openInOnePane(...names: string[]): Promise<void> {
    for (const name of names) {
      await ui.sidebarOrg(name).click();
      await page.getByRole('tabpanel').getByRole('heading', { level: 1, name }).waitFor();
    }
  }

  async function closeAll(): Promise<void> {
    while ((await page.getByRole('tab').count()) > 0) {
      await page.getByRole('tab', { selected: true }).first().click();
      await page.keyboard.press('Control+W');
    }
  }

  it('moves the front tab to a second pane from the menu command: both organizations visible, each with its strip', async () => {
    await openInOnePane('Acme Robotics', 'Globex Research');
    await app.sendEvent('menu', 'command', { command: 'pane.moveTab' });
    const left = ui.pane(1, 2);
    const right = ui.pane(2, 2);
    await ui.heading(right, 'Globex Research').waitFor();
    await ui.heading(left, 'Acme Robotics').waitFor();
    expect(await ui.heading(left, 'Acme Robotics').isVisible()).toBe(true);
    expect(await ui.heading(right, 'Globex Research').isVisible()).toBe(true);
    expect(await ui.tabTitles(left)).toEqual(['Acme Robotics']);
    expect(await ui.tabTitles(right)).toEqual(['Globex Research']);
    expect(await page.getByRole('tablist').count()).toBe(2);
    // Focus follows the moved tab; a new organization opens in its pane.
    expect(await ui.focused()).toEqual({ role: 'tab', text: 'Globex Research' });
    await ui.sidebarOrg('Initech Platform').click();
    await ui.heading(right, 'Initech Platform').waitFor();
    expect(await ui.tabTitles(right)).toEqual(['Globex Research', 'Initech Platform']);
    // Both halves are about the same width at first.
    const [a, b] = [await left.boundingBox(), await right.boundingBox()];
    expect(Math.abs(a!.width - b!.width)).toBeLessThan(8);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await screenshot(page, `split-view-1280-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  });

  it('moves focus between the panes with F6, and Ctrl+Tab and Ctrl+W act on the focused pane', async () => {
    const left = ui.pane(1, 2);
    const right = ui.pane(2, 2);
    await page.keyboard.press('F6');
    expect(await ui.focused()).toEqual({ role: 'tab', text: 'Acme Robotics' });
    await page.keyboard.press('F6');
    expect(await ui.focused()).toEqual({ role: 'tab', text: 'Initech Platform' });
    await page.keyboard.press('Control+Tab');
    expect(await ui.focused()).toEqual({ role: 'tab', text: 'Globex Research' });
    await ui.heading(right, 'Globex Research').waitFor();
    // The other pane keeps what it shows.
    expect(await ui.heading(left, 'Acme Robotics').isVisible()).toBe(true);
  });

  it('resizes the panes from the keyboard, each kept above its minimum', async () => {
    const separator = page.getByRole('separator', { name: 'Resize panes' });
    const left = ui.pane(1, 2);
    const before = (await left.boundingBox())!.width;
    expect(await separator.getAttribute('aria-valuenow')).toBe('50');
    await separator.focus();
    for (let press = 0; press < 5; press += 1) await page.keyboard.press('ArrowRight');
    expect(await separator.getAttribute('aria-valuenow')).toBe('60');
    const wider = (await left.boundingBox())!.width;
    expect(wider).toBeGreaterThan(before + 50);
    await page.keyboard.press('End');
    expect(await separator.getAttribute('aria-valuenow')).toBe('80');
    await page.keyboard.press('Home');
    expect(await separator.getAttribute('aria-valuenow')).toBe('20');
    expect(await separator.getAttribute('aria-valuemin')).toBe('20');
    expect(await separator.getAttribute('aria-valuemax')).toBe('80');
    // The pane never gets narrower than its floor in pixels either.
    expect((await left.boundingBox())!.width).toBeGreaterThanOrEqual(219);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await separator.getAttribute('aria-valuenow')).toBe('50');
  });

  it('resizes the panes by dragging the border', async () => {
    const separator = page.getByRole('separator', { name: 'Resize panes' });
    const box = (await separator.boundingBox())!;
    const row = (await ui.pane(1, 2).boundingBox())!.width + (await ui.pane(2, 2).boundingBox())!.width;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + row * 0.1, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const value = Number(await separator.getAttribute('aria-valuenow'));
    expect(value).toBeGreaterThanOrEqual(58);
    expect(value).toBeLessThanOrEqual(62);
    await separator.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
  });

  it('moves a tab with its context menu and closes one there; the pane closes with its last tab', async () => {
    const right = ui.pane(2, 2);
    await right.getByRole('tab', { name: /Initech Platform/ }).click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Tab actions' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Move to Other Pane', 'Close']);
    await screenshot(page, 'split-view-tab-menu');
    expect(await seriousViolations(page)).toEqual([]);
    await menu.getByRole('menuitem', { name: 'Move to Other Pane' }).click();
    const left = ui.pane(1, 2);
    await ui.heading(left, 'Initech Platform').waitFor();
    expect(await ui.tabTitles(left)).toEqual(['Acme Robotics', 'Initech Platform']);
    expect(await ui.focused()).toEqual({ role: 'tab', text: 'Initech Platform' });

    // From the keyboard: Shift+F10 on the focused tab opens the same menu.
    await right.getByRole('tab', { name: /Globex Research/ }).focus();
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await menu.getByRole('menuitem', { name: 'Close' }).click();
    // Globex was the right pane's last tab: the pane closes and focus goes to the one left.
    await page.getByRole('separator', { name: 'Resize panes' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('region', { name: /^Pane / }).count()).toBe(0);
    expect(await ui.tabTitles(page)).toEqual(['Acme Robotics', 'Initech Platform']);
    expect(await ui.focused()).toEqual({ role: 'tab', text: 'Initech Platform' });
  });

  it('opens an organization to the side with Alt+click and with Ctrl+\\ and from the tab menu of a single pane', async () => {
    await ui.sidebarOrg('Globex Research').click({ modifiers: ['Alt'] });
    await ui.heading(ui.pane(2, 2), 'Globex Research').waitFor();
    expect(await ui.tabTitles(ui.pane(1, 2))).toEqual(['Acme Robotics', 'Initech Platform']);
    // Ctrl+\ moves the focused pane's front tab; the only tab of the right pane goes back left.
    await page.keyboard.press('Control+Backslash');
    await page.getByRole('separator', { name: 'Resize panes' }).waitFor({ state: 'detached' });
    expect(await ui.tabTitles(page)).toEqual(['Acme Robotics', 'Initech Platform', 'Globex Research']);
    await page.getByRole('tab', { name: /Acme Robotics/ }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Open to the Side' }).click();
    await ui.heading(ui.pane(2, 2), 'Acme Robotics').waitFor();
    expect(await ui.tabTitles(ui.pane(1, 2))).toEqual(['Initech Platform', 'Globex Research']);
  });

  it('moves a tab by dragging it onto the other pane, or onto the right edge into a third pane', async () => {
    const left = ui.pane(1, 2);
    const right = ui.pane(2, 2);
    await left.getByRole('tab', { name: /Globex Research/ }).dragTo(right.getByRole('tabpanel').first());
    await ui.heading(right, 'Globex Research').waitFor();
    expect(await ui.tabTitles(right)).toEqual(['Acme Robotics', 'Globex Research']);
    expect(await ui.tabTitles(left)).toEqual(['Initech Platform']);
    // The dragged tab's element went with the move, so the drag's end is the drop's to tell.
    expect(await page.getByText('Drop to open to the side').count()).toBe(0);
    const tab = right.getByRole('tab', { name: /Acme Robotics/ });
    const box = (await right.boundingBox())!;
    // The drop zone on the right shows once a drag is under way.
    await tab.hover();
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 40, box.y + box.height / 2, { steps: 6 });
    await page.getByText('Drop to open to the side').waitFor();
    await page.mouse.up();
    await ui.heading(ui.pane(3, 3), 'Acme Robotics').waitFor();
    expect(await ui.tabTitles(ui.pane(2, 3))).toEqual(['Globex Research']);
    await screenshot(page, 'split-view-three-panes');
  });

  it('keeps two panes usable at the smallest window, light and dark', async () => {
    await closeAll();
    await openInOnePane('Acme Robotics', 'Globex Research');
    await app.sendEvent('menu', 'command', { command: 'pane.moveTab' });
    await page.setViewportSize(MIN);
    const left = ui.pane(1, 2);
    const right = ui.pane(2, 2);
    await ui.heading(right, 'Globex Research').waitFor();
    expect(await ui.heading(left, 'Acme Robotics').isVisible()).toBe(true);
    for (const scope of [left, right]) {
      const box = (await scope.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(220);
      // The section switch is within the pane, not cut off.
      const people = scope.getByRole('tabpanel').getByRole('button', { name: 'People', exact: true });
      const button = (await people.boundingBox())!;
      expect(button.x + button.width).toBeLessThanOrEqual(box.x + box.width);
    }
    // No page-wide sideways scrolling.
    const overflow = await page.evaluate(() => {
      const { document: root } = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number; clientWidth: number } };
      };
      return root.documentElement.scrollWidth - root.documentElement.clientWidth;
    });
    expect(overflow).toBe(0);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await screenshot(page, `split-view-960-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.setViewportSize(LARGE);
  });
});

describe('split view across a restart', () => {
  it('brings back the panes, their tabs, sizes and the focused pane', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-split-'));
    const keychain = new MemorySecretStore();
    const first = await launchApp({ userDataDir, secretStore: keychain, viewport: LARGE });
    try {
      const page = first.page;
      page.setDefaultTimeout(10_000);
      const ui = parts(page);
      await page.getByRole('button', { name: 'Try the sandbox' }).click();
      await ui.sidebarOrg('Acme Robotics').click();
      await ui.sidebarOrg('Globex Research').click({ modifiers: ['Alt'] });
      await ui.heading(ui.pane(2, 2), 'Globex Research').waitFor();
      const separator = page.getByRole('separator', { name: 'Resize panes' });
      await separator.focus();
      await page.keyboard.press('Shift+ArrowRight');
      expect(await separator.getAttribute('aria-valuenow')).toBe('60');
      await ui
        .pane(1, 2)
        .getByRole('tab', { name: /Acme Robotics/ })
        .click();
    } finally {
      await first.close();
    }
    const saved = JSON.parse(await readFile(join(userDataDir, 'session.json'), 'utf8'));
    expect(saved.workspace).toMatchObject({ activePane: 0, paneSizes: [60, 40] });

    const second = await launchApp({ userDataDir, secretStore: keychain, viewport: LARGE });
    try {
      const page = second.page;
      page.setDefaultTimeout(10_000);
      const ui = parts(page);
      await ui.heading(ui.pane(1, 2), 'Acme Robotics').waitFor();
      await ui.heading(ui.pane(2, 2), 'Globex Research').waitFor();
      expect(await page.getByRole('separator', { name: 'Resize panes' }).getAttribute('aria-valuenow')).toBe('60');
      // New tabs open in the pane that had focus.
      await ui.sidebarOrg('Initech Platform').click();
      await ui.heading(ui.pane(1, 2), 'Initech Platform').waitFor();
    } finally {
      await second.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});
