import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { seriousViolations } from './support/axe';
import { sidebarOrg } from './support/sidebar';

describe('the activity log', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched), { viewport: { width: 960, height: 600 } });
  beforeAll(async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sandboxOrg('Acme Robotics').waitFor();
  });

  const sandboxOrg = (name: string): Locator => sidebarOrg(page, 'Sandbox', name);
  const panel = () => page.getByRole('tabpanel');
  const rows = (scope: Locator) => scope.getByRole('table').getByRole('rowgroup').getByRole('row');
  const acmeId = () => sandbox.primaryCredential.memberships.find((m) => m.organizationName === 'Acme Robotics')!;

  /** Toasts fade in and out; axe would measure contrast mid-animation. */
  async function dismissToasts() {
    await page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ remove(): void }> } };
      Array.from(g.document.querySelectorAll('[data-sonner-toast]')).forEach((toast) => toast.remove());
    });
  }

  it("shows a failed request's ID in the organization's Activity section, the one the user was shown and the server saw", async () => {
    const orgId = acmeId().organizationId;
    sandbox.faults.add({ method: 'GET', path: `/organizations/${orgId}/identities`, status: 403, times: Infinity });
    await sandboxOrg('Acme Robotics').click();
    await panel().getByRole('button', { name: 'People', exact: true }).click();
    const notice = panel().getByRole('alert');
    await notice.waitFor();
    const shown = (await notice.locator('.request-id').textContent())?.trim();
    const seen = sandbox.faults.requests.filter((r) => r.path === `/organizations/${orgId}/identities`);
    expect(seen.map((r) => r.requestId)).toContain(shown);

    await panel().getByRole('button', { name: 'Activity', exact: true }).click();
    const failed = rows(panel()).filter({ hasText: '403' });
    await failed.first().waitFor();
    expect(await failed.first().textContent()).toContain(shown);
    // The row shortens the organization's ID it already names; the tooltip has the whole path.
    expect(await failed.first().textContent()).toContain('GET /organizations/…/identities?limit=200');
    expect(await failed.first().locator('[title^="GET "]').getAttribute('title')).toContain(
      `GET /organizations/${orgId}/identities?limit=200`,
    );
    sandbox.faults.clear();
  });

  it('keeps only the failed requests with "Errors only"', async () => {
    const all = await rows(panel()).count();
    expect(all).toBeGreaterThan(1);
    await panel().getByRole('checkbox', { name: 'Errors only' }).check();
    await panel()
      .getByRole('status')
      .filter({ hasText: /^\d+ errors?$/ })
      .waitFor();
    const texts = await rows(panel()).allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.length).toBeLessThan(all);
    for (const text of texts) expect(text).toMatch(/403|Network error|Timed out/);
  });

  it('copies a request ID', async () => {
    const row = rows(panel()).first();
    const id = (await row.locator('.request-id').textContent())!.trim();
    await row.getByRole('button', { name: 'Copy request id' }).click();
    await page.getByText('Request ID copied').waitFor();
    const clipboardText = await page.evaluate(() => {
      const g = globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } };
      return g.navigator.clipboard.readText();
    });
    expect(clipboardText).toBe(id);
  });

  it('passes axe and is screenshotted in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await dismissToasts();
      await panel().getByRole('checkbox', { name: 'Errors only' }).uncheck();
      await rows(panel()).nth(1).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `activity-org-${scheme}`);
    }
  });

  it('lists every profile’s requests app-wide, live, filtered by organization', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Activity log' }).click();
    const dialog = page.getByRole('dialog', { name: 'Activity log' });
    const token = rows(dialog).filter({ hasText: '/service-account-token' });
    await token.first().waitFor();
    expect(await token.first().textContent()).toContain('Sandbox');

    // A request made while the log is open appears without a reload.
    const before = await rows(dialog).count();
    const globex = sandbox.primaryCredential.memberships.find((m) => m.organizationName === 'Globex Research')!;
    sandbox.faults.add({ method: 'GET', path: `/organizations/${globex.organizationId}`, status: 404 });
    await app.services.dispatch('orgs:get', { profileId: await sandboxProfileId(), orgId: globex.organizationId });
    await rows(dialog).filter({ hasText: '404' }).first().waitFor();
    expect(await rows(dialog).count()).toBeGreaterThan(before);
    // Told by main's activity.appended event, the view asked only for what was newer.
    const newer = app.ipcLog.filter(
      (entry) => entry.channel === 'activity:list' && (entry.payload as { afterId?: number }).afterId !== undefined,
    );
    expect(newer.length).toBeGreaterThan(0);

    await dialog.getByRole('combobox', { name: 'Filter by organization' }).selectOption({ label: 'Acme Robotics' });
    await dialog
      .getByRole('status')
      .filter({ hasText: /requests?, \d+ failed/ })
      .waitFor();
    const texts = await rows(dialog).allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain('Acme Robotics');
  });

  it('passes axe app-wide in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await dismissToasts();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `activity-app-${scheme}`);
    }
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('opens from the menu’s Activity Log command', async () => {
    expect(await app.sendEvent('menu', 'command', { command: 'activity.open' })).toBe(true);
    const dialog = page.getByRole('dialog', { name: 'Activity log' });
    await rows(dialog).first().waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  async function sandboxProfileId(): Promise<string> {
    const result = await app.services.dispatch('profiles:list', undefined);
    if (!result.ok) throw new Error('profiles:list failed');
    return (result.value as { profiles: Array<{ id: string }> }).profiles[0]!.id;
  }
});
