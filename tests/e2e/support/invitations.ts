import type { Locator, Page } from 'playwright-core';

/** One row of the invite dialog's review or results list, as the screen shows it. */
export interface InviteListRow {
  line: string;
  email: string;
  role: string;
  /** The status word(s) and the message under them, e.g. "Already a member x is already a member…". */
  result: string;
}

/** Past this many characters a paste is set in one go rather than typed (see `pasteInvitations`). */
const LONG_PASTE = 2_000;

/** The invite dialog, whatever organization it names. */
export function inviteDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /^Invite people to / });
}

/** Reads every row of the dialog's list (review or results) in one round trip. */
export async function inviteListRows(page: Page): Promise<InviteListRow[]> {
  const cells = await inviteDialog(page)
    .getByRole('region', { name: /^(Addresses to review|Invitation results)$/ })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from((row as unknown as { children: ArrayLike<{ textContent: string | null }> }).children, (cell) =>
          (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
      ),
    );
  return cells.map(([line = '', email = '', role = '', result = '']) => ({ line, email, role, result }));
}

/**
 * With the invite dialog open: switches to "Paste a list", pastes `text`, optionally picks the
 * role for addresses that name none (by its label), and opens the review. Returns the review's
 * summary line ("3 to send · 1 invalid"), or throws with the field's message when the list is
 * refused as a whole (empty, or past the limit).
 */
export async function pasteInvitations(page: Page, text: string, options: { role?: string } = {}): Promise<string> {
  const dialog = inviteDialog(page);
  await dialog.getByRole('radio', { name: 'Paste a list', exact: true }).check();
  const field = dialog.getByLabel('Email addresses', { exact: true });
  if (text.length <= LONG_PASTE) {
    await field.fill(text);
  } else {
    // Chromium inserts typed text line by line (a 1,000-line fill takes seconds on a small
    // machine); a long paste lands as one value change, as a clipboard paste does.
    await field.evaluate((element, value) => {
      const textarea = element as unknown as { value: string; dispatchEvent(event: unknown): boolean };
      textarea.value = value;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  }
  if (options.role !== undefined) {
    await dialog
      .getByRole('group', { name: 'Role, for addresses that name none' })
      .getByRole('radio', { name: options.role, exact: true })
      .check();
  }
  await dialog.getByRole('button', { name: 'Review', exact: true }).click();
  const heading = dialog.getByRole('heading', { name: 'Review before sending' });
  const refused = field.and(page.locator('[aria-invalid="true"]'));
  await heading.or(refused).waitFor();
  if (await refused.isVisible()) {
    const errorId = (await field.getAttribute('aria-describedby'))?.split(' ')[0];
    const message = errorId ? await page.locator(`[id="${errorId}"]`).textContent() : null;
    throw new Error(`The list was refused: ${message ?? '(no message)'}`);
  }
  return (await dialog.locator('.summary').textContent())?.trim() ?? '';
}

/**
 * From the review: sends, waits until every row has its answer, and returns the status line
 * ("Done: 2 sent · 1 already a member · …").
 */
export async function sendInvitations(page: Page): Promise<string> {
  const dialog = inviteDialog(page);
  await dialog.getByRole('button', { name: /^Send [\d,]+ invitations?$/ }).click();
  const status = dialog.getByRole('status').filter({ hasText: /^(Done:|Nothing was sent)/ });
  await status.waitFor();
  return (await status.textContent())?.trim() ?? '';
}

/** With the invite dialog open on "One person": fills the address, picks the role by its label, and sends. */
export async function inviteOnePerson(page: Page, email: string, role?: string): Promise<void> {
  const dialog = inviteDialog(page);
  await dialog.getByRole('radio', { name: 'One person', exact: true }).check();
  await dialog.getByLabel('Email', { exact: true }).fill(email);
  if (role !== undefined) {
    await dialog
      .getByRole('group', { name: 'Role', exact: true })
      .getByRole('radio', { name: role, exact: true })
      .check();
  }
  await dialog.getByRole('button', { name: 'Send invitation', exact: true }).click();
}
