import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type LaunchedApp, launchPerSuite } from './support';
import { sidebarOrg } from './support/sidebar';

/** The text of the element an input's aria-describedby points at first: its error message. */
async function fieldError(page: Page, input: Locator): Promise<string | null> {
  const describedBy = await input.getAttribute('aria-describedby');
  if (!describedBy) return null;
  return page.locator(`[id="${describedBy.split(' ')[0]!}"]`).textContent();
}

const BIDI_MESSAGE = 'The name cannot contain text-direction control characters (they change how it reads)';

/** The forms check with the contract's own schemas, so its new rules show next to their fields. */
describe('field rules in the forms', () => {
  let app: LaunchedApp;
  let page: Page;

  launchPerSuite((launched) => ({ app, page } = launched));
  beforeAll(async () => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').waitFor();
  });

  const panel = () => page.getByRole('tabpanel');
  const sent = (channel: string) => app.ipcLog.some((entry) => entry.channel === channel);

  it('refuses an invisible name and a bidi override when creating an organization', async () => {
    await page.getByRole('treeitem', { name: 'New organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    const name = dialog.getByLabel('Organization name', { exact: true });
    const create = dialog.getByRole('button', { name: 'Create organization' });

    await name.fill(' \u200B\u2060 \uFEFF');
    await create.click();
    await expect.poll(() => fieldError(page, name)).toBe('Name is required');

    await name.fill('\u202Egnp.exe');
    await create.click();
    await expect.poll(() => fieldError(page, name)).toBe(BIDI_MESSAGE);
    expect(sent('orgs:create')).toBe(false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('refuses an invisible name when renaming', async () => {
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    await panel().getByRole('button', { name: 'Rename' }).click();
    const input = panel().getByRole('textbox', { name: 'New name for Acme Robotics' });
    await input.fill('   \u200B');
    await panel().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fieldError(page, input)).toBe('Name is required');
    await input.fill('Acme\u2066 Robotics');
    await panel().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fieldError(page, input)).toBe(BIDI_MESSAGE);
    expect(sent('orgs:rename')).toBe(false);
    await panel().getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows credential, URL and name problems next to their fields in the profile form', async () => {
    await page.getByRole('button', { name: 'Add profile' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const name = page.getByLabel('Display name', { exact: true });
    const baseUrl = page.getByLabel('API base URL', { exact: true });
    await name.fill('\u200B\u00AD');
    await baseUrl.fill('https://admin:hunter2@api.keycard.ai');
    await dialog.getByRole('radio', { name: /^Bearer token/ }).check();
    const token = page.getByLabel('Bearer token', { exact: true });
    await token.fill('Bearer eyJhbGciOiJub25lIn0.e30.');
    await dialog.getByRole('button', { name: 'Add profile' }).click();

    await expect.poll(() => fieldError(page, name)).toBe('Give the profile a name');
    expect(await fieldError(page, baseUrl)).toBe(
      "Remove the user name and password from the URL; the profile's credentials sign in",
    );
    expect(await fieldError(page, token)).toBe('Paste the token without the word "Bearer" before it');

    await token.fill('eyJ\u200Bzero-width');
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await expect
      .poll(() => fieldError(page, token))
      .toBe('The token may only contain letters, digits and - . _ ~ + / (RFC 6750)');

    await dialog.getByRole('radio', { name: /^Service account/ }).check();
    const clientId = page.getByLabel('Client ID', { exact: true });
    await clientId.fill('sa_one:two');
    await page.getByLabel('Client secret', { exact: true }).fill('cs_secret');
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await expect.poll(() => fieldError(page, clientId)).toBe('The client ID cannot contain a colon (:)');
    await screenshot(page, 'profile-field-rules');
    expect(sent('profiles:create')).toBe(false);
    expect(app.pageErrors).toEqual([]);
  });
});
