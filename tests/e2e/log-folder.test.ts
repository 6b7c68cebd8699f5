import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../support/memory-secret-store';
import { launchApp, screenshot, type LaunchedApp, createSandboxProfile } from './support';
import { isolated } from './support/bidi';
import { sidebarProfile } from './support/sidebar';

/** A keychain whose library breaks in a way Orgdesk has no words for: main answers "see the log". */
class BrokenSecretStore extends MemorySecretStore {
  broken = false;

  override async get(account: string): Promise<string | null> {
    if (this.broken) throw new TypeError('secret_password_lookup returned garbage (test)');
    return super.get(account);
  }
}

/** A saved profile whose organizations fail with an error only the log explains. */
async function failingProfile(app: LaunchedApp, secrets: BrokenSecretStore): Promise<Page> {
  const { page, services } = app;
  page.setDefaultTimeout(10_000);
  await createSandboxProfile(services);
  secrets.broken = true;
  await page.reload();
  await sidebarProfile(page, 'Staging').click();
  return page;
}

const notice = (page: Page) =>
  page.getByRole('main').getByRole('alert').filter({ hasText: "Couldn't load the organizations of Staging" });

describe('"see the log" gives a way to the log folder', () => {
  let app: LaunchedApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('opens the folder in the file manager', async () => {
    const opened: string[] = [];
    const secrets = new BrokenSecretStore();
    app = await launchApp({ secretStore: secrets, openFolder: async (path) => void opened.push(path) });
    const page = await failingProfile(app, secrets);
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain('Something went wrong inside Orgdesk; see the log');
    // The failure never reached a server: no request ID to quote.
    expect(await notice(page).locator('.request-id').count()).toBe(0);
    await screenshot(page, 'see-the-log');

    await notice(page).getByRole('button', { name: 'Open log folder' }).click();
    const logDir = join(app.userDataDir, 'logs');
    await expect.poll(() => opened).toEqual([logDir]);
    await notice(page).getByText(`Opened ${logDir}`).waitFor();
  });

  it('says where the folder is when no file manager can show it, in place and from a toast', async () => {
    const secrets = new BrokenSecretStore();
    app = await launchApp({ secretStore: secrets });
    const page = await failingProfile(app, secrets);
    const logDir = join(app.userDataDir, 'logs');
    await notice(page).getByRole('button', { name: 'Open log folder' }).click();
    await notice(page).getByText(`The log is in ${logDir}`).waitFor();
    await screenshot(page, 'see-the-log-no-file-manager');

    // A failed action is toasted; the toast offers the same way to the log.
    await page.getByRole('button', { name: 'Test connection to Staging' }).click({ force: true });
    const toast = page.getByRole('listitem').filter({ hasText: `Connection to ${isolated('Staging')} failed` });
    await toast.waitFor();
    await toast.getByRole('button', { name: 'Open log folder' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: `The log is in ${logDir}` })
      .waitFor();
    await screenshot(page, 'see-the-log-toast');
    app.clearErrors();
  });
});
