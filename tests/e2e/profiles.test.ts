import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { MemorySecretStore } from '../support/memory-secret-store';
import { screenshot, type LaunchedApp, launchPerSuite, fillProfileWithWrongSecret } from './support';
import { isolated } from './support/bidi';
import { sidebarOrgItems } from './support/sidebar';

/** The text of the element an input's aria-describedby points at first: its error message. */
async function fieldError(page: Page, input: Locator): Promise<string | null> {
  const describedBy = await input.getAttribute('aria-describedby');
  if (!describedBy) return null;
  const id = describedBy.split(' ')[0]!;
  return page.locator(`[id="${id}"]`).textContent();
}

describe('profiles through the form', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;
  const secrets = new MemorySecretStore();

  launchPerSuite((launched) => ({ app, page, sandbox } = launched), { secretStore: secrets });

  const dialog = () => page.getByRole('dialog');

  it('shows invalid fields next to the field and keeps what was typed', async () => {
    await page.getByRole('button', { name: 'Connect to Keycard' }).click();
    await dialog().waitFor();
    expect(await dialog().getByRole('heading').textContent()).toBe('Connect to Keycard');
    expect(await page.getByLabel('API base URL', { exact: true }).inputValue()).toBe('https://api.keycard.ai');

    await page.getByLabel('API base URL', { exact: true }).fill('not a url');
    await page.getByLabel('Client ID', { exact: true }).fill(sandbox.primaryCredential.clientId);
    await page.getByLabel('Client secret', { exact: true }).fill('typed-secret');
    await dialog().getByRole('button', { name: 'Add profile' }).click();

    const name = page.getByLabel('Display name', { exact: true });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await fieldError(page, name)).toBe('Give the profile a name');
    expect(await fieldError(page, page.getByLabel('API base URL', { exact: true }))).toBe(
      'Enter a full URL such as https://api.keycard.ai',
    );
    // Focus goes to the first field to fix.
    expect(
      await name.evaluate((element) => element === (element.ownerDocument as { activeElement: unknown }).activeElement),
    ).toBe(true);

    expect(await page.getByLabel('API base URL', { exact: true }).inputValue()).toBe('not a url');
    expect(await page.getByLabel('Client ID', { exact: true }).inputValue()).toBe(sandbox.primaryCredential.clientId);
    expect(await page.getByLabel('Client secret', { exact: true }).inputValue()).toBe('typed-secret');
    expect(await page.getByLabel('Client secret', { exact: true }).getAttribute('type')).toBe('password');
    expect(await page.getByLabel('Client secret', { exact: true }).getAttribute('autocomplete')).toBe('off');
    // Nothing reached main: the form checked it with the contract's own schema.
    expect(app.ipcLog.filter((entry) => entry.channel === 'profiles:create')).toEqual([]);
    await screenshot(page, 'profile-form-errors');
  });

  it('Test connection with a wrong secret shows the message, status 401 and the request ID', async () => {
    await page.getByLabel('Display name', { exact: true }).fill('Staging');
    await page.getByLabel('API base URL', { exact: true }).fill(sandbox.url);
    await page.getByLabel('Client secret', { exact: true }).fill('not-the-secret');
    sandbox.faults.clearRequests();
    await dialog().getByRole('button', { name: 'Test connection' }).click();

    const failure = dialog().getByRole('alert').filter({ hasText: 'Connection failed' });
    await failure.waitFor();
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('Status 401');
    const requestId = (await failure.locator('.request-id').textContent())?.trim();
    expect(requestId).toBeTruthy();
    // The ID shown is the one the server received, so support can find the request.
    expect(sandbox.faults.requests.map((request) => request.requestId)).toContain(requestId);
    await screenshot(page, 'test-connection-failed');
  });

  it('Add right after a failed test asks first, naming the failure, and Keep editing saves nothing', async () => {
    const creates = () => app.ipcLog.filter((entry) => entry.channel === 'profiles:create');
    await dialog().getByRole('button', { name: 'Add profile' }).click();
    const warning = dialog().getByRole('alert').filter({ hasText: 'The last connection test failed' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Save the profile anyway?');
    expect(await dialog().getByRole('button', { name: 'Keep editing' }).isVisible()).toBe(true);
    expect(await dialog().getByRole('button', { name: 'Save anyway' }).isVisible()).toBe(true);
    expect(
      await page.getByRole('button', { name: 'Keep editing' }).evaluate((b) => b === b.ownerDocument.activeElement),
    ).toBe(true);
    expect(creates()).toEqual([]);
    await screenshot(page, 'save-after-failed-test');

    await dialog().getByRole('button', { name: 'Keep editing' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await dialog().getByRole('button', { name: 'Add profile' }).isVisible()).toBe(true);
    expect(creates()).toEqual([]);
  });

  it('Test connection with the right secret reports the organizations', async () => {
    await page.getByLabel('Client secret', { exact: true }).fill(sandbox.primaryCredential.clientSecret);
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    const status = dialog().getByRole('status');
    await expect.poll(() => status.textContent()).toContain('Connected — 4 organizations');
    await screenshot(page, 'test-connection-ok');
  });

  it('adds the profile, stores its secret in the keychain and lists its organizations', async () => {
    await dialog().getByRole('button', { name: 'Add profile' }).click();
    await dialog().waitFor({ state: 'detached' });
    const orgs = sidebarOrgItems(page, 'Staging');
    await orgs.first().waitFor();
    expect(await orgs.count()).toBe(4);
    expect(await page.getByRole('navigation').textContent()).toContain('Service account');
    expect([...secrets.items.values()]).toEqual([sandbox.primaryCredential.clientSecret]);
    // The secret crossed once, renderer to main, and never came back.
    const answers = JSON.stringify(app.ipcLog.map((entry) => entry.result));
    expect(answers).not.toContain(sandbox.primaryCredential.clientSecret);
  });

  it('edits the profile without retyping the secret and keeps working', async () => {
    await page.getByRole('button', { name: 'Edit Staging' }).click();
    await dialog().waitFor();
    const secret = page.getByLabel('Client secret', { exact: true });
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('placeholder')).toBe('Stored in keychain — leave empty to keep');
    await page.getByLabel('Display name', { exact: true }).fill('Staging EU');
    await dialog().getByRole('radio', { name: /Teal/ }).check();
    await screenshot(page, 'profile-edit');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'detached' });

    const update = app.ipcLog.find((entry) => entry.channel === 'profiles:update');
    expect(update?.payload).not.toHaveProperty('clientSecret');
    expect(update?.result.ok).toBe(true);

    await page.getByRole('button', { name: 'Test connection to Staging EU' }).click();
    await page.getByText(`Connected to ${isolated('Staging EU')}`).waitFor();
    expect([...secrets.items.values()]).toEqual([sandbox.primaryCredential.clientSecret]);
  });

  it('asks for the secret again before a profile moves to another server', async () => {
    await page.getByRole('button', { name: 'Edit Staging EU' }).click();
    await dialog().waitFor();
    const secret = page.getByLabel('Client secret', { exact: true });
    const localhost = sandbox.url.replace('127.0.0.1', 'localhost');
    await page.getByLabel('API base URL', { exact: true }).fill(localhost);
    expect(await secret.getAttribute('placeholder')).toBeNull();
    const updatesBefore = app.ipcLog.filter((entry) => entry.channel === 'profiles:update').length;
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => fieldError(page, secret))
      .toBe(`Enter the client secret: the stored one is only sent to ${new URL(sandbox.url).host}`);
    expect(app.ipcLog.filter((entry) => entry.channel === 'profiles:update')).toHaveLength(updatesBefore);
    expect(await page.getByLabel('API base URL', { exact: true }).inputValue()).toBe(localhost);
    await screenshot(page, 'profile-move-needs-secret');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('removes the profile after a confirmation that names the keychain', async () => {
    await page.getByRole('button', { name: 'Remove Staging EU' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Staging EU?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('client secret will be deleted from the OS keychain');
    await screenshot(page, 'remove-profile');
    await confirm.getByRole('button', { name: 'Remove profile' }).click();
    await page.getByRole('heading', { name: 'Welcome to Orgdesk' }).waitFor();
    expect(secrets.items.size).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('a profile saved over a failed test', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched));

  it('is saved on "Save anyway" and its failure shows in the main area, with Edit', async () => {
    await page.getByRole('button', { name: 'Connect to Keycard' }).click();
    const dialog = page.getByRole('dialog');
    await fillProfileWithWrongSecret(page, sandbox);
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await dialog.waitFor({ state: 'detached' });

    const notice = page
      .getByRole('main')
      .getByRole('alert')
      .filter({ hasText: "Couldn't load the organizations of Broken" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Status 401');
    // The sidebar marks the profile in one line rather than squeezing the whole error in.
    const nav = page.getByRole('navigation');
    await nav.getByText("Couldn't load organizations").waitFor();
    expect(await nav.getByRole('alert').count()).toBe(0);
    expect(await nav.locator('.request-id').count()).toBe(0);
    await screenshot(page, 'profile-failure-main-area');

    await notice.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByRole('dialog', { name: 'Edit Broken' }).waitFor();
    await page.getByLabel('Client secret', { exact: true }).fill(sandbox.primaryCredential.clientSecret);
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await sidebarOrgItems(page, 'Broken').first().waitFor();
    expect(await notice.count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
