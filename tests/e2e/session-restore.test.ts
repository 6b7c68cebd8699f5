import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../support/memory-secret-store';
import { launchApp, screenshot } from './support';
import { sidebarOrg, sidebarOrgs } from './support/sidebar';

describe('session restore', () => {
  it('brings back the open tabs, the one in front, their sections and the expanded profiles after a restart', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-session-'));
    const keychain = new MemorySecretStore();
    const viewport = { width: 1280, height: 800 };
    const first = await launchApp({ userDataDir, secretStore: keychain, viewport });
    try {
      const page = first.page;
      page.setDefaultTimeout(10_000);
      await page.getByRole('button', { name: 'Try the sandbox' }).click();
      const org = (name: string) => sidebarOrg(page, 'Sandbox', name);
      await org('Acme Robotics').click();
      await page.getByRole('tabpanel').getByRole('button', { name: 'People', exact: true }).click();
      await org('Globex Research').click();
      await page.getByRole('tabpanel').getByRole('button', { name: 'SSO', exact: true }).click();
      await org('Initech Platform').click();
      // The sidebar's width comes back too.
      await page.getByRole('separator', { name: 'Resize sidebar' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: /Globex Research/ }).click();
      await page.getByRole('tabpanel').getByRole('heading', { name: 'Single sign-on is off' }).waitFor();
    } finally {
      // Closing disposes main's services, which write what is pending, as quitting does.
      await first.close();
    }
    const saved = JSON.parse(await readFile(join(userDataDir, 'session.json'), 'utf8'));
    expect(saved.workspace.tabs.map((tab: { title: string }) => tab.title)).toEqual([
      'Acme Robotics',
      'Globex Research',
      'Initech Platform',
    ]);

    const second = await launchApp({ userDataDir, secretStore: keychain, viewport });
    try {
      const page = second.page;
      page.setDefaultTimeout(10_000);
      const tabs = page.getByRole('tab');
      await page.getByRole('tab', { name: /Globex Research/, selected: true }).waitFor();
      expect(await tabs.count()).toBe(3);
      await page.getByRole('tabpanel').getByRole('heading', { name: 'Single sign-on is off' }).waitFor();
      await sidebarOrgs(page, 'Sandbox').waitFor();
      expect(await page.getByRole('separator', { name: 'Resize sidebar' }).getAttribute('aria-valuenow')).toBe('304');
      await screenshot(page, 'session-restored');
      await page.getByRole('tab', { name: /Acme Robotics/ }).click();
      await page.getByRole('tabpanel').getByRole('table').waitFor();
      expect(
        await page
          .getByRole('tabpanel')
          .getByRole('button', { name: 'People', exact: true })
          .getAttribute('aria-current'),
      ).toBe('page');
    } finally {
      await second.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});
