import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main/sandbox/server';
import { screenshot, type LaunchedApp, type PageGlobals, launchPerSuite } from './support';
import { seriousViolations } from './support/axe';
import {
  inviteDialog,
  inviteListRows,
  inviteOnePerson,
  pasteInvitations,
  sendInvitations,
} from './support/invitations';
import { sidebarOrg } from './support/sidebar';

const NEVER = 3_600_000;

describe('the People view', () => {
  let app: LaunchedApp;
  let page: Page;
  let sandbox: RunningSandbox;

  // The save dialog answers a path in a folder of the test's own; `saveAs` says which file name.
  let exportDir = '';
  const saveRequests: Array<{ defaultName: string }> = [];
  launchPerSuite((launched) => ({ app, page, sandbox } = launched), {
    viewport: { width: 1280, height: 800 },
    saveFile: async (request) => {
      saveRequests.push(request);
      return join(exportDir, request.defaultName);
    },
  });
  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'orgdesk-export-'));
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await openPeople('Acme Robotics');
  });

  const sandboxOrg = (name: string): Locator => sidebarOrg(page, 'Sandbox', name);
  const panel = () => page.getByRole('tabpanel');
  const table = () => panel().getByRole('table', { name: 'People' });
  const bodyRows = () => table().getByRole('rowgroup').getByRole('row');
  const row = (email: string) => bodyRows().filter({ hasText: email });
  const dialog = () => page.getByRole('dialog');
  const count = () => panel().locator('.count');
  /** Rows of members, not invitations (whose role text also reads "Organization Member"). */
  const members = () => bodyRows().filter({ has: page.locator('.cell.type', { hasText: 'Member' }) });

  async function openPeople(org: string) {
    await sandboxOrg(org).click();
    await panel().getByRole('heading', { level: 1, name: org }).waitFor();
    await panel().getByRole('button', { name: 'People', exact: true }).click();
    await bodyRows().first().waitFor();
  }

  /** Each visible row's cell texts, for asserting what the table shows. */
  async function column(name: 'email' | 'role' | 'status' | 'type'): Promise<string[]> {
    return (await bodyRows().locator(`.cell.${name}`).allTextContents()).map((text) => text.trim());
  }

  async function act(email: string, item: string) {
    await row(email)
      .getByRole('button', { name: `Actions for ${email}` })
      .click();
    await page.getByRole('menuitem', { name: item }).click();
    await dialog().waitFor();
  }

  async function firstMember(role: string, status = 'Active'): Promise<string> {
    const rows = members().filter({ hasText: role }).filter({ hasText: status });
    return ((await rows.first().locator('.cell.email').textContent()) ?? '').trim();
  }

  it('lists members and invitations with their total count', async () => {
    expect(await count().textContent()).toMatch(/^\d+ people$/);
    const types = new Set(await column('type'));
    expect(types).toEqual(new Set(['Member', 'Invitation']));
    expect(await table().getAttribute('aria-rowcount')).toBe(
      String(Number((await count().textContent())!.split(' ')[0]) + 1),
    );
    await screenshot(page, 'people-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'people-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(app.pageErrors).toEqual([]);
  });

  it('invites three people by pasting: one invalid, one already a member; the new ones show as pending', async () => {
    const member = await firstMember('Organization Member');
    const fresh = 'new.person@acmerobotics.example';
    await panel().getByRole('button', { name: 'Invite' }).click();
    await inviteDialog(page).waitFor();
    const review = await pasteInvitations(page, `${fresh}\nnot-an-address, ${member.toUpperCase()}`, {
      role: 'Organization Viewer',
    });
    expect(review).toMatch(/2 to send.*1 invalid/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'people-invite-review');
    const done = await sendInvitations(page);
    expect(done).toMatch(/1 sent/);
    expect(done).toMatch(/1 already a member/);
    const rows = await inviteListRows(page);
    expect(rows.find((r) => r.email === fresh)?.result).toMatch(/^Sent/);
    expect(rows.find((r) => r.email.toLowerCase() === member)?.result).toMatch(/^Already a member/);
    expect(rows.find((r) => r.email === 'not-an-address')?.result).toMatch(/Enter an email address/);
    await screenshot(page, 'people-invite-results');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'people-invite-results-dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await inviteDialog(page).getByRole('button', { name: 'Close', exact: true }).last().click();
    await inviteDialog(page).waitFor({ state: 'detached' });
    // The new invitation is the newest row, at the end of the list: find it as an admin would.
    await panel().getByLabel('Search people by email').fill('new.person');
    await expect
      .poll(async () => (await row(fresh).locator('.cell.status').textContent())?.trim())
      .toMatch(/^Pending\s*expires in/);
    expect((await row(fresh).locator('.cell.role').textContent())?.trim()).toBe('Organization Viewer');
    await panel().getByLabel('Search people by email').fill('');
  });

  it('invites one person, and says so by the field when they are already invited', async () => {
    await panel().getByRole('button', { name: 'Invite' }).click();
    await inviteOnePerson(page, 'new.person@acmerobotics.example');
    await inviteDialog(page).getByText('already has a pending invitation').waitFor();
    // What was typed stays.
    expect(await inviteDialog(page).getByLabel('Email', { exact: true }).inputValue()).toBe(
      'new.person@acmerobotics.example',
    );
    await page.keyboard.press('Escape');
    await inviteDialog(page).waitFor({ state: 'detached' });
  });

  it('searches by email on the server once typing pauses', async () => {
    const before = app.ipcLog.length;
    await panel().getByLabel('Search people by email').pressSequentially('zoe', { delay: 30 });
    await expect
      .poll(() => column('email'))
      .toSatisfy((emails: string[]) => emails.length > 0 && emails.every((e) => e.includes('zoe')));
    const searches = app.ipcLog.slice(before).filter((entry) => entry.channel === 'people:identities');
    // One request for the whole word, not one per keystroke.
    expect(searches.map((entry) => (entry.payload as { email?: string }).email)).toEqual(['zoe']);
    expect(await count().textContent()).toMatch(/^\d+ (person|people)$/);
    await panel().getByLabel('Search people by email').fill('');
    await expect.poll(() => column('email')).toSatisfy((emails: string[]) => emails.some((e) => !e.includes('zoe')));
  });

  it('refuses a search with a direction control by name, next to the box', async () => {
    await panel().getByLabel('Search people by email').fill('zoe\u202e');
    await panel().getByText('The search cannot contain text-direction control characters').waitFor();
    expect(await panel().getByLabel('Search people by email').getAttribute('aria-invalid')).toBe('true');
    await panel().getByLabel('Search people by email').fill('');
    await bodyRows().first().waitFor();
  });

  it('filters by role on the server and by status among the rows', async () => {
    await panel().getByLabel('Filter by role').selectOption({ label: 'Organization Viewer' });
    await expect
      .poll(() => column('role'))
      .toSatisfy((roles: string[]) => roles.length > 0 && roles.every((r) => r === 'Organization Viewer'));
    const lastCall = app.ipcLog.filter((entry) => entry.channel === 'people:identities').at(-1);
    expect((lastCall?.payload as { role?: string }).role).toBe('org_viewer');

    await panel().getByLabel('Filter by role').selectOption({ label: 'All roles' });
    await panel().getByLabel('Filter by status').selectOption({ label: 'Pending' });
    await expect
      .poll(() => column('status'))
      .toSatisfy((statuses: string[]) => statuses.length > 0 && statuses.every((s) => s.startsWith('Pending')));
    expect(await count().textContent()).toMatch(/^\d+ pending of \d+$/);
    await panel().getByLabel('Filter by status').selectOption({ label: 'All statuses' });
  });

  it('sorts by a column, both ways, and says so to assistive tech', async () => {
    const header = table().getByRole('columnheader', { name: 'Email' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await column('email');
    // Code-unit order of the lowercased address: the one main's export uses too.
    expect(ascending.map((e) => e.toLowerCase())).toEqual(ascending.map((e) => e.toLowerCase()).sort());
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect((await column('email'))[0]! >= ascending[0]!).toBe(true);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('none');
  });

  it("changes a member's role, confirming with the person's name", async () => {
    const email = await firstMember('Organization Member');
    await act(email, 'Change role…');
    expect(await dialog().getByRole('heading').textContent()).toContain(email);
    await dialog()
      .getByRole('radio', { name: /Organization Viewer/ })
      .check();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog().getByRole('button', { name: 'Change role', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    // Focus comes back to the row the change started from.
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('aria-label'),
      ),
    ).toBe(`Actions for ${email}`);
    await expect
      .poll(async () => (await row(email).locator('.cell.role').textContent())?.trim())
      .toBe('Organization Viewer');
  });

  it('disables and re-enables a member', async () => {
    const email = await firstMember('Organization Member');
    await act(email, 'Disable…');
    expect(await dialog().textContent()).toContain(`${email} will no longer be able to sign in to Acme Robotics`);
    await screenshot(page, 'people-disable-confirm');
    await dialog().getByRole('button', { name: 'Disable', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await row(email).locator('.cell.status').textContent())?.trim()).toBe('Disabled');

    await act(email, 'Enable');
    await dialog().getByRole('button', { name: 'Enable', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await row(email).locator('.cell.status').textContent())?.trim()).toBe('Active');
  });

  it('changes the role of two selected rows together, with a result per row', async () => {
    const candidates = members().filter({ hasText: 'Organization Member' });
    const emails = [
      ((await candidates.nth(0).locator('.cell.email').textContent()) ?? '').trim(),
      ((await candidates.nth(1).locator('.cell.email').textContent()) ?? '').trim(),
    ];
    for (const email of emails) await row(email).getByRole('checkbox').check();
    const bulk = panel().getByRole('region', { name: 'Selected people' });
    expect(await bulk.textContent()).toContain('2 selected');
    await bulk.getByRole('button', { name: 'Change role…' }).click();
    await dialog()
      .getByRole('radio', { name: /Organization Viewer/ })
      .check();
    await dialog().getByRole('button', { name: 'Change role of 2' }).click();
    await dialog().getByRole('status').filter({ hasText: '2 done' }).waitFor();
    await screenshot(page, 'people-bulk-results');
    for (const email of emails)
      expect(await dialog().getByRole('listitem').filter({ hasText: email }).textContent()).toContain('Role changed');
    await dialog().getByRole('button', { name: 'Done' }).click();
    for (const email of emails) {
      await expect
        .poll(async () => (await row(email).locator('.cell.role').textContent())?.trim())
        .toBe('Organization Viewer');
    }
    await panel().getByRole('button', { name: 'Clear selection' }).click();
  });

  it('removes a member after a confirmation that names them', async () => {
    const email = await firstMember('Organization Viewer');
    const before = Number((await count().textContent())!.split(' ')[0]);
    await act(email, 'Remove from organization…');
    expect(await dialog().getByRole('heading').textContent()).toContain(`Remove ${email}?`);
    expect(await dialog().textContent()).toContain(`${email} loses access to Acme Robotics`);
    await dialog().getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    await row(email).waitFor({ state: 'detached' });
    expect(await count().textContent()).toBe(`${before - 1} people`);
  });

  it('revokes a pending invitation, which stays listed as revoked', async () => {
    const pending = bodyRows()
      .filter({ has: page.locator('.cell.type', { hasText: 'Invitation' }) })
      .filter({ has: page.locator('.badge.pending') });
    const email = ((await pending.first().locator('.cell.email').textContent()) ?? '').trim();
    await act(email, 'Revoke invitation…');
    expect(await dialog().getByRole('heading').textContent()).toContain(email);
    await dialog().getByRole('button', { name: 'Revoke', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await row(email).locator('.cell.status').textContent())?.trim()).toBe('Revoked');
    // A revoked invitation offers nothing more to do to it.
    await row(email)
      .getByRole('button', { name: `Actions for ${email}` })
      .click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(['Copy email']);
    await page.keyboard.press('Escape');
  });

  it('works from the keyboard: the row menu opens with Enter and moves with the arrows', async () => {
    const email = await firstMember('Organization Member');
    await row(email)
      .getByRole('button', { name: `Actions for ${email}` })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    expect(await page.locator('[role="menuitem"][data-highlighted]').textContent()).toBe('Change role…');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('[role="menuitem"][data-highlighted]').textContent()).toBe('Disable…');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
  });

  it('has no serious accessibility violations, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows when each pending invitation expires, and marks expired ones', async () => {
    await panel().getByLabel('Filter by status').selectOption({ label: 'Pending' });
    await expect
      .poll(async () => (await bodyRows().first().locator('.cell.status').textContent())?.trim())
      .toMatch(/^Pending\s*expires in \d+ (day|hour)s?$/);
    await panel().getByLabel('Filter by status').selectOption({ label: 'Expired' });
    await expect
      .poll(async () => (await bodyRows().first().locator('.cell.status').textContent())?.trim())
      .toMatch(/^Expired\s*expired \d+ (day|hour)s? ago$/);
    await panel().getByLabel('Filter by status').selectOption({ label: 'All statuses' });
  });

  it('exports the list with the filters shown, every page, to the file the save dialog names', async () => {
    await panel().getByLabel('Filter by role').selectOption({ label: 'Organization Member' });
    await expect
      .poll(() => column('role'))
      .toSatisfy((roles: string[]) => roles.length > 0 && roles.every((r) => r === 'Organization Member'));
    const shown = Number((await count().textContent())!.split(' ')[0]);
    await panel().getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'CSV (spreadsheet)…' }).click();
    await page.getByText(`Exported ${shown} people`).waitFor();
    const request = saveRequests.at(-1)!;
    expect(request.defaultName).toMatch(/^acme-robotics-people-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(join(exportDir, request.defaultName), 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toBe('email,type,role,status,source,created_at,updated_at,id,expires_at');
    expect(lines).toHaveLength(shown + 1);
    expect(lines.slice(1).every((line) => line.includes(',org_member,'))).toBe(true);
    await panel().getByLabel('Filter by role').selectOption({ label: 'All roles' });
  });

  it('refuses to disable the last active administrator, and says why', async () => {
    await openPeople('Globex Research');
    await panel().getByLabel('Filter by role').selectOption({ label: 'Organization Administrator' });
    await panel().getByLabel('Filter by status').selectOption({ label: 'Active' });
    await expect
      .poll(() => column('role'))
      .toSatisfy((roles: string[]) => roles.length > 0 && roles.every((r) => r === 'Organization Administrator'));
    const admins = (await column('email')).length;
    await table().getByRole('columnheader').first().getByRole('checkbox').check();
    await panel().getByRole('region', { name: 'Selected people' }).getByRole('button', { name: 'Disable…' }).click();
    await dialog()
      .getByRole('button', { name: `Disable ${admins}` })
      .click();
    // Administrators are changed one at a time, so the last one standing is refused.
    await dialog().getByRole('status').filter({ hasText: '1 failed' }).waitFor();
    const refused = dialog()
      .getByRole('listitem')
      .filter({ hasText: 'is the only active administrator of Globex Research' });
    expect(await refused.count()).toBe(1);
    await screenshot(page, 'people-last-admin');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog().getByRole('button', { name: 'Done' }).click();

    // Removing the one left is refused too, in the confirmation, which stays open and says why.
    await panel().getByRole('button', { name: 'Clear selection' }).click();
    const last = (await column('email'))[0]!;
    await act(last, 'Remove from organization…');
    await dialog().getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog()
      .getByRole('alert')
      .filter({ hasText: `${last} is the only active administrator of Globex Research` })
      .waitFor();
    await screenshot(page, 'people-last-admin-remove');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'people-last-admin-remove-dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect(await row(last).count()).toBe(1);
    // Undo, so the organization keeps its administrators for other suites reading the same sandbox.
    await panel().getByLabel('Filter by status').selectOption({ label: 'Disabled' });
    await table().getByRole('columnheader').first().getByRole('checkbox').check();
    await panel().getByRole('region', { name: 'Selected people' }).getByRole('button', { name: 'Enable…' }).click();
    await dialog()
      .getByRole('button', { name: /^Enable \d+$/ })
      .click();
    await dialog()
      .getByRole('status')
      .filter({ hasText: /\d+ done\./ })
      .waitFor();
    await dialog().getByRole('button', { name: 'Done' }).click();
    await panel().getByLabel('Filter by status').selectOption({ label: 'All statuses' });
    await panel().getByLabel('Filter by role').selectOption({ label: 'All roles' });
  });

  it('says why people could not be loaded, and recovers on Retry', async () => {
    await panel().getByRole('button', { name: 'Overview' }).click();
    sandbox.faults.add({ method: 'GET', path: /\/identities$/, status: 500, times: Infinity });
    await panel().getByRole('button', { name: 'People', exact: true }).click();
    await panel().getByLabel('Filter by role').selectOption({ label: 'Organization Viewer' });
    const failed = panel().getByRole('alert').filter({ hasText: "Couldn't load people" });
    await failed.waitFor();
    await screenshot(page, 'people-load-failed');
    sandbox.faults.clear();
    await failed.getByRole('button', { name: /Retry/ }).click();
    await bodyRows().first().waitFor();
    await panel().getByLabel('Filter by role').selectOption({ label: 'All roles' });
  });

  it('cancels a long load and offers to load again', async () => {
    await panel().getByRole('button', { name: 'Overview' }).click();
    sandbox.faults.add({ method: 'GET', path: /\/identities$/, delayMs: NEVER });
    await panel().getByRole('button', { name: 'People', exact: true }).click();
    await panel().getByLabel('Filter by role').selectOption({ label: 'Organization Member' });
    await panel().getByRole('button', { name: 'Cancel loading people' }).click();
    await panel().getByText('Loading people stopped.').waitFor();
    sandbox.faults.clear();
    await panel().getByRole('button', { name: 'Load again' }).click();
    await bodyRows().first().waitFor();
    await panel().getByLabel('Filter by role').selectOption({ label: 'All roles' });
  });
});

describe('the People view at the minimum window size, 960×600', () => {
  let page: Page;

  launchPerSuite((launched) => ({ page } = launched), { viewport: { width: 960, height: 600 } });

  it('keeps the toolbar, the table and its actions in view', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await sidebarOrg(page, 'Sandbox', 'Acme Robotics').click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'People', exact: true }).click();
    const table = page.getByRole('table', { name: 'People' });
    await table.getByRole('rowgroup').getByRole('row').first().waitFor();
    const box = await table.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(600);
    const actions = table.getByRole('rowgroup').getByRole('row').first().getByRole('button');
    const actionBox = await actions.boundingBox();
    expect(actionBox!.x + actionBox!.width).toBeLessThanOrEqual(960);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `people-960x600-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});
