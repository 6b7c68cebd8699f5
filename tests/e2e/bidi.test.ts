import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { sidebarOrg } from './support/sidebar';

const RLO = '\u202E';
/** What the issue reported: "‮gnp.exe" shown as "exe.png". The name is set in the sandbox directly. */
const SPOOFED = `Invoice ${RLO}gnp.exe`;

/**
 * The left edge of where `needle` is drawn inside `root`: the visual order of the words, which a
 * right-to-left override that leaks out of a name would change.
 */
function leftOf(root: Locator, needle: string): Promise<number> {
  return root.evaluate((element, text) => {
    const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = (node.nodeValue ?? '').lastIndexOf(text);
      if (index === -1) continue;
      const range = element.ownerDocument.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + text.length);
      return range.getBoundingClientRect().left;
    }
    throw new Error(`"${text}" is not shown`);
  }, needle);
}

/**
 * Every shown text holding the override, and whether it is isolated: by its element
 * (`<bdi>`, `unicode-bidi: isolate`) or, in a plain string, between FSI and PDI.
 */
function overridesOnScreen(page: Page): Promise<Array<{ text: string; isolated: boolean }>> {
  return page.locator('body').evaluate((body, rlo) => {
    const doc = body.ownerDocument;
    const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
    const found: Array<{ text: string; isolated: boolean }> = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      if (!text.includes(rlo)) continue;
      const parent = node.parentElement!;
      const bidi = doc.defaultView!.getComputedStyle(parent).unicodeBidi;
      const byElement = parent.textContent === text && /isolate|plaintext/.test(bidi);
      const byMarks = /\u2068[^\u2069]*\u202E[^\u2069]*\u2069/.test(text);
      found.push({ text, isolated: byElement || byMarks });
    }
    return found;
  }, RLO);
}

describe('user-provided text is displayed isolated', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched));
  beforeAll(async () => {
    const acme = sandbox.state.organizations.find('acme-robotics')!;
    sandbox.state.organizations.update(acme.id, { name: SPOOFED });
  });

  const panel = () => page.getByRole('tabpanel');

  it('a right-to-left override in an organization name does not reorder the words after it', async () => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    const entry = sidebarOrg(page, 'Sandbox', SPOOFED);
    await entry.waitFor();
    sandbox.faults.add({ method: 'GET', path: /^\/organizations\/[^/]+$/, delayMs: 1_500 });
    await entry.click();

    // "Loading <name>…": the ellipsis belongs after the name, whatever the name does inside itself.
    const loading = panel().getByRole('status').filter({ hasText: 'Loading' }).first();
    await loading.waitFor();
    const ellipsis = await leftOf(loading, '…');
    expect(ellipsis).toBeGreaterThan(await leftOf(loading, 'Loading'));
    expect(ellipsis).toBeGreaterThan(await leftOf(loading, 'gnp'));
    expect(ellipsis).toBeGreaterThan(await leftOf(loading, 'exe'));
    await screenshot(page, 'bidi-loading');

    await panel().getByRole('heading', { level: 1 }).waitFor();
    const shown = await overridesOnScreen(page);
    // The sidebar entry, the tab and the view (heading, name row) all show it, each isolated.
    expect(shown.length).toBeGreaterThanOrEqual(4);
    expect(shown.filter((entry) => !entry.isolated)).toEqual([]);
    // Inside the name the override still applies, so the view says the name holds one.
    await expect
      .poll(() => panel().getByRole('note').textContent())
      .toContain('This name holds characters that change the direction of text (U+202E)');
    await screenshot(page, 'bidi-org');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'bidi-org-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('a server message with an override does not reorder the status and request ID after it', async () => {
    sandbox.faults.add({
      method: 'PATCH',
      path: /^\/organizations\/[^/]+$/,
      status: 422,
      body: { status: 422, code: 'validation_error', message: `${RLO}Name refused` },
    });
    await panel().getByRole('button', { name: 'Rename' }).click();
    await panel().getByRole('textbox').fill('Invoice PDF');
    await panel().getByRole('button', { name: 'Save' }).click();
    const toast = page.getByRole('listitem').filter({ hasText: 'HTTP 422' });
    await toast.waitFor();
    expect(await leftOf(toast, 'HTTP 422')).toBeGreaterThan(await leftOf(toast, 'refused'));
    expect(await leftOf(toast, 'Request ID')).toBeGreaterThan(await leftOf(toast, 'HTTP 422'));
    // Its title names the organization, isolated too.
    expect((await overridesOnScreen(page)).filter((entry) => !entry.isolated)).toEqual([]);
    await screenshot(page, 'bidi-toast');
    app.clearErrors();
  });
});
