import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { launchApp, screenshot, type LaunchedApp, launchPerSuite } from './support';
import { seriousViolations } from './support/axe';
import { MemorySecretStore } from '../support/memory-secret-store';
import { sidebarOrg } from './support/sidebar';

describe('service accounts and credentials', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;
  /** Every secret the server handed out during the suite, to scan for afterwards. */
  const secrets: string[] = [];

  // The keychain stand-in, read at the end so secrets only main ever saw are scanned for too.
  const keychain = new MemorySecretStore();
  launchPerSuite((launched) => ({ app, page, sandbox } = launched), {
    viewport: { width: 1280, height: 800 },
    secretStore: keychain,
  });
  beforeAll(async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await orgOf('Sandbox', 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    await panel().getByRole('button', { name: 'Service accounts', exact: true }).click();
  });

  const orgOf = (profile: string, name: string): Locator => sidebarOrg(page, profile, name);
  const panel = () => page.getByRole('tabpanel');
  const dialog = () => page.getByRole('dialog');

  it('creates a service account and opens it', async () => {
    await panel().getByRole('button', { name: 'New service account' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('ci-deployer');
    await dialog()
      .getByLabel(/^Description/)
      .fill('Deploys from CI');
    await dialog().getByRole('button', { name: 'Create service account' }).click();
    await panel().getByRole('heading', { level: 2, name: 'ci-deployer' }).waitFor();
    expect(await panel().textContent()).toContain('Deploys from CI');
    const stored = sandbox.state.serviceAccounts.all().filter((account) => account.name === 'ci-deployer');
    expect(stored).toHaveLength(1);
  });

  it('creates a credential, shows its secret once, saves it to the keychain, and never logs it', async () => {
    await panel().getByRole('button', { name: 'New credential' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('github-actions');
    await dialog()
      .getByLabel(/^Description/)
      .fill('Deploys from main');
    expect(
      await dialog()
        .getByRole('checkbox', { name: /Save the secret to the OS keychain/ })
        .isChecked(),
    ).toBe(true);
    await dialog().getByRole('button', { name: 'Create credential' }).click();
    await dialog().getByText('This secret will not be shown again.').waitFor();
    const secret = ((await dialog().getByLabel('Client secret').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThan(10);
    secrets.push(secret);
    await dialog().getByRole('status').filter({ hasText: 'Saved to the keychain.' }).waitFor();
    await screenshot(page, 'credential-created-once');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog().getByRole('button', { name: 'Done' }).click();
    const row = panel().getByRole('row').filter({ hasText: 'github-actions' });
    expect(await row.textContent()).toContain('In keychain');
    expect(await row.textContent()).toContain('Never used');
    expect(await row.textContent()).toContain('Deploys from main');
  });

  it('asks before closing the panel when the secret was neither saved nor copied', async () => {
    await panel().getByRole('button', { name: 'New credential' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('throwaway');
    await dialog()
      .getByRole('checkbox', { name: /Save the secret/ })
      .uncheck();
    await dialog().getByRole('button', { name: 'Create credential' }).click();
    secrets.push(((await dialog().getByLabel('Client secret').textContent()) ?? '').trim());
    await dialog().getByRole('button', { name: 'Done' }).click();
    await dialog().getByText('close anyway?').waitFor();
    await screenshot(page, 'credential-close-unsaved');
    await dialog().getByRole('button', { name: 'Close without keeping it' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(await panel().getByRole('row').filter({ hasText: 'throwaway' }).textContent()).toContain('Not held');
  });

  it('copies a held secret through main: the clipboard has it, the window never did', async () => {
    const before = app.ipcLog.length;
    await panel().getByRole('button', { name: 'Actions for github-actions' }).click();
    await page.getByRole('menuitem', { name: 'Copy secret' }).click();
    await page.getByText(/^Secret of \u2068?github-actions\u2069? copied$/).waitFor();
    expect(app.clipboard.text).toBe(secrets[0]);
    const copied = app.ipcLog.slice(before).find((entry) => entry.channel === 'credentials:copySecret');
    expect(copied?.result).toEqual({ ok: true, value: { clearsAfterSeconds: 30 } });
  });

  it('reveals a held secret only after a confirmation', async () => {
    await panel().getByRole('button', { name: 'Actions for github-actions' }).click();
    await page.getByRole('menuitem', { name: 'Reveal secret…' }).click();
    expect(await dialog().getByLabel('Client secret').count()).toBe(0);
    await dialog().getByRole('button', { name: 'Reveal secret' }).click();
    expect(((await dialog().getByLabel('Client secret').textContent()) ?? '').trim()).toBe(secrets[0]);
    await dialog().getByRole('button', { name: 'Close' }).last().click();
  });

  it('uses the credential as a profile, which opens the organization as the service account', async () => {
    await panel().getByRole('button', { name: 'Actions for github-actions' }).click();
    await page.getByRole('menuitem', { name: 'Use as profile…' }).click();
    await dialog().getByRole('button', { name: 'Add profile' }).click();
    await dialog().waitFor({ state: 'detached' });
    const profile = 'ci-deployer · github-actions';
    await orgOf(profile, 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    await screenshot(page, 'credential-as-profile');
    // The service account signed in: the server says when.
    const credential = sandbox.state.credentials.all().find((c) => c.name === 'github-actions');
    expect(credential?.last_used_at).toBeTruthy();
  });

  it('revokes a credential: gone from the server, its keychain item deleted', async () => {
    await page
      .getByRole('tab', { name: /Acme Robotics/ })
      .first()
      .click();
    const row = panel().getByRole('row').filter({ hasText: 'throwaway' });
    await row.waitFor();
    await panel().getByRole('button', { name: 'Actions for throwaway' }).click();
    await page.getByRole('menuitem', { name: 'Revoke…' }).click();
    await dialog().getByRole('button', { name: 'Revoke credential' }).click();
    await dialog().waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    expect(sandbox.state.credentials.all().some((c) => c.name === 'throwaway')).toBe(false);
  });

  const credentialsNamed = (prefix: string) =>
    sandbox.state.credentials.all().filter((credential) => credential.name.startsWith(prefix));

  async function newCredential(name: string) {
    await panel().getByRole('button', { name: 'New credential' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill(name);
    await dialog().getByRole('button', { name: 'Create credential' }).click();
    await dialog().getByRole('status').filter({ hasText: 'Saved to the keychain.' }).waitFor();
    await dialog().getByRole('button', { name: 'Done' }).click();
    await dialog().waitFor({ state: 'detached' });
  }

  async function rotate(name: string) {
    await panel()
      .getByRole('button', { name: `Actions for ${name}`, exact: true })
      .click();
    await page.getByRole('menuitem', { name: 'Rotate…' }).click();
    await dialog().getByRole('button', { name: 'Rotate credential' }).click();
    const summary = dialog().locator('.summary');
    await summary.waitFor();
    // A failing revoke is retried with backoff before the step gives up: seconds, not one.
    await expect
      .poll(async () => (await dialog().getByRole('button', { name: 'Rotating…' }).count()) === 0, { timeout: 30_000 })
      .toBe(true);
  }

  const stepStates = async () =>
    (await dialog().getByRole('list', { name: 'Rotation steps' }).getByRole('listitem').allTextContents()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );

  it('rotates a credential: five steps done, the profile that used it switched, the old one revoked', async () => {
    await page
      .getByRole('tab', { name: /Acme Robotics/ })
      .first()
      .click();
    const old = credentialsNamed('github-actions')[0]!;
    await rotate('github-actions');
    expect(await stepStates()).toEqual([
      'Step 1: Create a new credential — done',
      'Step 2: Save its secret in the keychain — done',
      'Step 3: Sign in with it and make one read — done',
      'Step 4: Switch the profiles that use the old credential to it — done',
      'Step 5: Revoke the old credential — done',
    ]);
    await screenshot(page, 'rotation-done');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog().getByRole('button', { name: 'Done' }).click();
    const now = credentialsNamed('github-actions');
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(old.id);
    expect(now[0]!.name).toMatch(/^github-actions \(rotated /);
    // The profile made from the old credential signs in with the new one.
    await page
      .getByRole('tab', { name: /Acme Robotics/ })
      .nth(1)
      .click();
    await panel().getByRole('button', { name: 'People', exact: true }).click();
    await panel().getByRole('table', { name: 'People' }).getByRole('rowgroup').getByRole('row').first().waitFor();
    expect(sandbox.state.credentials.get(now[0]!.id)?.last_used_at).toBeTruthy();
    await page
      .getByRole('tab', { name: /Acme Robotics/ })
      .first()
      .click();
  });

  it('stops at step 3 when the new credential cannot sign in, keeps the old one, and cleans up in one click', async () => {
    await newCredential('flaky');
    const before = credentialsNamed('flaky');
    sandbox.faults.add({ method: 'POST', path: '/service-account-token', status: 401, times: 1 });
    await rotate('flaky');
    sandbox.faults.clear();
    const states = await stepStates();
    expect(states[2]).toMatch(/^Step 3: Sign in with it and make one read — failed/);
    expect(states[3]).toBe('Step 4: Switch the profiles that use the old credential to it — not started');
    await screenshot(page, 'rotation-failed-step-3');
    // Exactly one new credential exists, and the old one is untouched.
    expect(credentialsNamed('flaky')).toHaveLength(2);
    expect(credentialsNamed('flaky').map((c) => c.id)).toContain(before[0]!.id);
    await dialog().getByRole('button', { name: 'Delete the unused new credential' }).click();
    await expect.poll(() => credentialsNamed('flaky').map((c) => c.id)).toEqual([before[0]!.id]);
    await dialog().getByRole('button', { name: 'Close' }).last().click();
  });

  it('stops at step 5 when revoking fails, says so, and finishes on Resume', async () => {
    await newCredential('stubborn');
    const old = credentialsNamed('stubborn')[0]!;
    sandbox.faults.add({ method: 'DELETE', path: new RegExp(`/credentials/${old.id}$`), status: 500, times: Infinity });
    await rotate('stubborn');
    // A 500 may come after the server acted: the step reads "may have happened", and the old one is still there.
    expect((await stepStates())[4]).toMatch(/^Step 5: Revoke the old credential — (failed|may have happened)/);
    await screenshot(page, 'rotation-failed-step-5');
    expect(credentialsNamed('stubborn')).toHaveLength(2);
    sandbox.faults.clear();
    await dialog().getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => credentialsNamed('stubborn').some((c) => c.id === old.id), { timeout: 10_000 }).toBe(false);
    await dialog().getByText('Step 5: Revoke the old credential — done').waitFor();
    await dialog().getByRole('button', { name: 'Done' }).click();
  });

  it('lists the secrets held in the keychain and deletes the one whose credential is gone from the server', async () => {
    await newCredential('orphan');
    const orphan = credentialsNamed('orphan')[0]!;
    // Deleted behind Orgdesk's back, as from the web console.
    sandbox.state.credentials.remove(orphan.id);
    await page.getByRole('button', { name: 'Secrets in the keychain' }).click();
    const row = dialog().getByRole('row').filter({ hasText: orphan.client_id });
    await row.filter({ hasText: 'No longer on the server' }).waitFor();
    // The three kept from earlier tests are still there.
    expect(await dialog().locator('.status.exists').count()).toBe(3);
    await screenshot(page, 'keychain-inventory');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog().getByRole('button', { name: 'Delete 1 no longer on the server' }).click();
    await row.waitFor({ state: 'detached' });
    expect([...keychain.items.keys()].some((account) => account.includes(orphan.id))).toBe(false);
    await dialog().getByRole('button', { name: 'Close' }).last().click();
  });

  it('gets an organization token: its type and a live countdown, copied through main, never shown', async () => {
    await panel().getByRole('button', { name: 'Overview' }).click();
    await panel().getByRole('button', { name: 'Get an organization token' }).click();
    const expiry = panel().locator('time').filter({ hasText: /^in / });
    await expiry.waitFor();
    const first = await expiry.textContent();
    await expect.poll(() => expiry.textContent(), { timeout: 5_000 }).not.toBe(first);
    await panel().getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('Token copied').waitFor();
    const token = app.clipboard.text;
    expect(token.length).toBeGreaterThan(10);
    secrets.push(token);
    await screenshot(page, 'org-token');
    await panel().getByRole('button', { name: 'Service accounts', exact: true }).click();
  });

  it('deletes the service account, saying how many credentials die with it', async () => {
    await panel().getByRole('button', { name: 'Delete…' }).click();
    expect(await dialog().textContent()).toContain('with its 3 credentials');
    await screenshot(page, 'service-account-delete');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog().getByRole('button', { name: 'Delete service account' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('3 credentials revoked, 3 secrets deleted from the keychain.').waitFor();
    expect(sandbox.state.serviceAccounts.all().some((account) => account.name === 'ci-deployer')).toBe(false);
  });

  afterAll(async () => {
    // Outside the explicit reveal and the create panel, no answer carried a secret; no log line ever did.
    const answers = app.ipcLog.filter(
      (entry) => entry.channel !== 'credentials:revealSecret' && entry.channel !== 'credentials:create',
    );
    const text = JSON.stringify(answers);
    // Secrets main alone saw (rotations) are in the keychain stand-in; none is in a file or an answer either.
    for (const value of keychain.items.values()) if (!secrets.includes(value)) secrets.push(value);
    // Nor any file Orgdesk wrote: profiles, the log, the rotation journal.
    const files = await readdir(app.userDataDir, { recursive: true, withFileTypes: true });
    const written = await Promise.all(
      files.filter((file) => file.isFile()).map((file) => readFile(join(file.parentPath, file.name), 'utf8')),
    );
    expect(written.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      for (const content of written) expect(content).not.toContain(secret);
    }
  });
});

describe('service accounts at the minimum window size, 960×600', () => {
  let page: Page;

  launchPerSuite((launched) => ({ page } = launched), { viewport: { width: 960, height: 600 } });

  it('keeps the credential table and the shown-once panel usable, light and dark', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('button', { name: 'Service accounts', exact: true }).click();
    await panel.getByRole('button', { name: /orgdesk-admin/ }).click();
    await panel.getByRole('button', { name: 'New credential' }).click();
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('small-window');
    await page.getByRole('dialog').getByRole('button', { name: 'Create credential' }).click();
    await page.getByRole('dialog').getByText('This secret will not be shown again.').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `credential-once-960x600-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    const actions = panel.getByRole('button', { name: 'Actions for small-window' });
    const box = await actions.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(960);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `service-account-960x600-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});

describe('a rotation left unfinished', () => {
  it('is reported across the app, and again at the next start, from the journal', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-rotation-restart-'));
    const keychain = new MemorySecretStore();
    const first = await launchApp({ userDataDir, secretStore: keychain, viewport: { width: 1280, height: 800 } });
    try {
      const page = first.page;
      page.setDefaultTimeout(10_000);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.getByRole('button', { name: 'Try the sandbox' }).click();
      await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
      const panel = page.getByRole('tabpanel');
      await panel.getByRole('button', { name: 'Service accounts', exact: true }).click();
      await panel.getByRole('button', { name: /orgdesk-admin/ }).click();
      await panel.getByRole('button', { name: 'New credential' }).click();
      await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('left-behind');
      await page.getByRole('dialog').getByRole('button', { name: 'Create credential' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
      const sandbox = await first.services.sandbox.ensure();
      sandbox.faults.add({ method: 'POST', path: '/service-account-token', status: 401 });
      await panel.getByRole('button', { name: 'Actions for left-behind' }).click();
      await page.getByRole('menuitem', { name: 'Rotate…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Rotate credential' }).click();
      await page.getByRole('dialog').locator('.summary').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'The rotation of the credential left-behind did not finish' })
        .waitFor();
    } finally {
      await first.close();
    }

    const second = await launchApp({ userDataDir, secretStore: keychain, viewport: { width: 1280, height: 800 } });
    try {
      const banner = second.page
        .getByRole('alert')
        .filter({ hasText: 'The rotation of the credential left-behind did not finish' });
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.textContent()).toContain('The old credential still works.');
      await screenshot(second.page, 'rotation-reported-at-start');
      await banner.getByRole('button', { name: 'Review' }).click();
      await second.page
        .getByRole('dialog')
        .getByText(/Step 3: Sign in with it and make one read — failed/)
        .waitFor();
      await second.page.getByRole('dialog').getByRole('button', { name: 'Dismiss' }).click();
      await banner.waitFor({ state: 'detached' });
    } finally {
      await second.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});

describe('service accounts: loading, failing, empty', () => {
  let page: Page;
  let sandbox: RunningSandbox;

  launchPerSuite((launched) => ({ page, sandbox } = launched), { viewport: { width: 1280, height: 800 } });

  it('says why the list failed and recovers on Retry; says when nothing matches; says an account has no credentials', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Globex Research').click();
    const panel = page.getByRole('tabpanel');
    sandbox.faults.add({ method: 'GET', path: /\/service-accounts$/, status: 500, times: Infinity });
    await panel.getByRole('button', { name: 'Service accounts', exact: true }).click();
    const failed = panel.getByRole('alert').filter({ hasText: "Couldn't load service accounts" });
    await failed.waitFor();
    await screenshot(page, 'service-accounts-load-failed');
    sandbox.faults.clear();
    await failed.getByRole('button', { name: /Retry/ }).click();
    await panel.getByRole('list', { name: /^Service accounts of / }).waitFor();

    await panel.getByLabel('Search service accounts').fill('no such account');
    await panel.getByText('No service account matches').waitFor();
    await panel.getByLabel('Search service accounts').fill('');

    await panel.getByRole('button', { name: 'New service account' }).click();
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('empty-one');
    await page.getByRole('dialog').getByRole('button', { name: 'Create service account' }).click();
    await panel.getByText('No credentials. Create one to give').waitFor();

    // The same name again is refused by the server, and said by the name field.
    // Back to the list (the link above the account, after the section's own tab).
    await panel.getByRole('button', { name: 'Service accounts', exact: true }).last().click();
    await panel.getByRole('button', { name: 'New service account' }).click();
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('empty-one');
    await page.getByRole('dialog').getByRole('button', { name: 'Create service account' }).click();
    const name = page.getByRole('dialog').getByLabel('Name', { exact: true });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'service-account-duplicate-name');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
