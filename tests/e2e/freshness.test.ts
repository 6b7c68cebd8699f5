import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { createSandboxProfile, launchPerSuite, screenshot, type LaunchedApp } from './support';
import { seriousViolations } from './support/axe';
import { expandProfile, sidebarOrg } from './support/sidebar';

describe('how fresh the data is, and when the server is gone', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched), { viewport: { width: 1280, height: 800 } });
  beforeAll(async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
  });

  const panel = () => page.getByRole('tabpanel');

  it('says when the data on screen was fetched', async () => {
    await panel().getByText('Updated just now').waitFor();
    expect(await panel().getByText('Updated just now').getAttribute('title')).toMatch(/\d/);
  });

  it('says the server cannot be reached instead of showing old data silently, and recovers on Retry', async () => {
    const before = sandbox.faults.requests.length;
    sandbox.faults.add({ dropConnection: true, times: Infinity });
    await panel().getByRole('button', { name: 'Refresh Acme Robotics' }).click();
    const banner = panel().getByRole('alert').filter({ hasText: "Can't reach" });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Local sandbox.*Showing what was loaded at/s);
    // What was loaded stays on screen while the server is gone.
    expect(await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).count()).toBe(1);
    expect(sandbox.faults.requests.length).toBeGreaterThan(before);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `offline-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    app.clearErrors();

    sandbox.faults.clear();
    await banner.getByRole('button', { name: 'Retry' }).click();
    await banner.waitFor({ state: 'detached' });
    await panel().getByText('Updated just now').waitFor();
  });

  it('refreshes whichever section is shown: the people list too', async () => {
    await panel().getByRole('button', { name: 'People', exact: true }).click();
    await panel().getByRole('table').waitFor();
    const identities = () => sandbox.faults.requests.filter((request) => request.path.endsWith('/identities')).length;
    const before = identities();
    await panel().getByRole('button', { name: 'Refresh Acme Robotics' }).click();
    await expect.poll(identities).toBeGreaterThan(before);
    await panel().getByText('Updated just now').waitFor();
  });
});

describe('a change made under one profile', () => {
  let page: Page;
  let app: LaunchedApp;

  launchPerSuite((launched) => ({ app, page } = launched), { viewport: { width: 1280, height: 800 } });

  it('reaches the same organization open under another profile, without a refresh', async () => {
    await createSandboxProfile(app.services, 'Operations');
    await createSandboxProfile(app.services, 'Staging');
    await page.reload();
    for (const profile of ['Operations', 'Staging']) {
      await expandProfile(page, profile);
      await sidebarOrg(page, profile, 'Acme Robotics').click();
      await page.getByRole('tabpanel').getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    }
    const staging = page.locator('[role="tab"][title*="Staging"]');
    const operations = page.locator('[role="tab"][title*="Operations"]');
    await operations.click();
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('button', { name: 'Rename' }).click();
    await panel.getByRole('textbox').fill('Acme Robotics EU');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('heading', { level: 1, name: 'Acme Robotics EU' }).waitFor();

    // The other profile's tab and sidebar follow without anyone pressing Refresh.
    await expect.poll(() => staging.textContent()).toContain('Acme Robotics EU');
    await sidebarOrg(page, 'Staging', 'Acme Robotics EU').waitFor();
    await staging.click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 1, name: 'Acme Robotics EU' }).waitFor();
  });
});
