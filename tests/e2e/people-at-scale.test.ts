import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, launchPerSuite } from './support';
import { sidebarOrg } from './support/sidebar';

const PEOPLE = 10_000;
const ORG = 'Initrode Worldwide';
const NEVER = 3_600_000;

describe(`the People view over ${PEOPLE.toLocaleString('en')} identities`, () => {
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ page, sandbox } = launched), {
    viewport: { width: 1280, height: 800 },
    sandboxSeed: { peopleAtScale: PEOPLE },
  });
  beforeAll(async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', ORG).click();
    await panel().getByRole('button', { name: 'People', exact: true }).click();
    await rows().first().waitFor();
  });

  const panel = () => page.getByRole('tabpanel');
  const table = () => panel().getByRole('table', { name: 'People' });
  const rows = () => table().getByRole('rowgroup').getByRole('row');
  const count = () => panel().locator('.count');
  const loaded = async () =>
    Number(/([\d,]+) loaded/.exec((await count().textContent()) ?? '')?.[1]?.replace(/,/g, ''));

  it('shows the total at once and only a first page, with a few rows in the DOM', async () => {
    expect(await count().textContent()).toBe('10,000 people · 200 loaded');
    expect(await table().getAttribute('aria-rowcount')).toBe(String(PEOPLE + 1));
    expect(await rows().count()).toBeLessThan(60);
  });

  it('loads the next pages as the user scrolls toward the end', async () => {
    await table().evaluate((element) => {
      (element as unknown as { scrollTop: number; scrollHeight: number }).scrollTop = 1e9;
    });
    await expect.poll(loaded).toBeGreaterThan(200);
    const afterScroll = await loaded();
    expect(afterScroll).toBeLessThan(PEOPLE);
    await screenshot(page, 'people-at-scale');
  });

  it('sorting loads every row first, with progress, and Cancel keeps what was loaded', async () => {
    // The third page from now on never answers, so the load stays visibly under way.
    sandbox.faults.add({ method: 'GET', path: /\/identities$/, delayMs: NEVER, times: Infinity });
    await table().getByRole('columnheader', { name: 'Email' }).getByRole('button').click();
    const progress = panel().getByRole('status').filter({ hasText: 'Loading every row to sort' });
    await progress.waitFor();
    expect(await progress.getByRole('progressbar').getAttribute('max')).toBe(String(PEOPLE));
    await screenshot(page, 'people-loading-every-row');
    await progress.getByRole('button', { name: 'Cancel loading every row' }).click();
    const stopped = panel().getByRole('status').filter({ hasText: 'Stopped: sorted among the' });
    await stopped.waitFor();
    sandbox.faults.clear();
    // What was loaded stays, sorted.
    const emails = (await rows().locator('.cell.email').allTextContents()).map((text) => text.trim().toLowerCase());
    expect(emails).toEqual([...emails].sort());

    await stopped.getByRole('button', { name: 'Load the rest' }).click();
    await expect.poll(() => count().textContent(), { timeout: 30_000 }).toBe('10,000 people');
    const all = (await rows().locator('.cell.email').allTextContents()).map((text) => text.trim().toLowerCase());
    expect(all).toEqual([...all].sort());
  });
});
