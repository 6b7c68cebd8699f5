import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import type { OrganizationRole } from '../../src/shared/api/users';
import { createSandboxProfile, launchPerSuite, screenshot, type LaunchedApp } from './support';
import { seriousViolations } from './support/axe';
import { expandProfile, sidebarOrg } from './support/sidebar';

const STAMP = '2026-06-01T00:00:00.000Z';

describe('compare two organizations', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;
  let exportDir = '';
  const saveRequests: Array<{ defaultName: string }> = [];

  launchPerSuite((launched) => ({ app, page, sandbox } = launched), {
    viewport: { width: 1280, height: 800 },
    saveFile: async (request) => {
      saveRequests.push(request);
      return join(exportDir, request.defaultName);
    },
  });

  const orgIdOf = (name: string) => sandbox.state.organizations.all().find((org) => org.name === name)!.id;
  function addMember(orgId: string, email: string, role: OrganizationRole) {
    sandbox.state.users.add({
      organization_id: orgId,
      email,
      role,
      status: 'active',
      source: 'https://id.keycard.ai',
      created_at: STAMP,
      updated_at: STAMP,
    });
  }

  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'orgdesk-compare-'));
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // Known differences: one person with another role, one only in Acme, one invited only to
    // Globex; a service account described differently; SSO on in Globex only.
    const acme = orgIdOf('Acme Robotics');
    const globex = orgIdOf('Globex Research');
    addMember(acme, 'pat.shared@example.com', 'org_member');
    addMember(globex, 'Pat.Shared@example.com', 'org_admin');
    addMember(acme, 'only.acme@example.com', 'org_viewer');
    sandbox.state.invitations.create({
      organization_id: globex,
      email: 'invited.globex@example.com',
      role: 'org_member',
      created_by: sandbox.state.users.of(globex).all()[0]!.id,
      at: STAMP,
      expires_at: '2099-01-01T00:00:00.000Z',
    });
    sandbox.state.serviceAccounts.create({ organization_id: acme, name: 'deploy-bot', description: 'pushes images' });
    sandbox.state.serviceAccounts.create({ organization_id: globex, name: 'deploy-bot', description: 'nightly sync' });
    sandbox.state.enableSso(globex, {
      identifier: 'https://login.globex.example',
      client_id: 'orgdesk-globex',
      client_secret: 'compare-sso-secret-7f3a',
      protocols: { oauth2: { scopes_supported: ['openid', 'email'] } },
    });

    await createSandboxProfile(app.services, 'Operations');
    await createSandboxProfile(app.services, 'Staging');
    await page.reload();
    await expandProfile(page, 'Operations');
    await expandProfile(page, 'Staging');
    await orgOf('Staging', 'Globex Research').click();
    await panel().getByRole('heading', { level: 1, name: 'Globex Research' }).waitFor();
    await orgOf('Operations', 'Acme Robotics').click();
    await panel().getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
  });

  const orgOf = (profile: string, name: string): Locator => sidebarOrg(page, profile, name);
  const panel = () => page.getByRole('tabpanel');
  const dialog = () => page.getByRole('dialog');
  const memberTable = () => dialog().getByRole('table', { name: 'Members that differ' });
  const memberRow = (email: string) => memberTable().getByRole('row').filter({ hasText: email });
  const sectionButton = (name: string) => dialog().getByRole('navigation').getByRole('button', { name });

  async function axeBothSchemes(name: string): Promise<void> {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `${name}-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  async function compareWith(list: 'Open tabs' | 'Every organization', org: string, profile: string) {
    await panel().getByRole('button', { name: 'Compare with…' }).click();
    await dialog().getByRole('heading', { name: 'Compare Acme Robotics with…' }).waitFor();
    await dialog()
      .getByRole('list', { name: list })
      .getByRole('button', { name: new RegExp(`^${org}\\s*${profile}$`) })
      .click();
    await dialog()
      .getByText(/^Compared /)
      .waitFor();
  }

  /** The member's row, scrolling the virtual list down until it is drawn. */
  async function findMember(email: string): Promise<Locator> {
    const scroller = memberTable();
    await scroller.evaluate((element) => (element.scrollTop = 0));
    for (let step = 0; step < 50; step++) {
      if ((await memberRow(email).count()) > 0) return memberRow(email);
      await scroller.evaluate((element) => (element.scrollTop += element.clientHeight / 2));
    }
    throw new Error(`${email} is not in the list`);
  }
  const cells = async (row: Locator) => (await row.getByRole('cell').allInnerTexts()).map((text) => text.trim());
  const drawnRows = () => memberTable().getByRole('rowgroup').getByRole('row');

  it('offers the other open tab and every loaded organization, each with its profile', async () => {
    await panel().getByRole('button', { name: 'Compare with…' }).click();
    const openTabs = dialog().getByRole('list', { name: 'Open tabs' });
    expect((await openTabs.getByRole('button').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '))).toEqual([
      'Globex Research Staging',
    ]);
    const every = dialog().getByRole('list', { name: 'Every organization' });
    // The same organization under the other profile is offered; itself under this profile is not.
    await every.getByRole('button', { name: /^Acme Robotics\s*Staging$/ }).waitFor();
    expect(await every.getByRole('button', { name: /^Acme Robotics\s*Operations$/ }).count()).toBe(0);
    await dialog().getByLabel('Find an organization').fill('umbrella');
    expect(await every.getByRole('button').count()).toBe(2);
    await dialog().getByLabel('Find an organization').fill('');
    await axeBothSchemes('compare-picker');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    // Focus comes back to the button that opened the picker.
    expect(
      await panel()
        .getByRole('button', { name: 'Compare with…' })
        .evaluate((element) => element === (element.ownerDocument as { activeElement: unknown }).activeElement),
    ).toBe(true);
  });

  it('shows the members that differ, each side named by organization and profile', async () => {
    await compareWith('Open tabs', 'Globex Research', 'Staging');
    await dialog()
      .getByRole('heading', { name: 'Compare Acme Robotics (Operations) with Globex Research (Staging)' })
      .waitFor();
    // The seeded people of the two organizations differ too: only Pat is on both sides.
    await dialog().getByText('In both, different').click();
    await expect.poll(() => drawnRows().count()).toBe(1);
    expect(await cells(drawnRows().first())).toEqual([
      'pat.shared@example.com',
      'Member · Active',
      'Admin · Active',
      'role differs',
    ]);

    await dialog()
      .getByText(/^Only in Acme Robotics \(Operations\)/)
      .click();
    expect(await cells(await findMember('only.acme@example.com'))).toEqual([
      'only.acme@example.com',
      'Viewer · Active',
      'Not there',
      'Only in A',
    ]);
    expect(await drawnRows().filter({ hasNotText: 'Only in A' }).count()).toBe(0);

    await dialog()
      .getByText(/^Only in Globex Research \(Staging\)/)
      .click();
    expect(await cells(await findMember('invited.globex@example.com'))).toEqual([
      'invited.globex@example.com',
      'Not there',
      'Invitation · Member · Pending',
      'Only in B',
    ]);
    await dialog().getByText('All differences').click();
    await axeBothSchemes('compare-members-1280');
  });

  it('shows the service account described differently and SSO field by field, never the secret', async () => {
    await sectionButton('Service accounts').click();
    const deploy = dialog().getByRole('row', { name: /deploy-bot/ });
    expect(await deploy.innerText()).toMatch(/pushes images[\s\S]*nightly sync[\s\S]*description differs/);

    await sectionButton('SSO').click();
    const ssoRow = (setting: string) => dialog().getByRole('row', { name: new RegExp(`^${setting}`) });
    expect((await ssoRow('Single sign-on').getByRole('cell').allInnerTexts()).map((t) => t.trim())).toEqual([
      'Off',
      'On',
      'Differs',
    ]);
    expect((await ssoRow('Client secret').getByRole('cell').allInnerTexts()).map((t) => t.trim())).toEqual([
      '—',
      'Set',
      'Differs',
    ]);
    expect((await ssoRow('Supported scopes').getByRole('cell').allInnerTexts())[1]!.trim()).toBe('email openid');
    expect(await dialog().innerText()).not.toContain('compare-sso-secret');
    await axeBothSchemes('compare-sso');
  });

  it('exports the comparison through the save dialog', async () => {
    await dialog().getByRole('button', { name: 'Export CSV…' }).click();
    await dialog()
      .getByText(/^Exported \d+ differences to/)
      .waitFor();
    const request = saveRequests.at(-1)!;
    expect(request.defaultName).toMatch(/^acme-robotics-vs-globex-research-compare-\d{4}-\d\d-\d\d\.csv$/);
    const csv = await readFile(join(exportDir, request.defaultName), 'utf8');
    expect(csv).toContain(
      'members,pat.shared@example.com,differs,role,"member, org_member, active","member, org_admin, active"',
    );
    expect(csv).toContain('service_accounts,deploy-bot,differs,description,pushes images,nightly sync');
    expect(csv).not.toContain('compare-sso-secret');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('says which sections a viewer cannot read, and still compares the members', async () => {
    await compareWith('Every organization', 'Umbrella Health', 'Operations');
    await sectionButton('Service accounts').click();
    const note = dialog().getByRole('note');
    expect(await note.innerText()).toMatch(
      /Umbrella Health \(Operations\):\s*Not readable under profile Operations: .*org_viewer/,
    );
    expect(await sectionButton('SSO').innerText()).toContain('not readable');
    await screenshot(page, 'compare-not-readable-note');
    await sectionButton('Members').click();
    await memberTable().waitFor();
    await axeBothSchemes('compare-unreadable');
    await page.keyboard.press('Escape');
  });

  it('lists 10,000 differences with a few dozen rows drawn, down to the last', async () => {
    const initech = orgIdOf('Initech Platform');
    for (let i = 0; i < 10_000; i++)
      addMember(initech, `bulk.${String(i).padStart(5, '0')}@initech.example`, 'org_member');
    await compareWith('Every organization', 'Initech Platform', 'Operations');
    const onlyB = dialog().locator('label', { hasText: 'Only in Initech Platform (Operations)' });
    expect(Number((await onlyB.locator('.count').innerText()).replace(/\D/g, ''))).toBeGreaterThan(10_000);
    const drawn = await drawnRows().count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(60);
    await memberTable().evaluate((element) => (element.scrollTop = element.scrollHeight));
    const rowCount = await memberTable().getAttribute('aria-rowcount');
    expect(Number(rowCount)).toBeGreaterThan(10_000);
    await memberTable().locator(`[role="row"][aria-rowindex="${rowCount}"]`).waitFor();
    expect(await drawnRows().count()).toBeLessThan(60);
    await screenshot(page, 'compare-10000-bottom');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('fits the smallest window', async () => {
    await page.setViewportSize({ width: 960, height: 600 });
    await compareWith('Open tabs', 'Globex Research', 'Staging');
    await memberTable().waitFor();
    const box = (await dialog().boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(960);
    expect(box.height).toBeLessThanOrEqual(600);
    const exportButton = (await dialog().getByRole('button', { name: 'Export CSV…' }).boundingBox())!;
    expect(exportButton.x + exportButton.width).toBeLessThanOrEqual(box.x + box.width);
    await screenshot(page, 'compare-members-960');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
