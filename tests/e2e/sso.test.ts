import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { createSandboxProfile, launchPerSuite, screenshot, type LaunchedApp } from './support';
import { seriousViolations } from './support/axe';
import { startFakeIdentityProvider, type FakeIdentityProvider } from '../support/fake-identity-provider';
import { sidebarOrg, expandProfile } from './support/sidebar';

const TYPED_SECRET = 'sso-typed-secret-91c2f0';
const PASTED_SECRET = 'sso-pasted-secret-3d7a55';

describe('single sign-on', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;
  let idp: FakeIdentityProvider;
  let acmeId: string;

  launchPerSuite((launched) => ({ app, page, sandbox } = launched), {
    viewport: { width: 1280, height: 800 },
    discovery: { timeoutMs: 1_500 },
  });

  beforeAll(async () => {
    idp = await startFakeIdentityProvider();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // Two profiles signed in to the same server see the same organizations: a change under one shows under both.
    await createSandboxProfile(app.services, 'Operations');
    await createSandboxProfile(app.services, 'Staging');
    await page.reload();
    acmeId = sandbox.state.organizations.all().find((org) => org.name === 'Acme Robotics')!.id;
    await expandProfile(page, 'Staging');
    await expandProfile(page, 'Operations');
    await orgOf('Staging', 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    await orgOf('Operations', 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    await panel().getByRole('button', { name: 'SSO', exact: true }).click();
  });

  afterAll(async () => {
    await idp?.close();
  });

  const orgOf = (profile: string, name: string): Locator => sidebarOrg(page, profile, name);
  const panel = () => page.getByRole('tabpanel');
  const dialog = () => page.getByRole('dialog');
  const tab = (profile: string): Locator => page.locator(`[role="tab"][title*="${profile}"]`);
  /** Whether the organization's SSO mark shows: in both profiles' sidebar entries and both tabs. */
  async function ssoMarks(): Promise<{ sidebar: boolean[]; tabs: boolean[] }> {
    const marked = async (locator: Locator) => (await locator.locator('[data-sso="on"]').count()) > 0;
    return {
      sidebar: [await marked(orgOf('Operations', 'Acme Robotics')), await marked(orgOf('Staging', 'Acme Robotics'))],
      tabs: await Promise.all((await page.getByRole('tab').all()).map(marked)),
    };
  }

  it('shows SSO off, with a way to enable it', async () => {
    await panel().getByRole('heading', { name: 'Single sign-on is off' }).waitFor();
    expect(await ssoMarks()).toEqual({ sidebar: [false, false], tabs: [false, false] });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says why discovery failed and keeps the form editable', async () => {
    await panel().getByRole('button', { name: 'Enable SSO…' }).click();
    await dialog().getByLabel('Issuer URL').fill(idp.issuer('issuer-mismatch'));
    await dialog().getByRole('button', { name: 'Discover' }).click();
    await dialog().getByRole('alert').filter({ hasText: 'Discovery failed' }).waitFor();
    expect(await dialog().getByRole('alert').textContent()).toContain('The provider says its issuer is');
    await screenshot(page, 'sso-discovery-failed');

    await dialog().getByLabel('Issuer URL').fill('http://login.example.com');
    await dialog().getByRole('button', { name: 'Discover' }).click();
    await dialog()
      .getByText(/must use https:\/\//)
      .waitFor();
    expect(await dialog().getByLabel('Issuer URL').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog().getByLabel('Issuer URL').inputValue()).toBe('http://login.example.com');
  });

  it('enables through discovery with a typed secret: every mark follows at once, in both profiles', async () => {
    await dialog().getByLabel('Issuer URL').fill(idp.issuer('good'));
    await dialog().getByRole('button', { name: 'Discover' }).click();
    await dialog()
      .getByText(/Filled in from/)
      .waitFor();
    expect(
      await dialog()
        .getByLabel(/^Token endpoint/)
        .inputValue(),
    ).toBe(`${idp.issuer('good')}/token`);
    expect(
      await dialog()
        .getByLabel(/^Supported scopes/)
        .inputValue(),
    ).toBe('openid email profile');
    await dialog()
      .getByLabel(/^Client ID/)
      .fill('orgdesk-acme');
    await dialog().getByText('Type it').click();
    await dialog().getByLabel('New client secret').fill(TYPED_SECRET);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `sso-enable-discovered-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog().getByRole('button', { name: 'Enable SSO' }).click();
    await dialog().waitFor({ state: 'detached' });

    await panel().getByRole('heading', { name: 'Connection' }).waitFor();
    expect(await panel().textContent()).toContain('write-only, never shown');
    expect(sandbox.state.ssoConnections.of(acmeId)?.client_secret).toBe(TYPED_SECRET);
    expect(await ssoMarks()).toEqual({ sidebar: [true, true], tabs: [true, true] });
    expect(await panel().locator('header [data-sso="on"]').count()).toBe(1);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `sso-connection-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('refreshes the view and says so when someone else enabled SSO meanwhile', async () => {
    // The other profile's tab still reads the cached connection; disable it behind Orgdesk's back and enable again there.
    sandbox.state.disableSso(acmeId);
    await tab('Staging').click();
    await panel().getByRole('button', { name: 'SSO', exact: true }).click();
    // This profile's view reads the connection for the first time and finds it off; then someone races the admin.
    await panel().getByRole('heading', { name: 'Single sign-on is off' }).waitFor();
    await panel().getByRole('button', { name: 'Enable SSO…' }).click();
    await dialog().getByLabel('Issuer URL').fill(idp.issuer('good'));
    sandbox.state.enableSso(acmeId, {
      identifier: idp.issuer('trailing-slash') + '/',
      client_id: 'someone-else',
      client_secret: null,
      protocols: null,
    });
    await dialog().getByRole('button', { name: 'Enable SSO' }).click();
    await dialog()
      .getByText(/Someone enabled SSO for .*Acme Robotics.* meanwhile/)
      .waitFor();
    expect(await dialog().getByLabel('Issuer URL').inputValue()).toBe(idp.issuer('good'));
    await screenshot(page, 'sso-enabled-meanwhile');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await panel().getByText('someone-else').waitFor();
  });

  it('updates the issuer and takes a new secret from the clipboard, which main reads and clears', async () => {
    await panel().getByRole('button', { name: 'Edit…' }).click();
    await dialog().getByLabel('Issuer URL').fill(idp.issuer('good'));
    await dialog().getByRole('button', { name: 'Discover' }).click();
    await dialog()
      .getByText(/Filled in from/)
      .waitFor();
    await dialog()
      .getByLabel(/^Client ID/)
      .fill('orgdesk-acme');
    await dialog().getByText('From clipboard').click();
    app.clipboard.text = PASTED_SECRET;
    await dialog().getByRole('button', { name: 'Save changes' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('The client secret was taken from the clipboard, which is now cleared.').waitFor();
    expect(app.clipboard.text).toBe('');
    const stored = sandbox.state.ssoConnections.of(acmeId);
    expect(stored).toMatchObject({ identifier: idp.issuer('good'), client_secret: PASTED_SECRET });
    expect(await panel().getByText(idp.issuer('good'), { exact: true }).count()).toBe(1);
  });

  it('removes the secret explicitly; an empty field had kept it', async () => {
    await panel().getByRole('button', { name: 'Edit…' }).click();
    expect(await dialog().getByRole('radio', { name: 'Keep current' }).isChecked()).toBe(true);
    await dialog().getByRole('radio', { name: 'Remove secret' }).check();
    await dialog().getByRole('button', { name: 'Save changes' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(sandbox.state.ssoConnections.of(acmeId)?.client_secret).toBeNull();
    await panel().getByText('Not set').waitFor();
  });

  it('checks for drift: a changed endpoint is named with both values, and one click takes the provider’s', async () => {
    sandbox.state.ssoConnections.update(acmeId, {
      protocols: {
        oauth2: {
          authorization_endpoint: `${idp.issuer('good')}/authorize`,
          token_endpoint: `${idp.issuer('good')}/old-token`,
          jwks_uri: `${idp.issuer('good')}/jwks`,
          registration_endpoint: `${idp.issuer('good')}/register`,
          scopes_supported: ['openid', 'email', 'profile'],
          code_challenge_methods_supported: ['S256', 'plain'],
        },
        openid: { userinfo_endpoint: `${idp.issuer('good')}/userinfo` },
      },
    });
    await panel().getByRole('button', { name: 'Check against provider' }).click();
    const check = panel().getByRole('region', { name: /Check against the provider/ });
    await check.getByText('One field differs').waitFor();
    const row = check.getByRole('row', { name: /Token endpoint/ });
    expect(await row.textContent()).toContain('/old-token');
    expect(await row.textContent()).toContain(`${idp.issuer('good')}/token`);
    expect(await check.textContent()).toMatch(/The JWKS answers with (one key|\d+ keys)\./);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `sso-check-drift-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await check.getByRole('button', { name: "Use the provider's values" }).click();
    await panel()
      .getByText(/What Keycard holds matches what/)
      .waitFor();
    expect(sandbox.state.ssoConnections.of(acmeId)?.protocols?.oauth2?.token_endpoint).toBe(
      `${idp.issuer('good')}/token`,
    );
  });

  it('disables after a confirmation naming the organization; every mark follows', async () => {
    await panel().getByRole('button', { name: 'Disable SSO…' }).click();
    await dialog()
      .getByText(/Members of .*Acme Robotics.* will no longer sign in through/)
      .waitFor();
    await screenshot(page, 'sso-disable-confirm');
    await dialog().getByRole('button', { name: 'Disable SSO' }).click();
    await dialog().waitFor({ state: 'detached' });
    await panel().getByRole('heading', { name: 'Single sign-on is off' }).waitFor();
    expect(sandbox.state.ssoConnections.of(acmeId)).toBeUndefined();
    expect(await ssoMarks()).toEqual({ sidebar: [false, false], tabs: [false, false] });
  });

  it('never lets a client secret into an IPC answer, the log or a file', async () => {
    const answers = JSON.stringify(app.ipcLog.map((entry) => entry.result));
    const files = await readdir(app.userDataDir, { recursive: true, withFileTypes: true });
    const written = await Promise.all(
      files.filter((file) => file.isFile()).map((file) => readFile(join(file.parentPath, file.name), 'utf8')),
    );
    expect(written.length).toBeGreaterThan(0);
    for (const secret of [TYPED_SECRET, PASTED_SECRET]) {
      expect(answers).not.toContain(secret);
      for (const content of written) expect(content).not.toContain(secret);
    }
    // Only the typed secret crossed from the window, in its own request; the pasted one never did.
    expect(JSON.stringify(app.ipcLog.map((entry) => entry.payload))).not.toContain(PASTED_SECRET);
  });
});

describe('single sign-on at the minimum window size, 960×600', () => {
  let page: Page;
  let idp: FakeIdentityProvider;

  launchPerSuite((launched) => ({ page } = launched), { viewport: { width: 960, height: 600 } });
  beforeAll(async () => {
    idp = await startFakeIdentityProvider();
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('keeps the form and the connection usable, light and dark', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('button', { name: 'SSO', exact: true }).click();
    await panel.getByRole('button', { name: 'Enable SSO…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Issuer URL').fill(idp.issuer('good'));
    await dialog.getByRole('button', { name: 'Discover' }).click();
    await dialog.getByText(/Filled in from/).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `sso-form-960x600-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    const save = dialog.getByRole('button', { name: 'Enable SSO' });
    const box = await save.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(600);
    await save.click();
    await dialog.waitFor({ state: 'detached' });
    await panel.getByRole('heading', { name: 'Connection' }).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `sso-connection-960x600-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
  });

  it('says why a viewer cannot see the SSO settings, with the server’s status and request ID', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    // The sandbox's credential is a viewer in Umbrella Health, and viewers may not read SSO.
    await sidebarOrg(page, 'Sandbox', 'Umbrella Health').click();
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('heading', { level: 1, name: 'Umbrella Health' }).waitFor();
    await panel.getByRole('button', { name: 'SSO', exact: true }).click();
    const notice = panel.getByRole('alert').filter({ hasText: "Couldn't load the SSO connection" });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/403/);
    expect(await notice.textContent()).toMatch(/Request ID/);
    expect(await panel.getByRole('button', { name: 'Enable SSO…' }).count()).toBe(0);
    await screenshot(page, 'sso-viewer-refused-960x600');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
