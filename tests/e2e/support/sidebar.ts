import type { Locator, Page } from 'playwright-core';
import type { PageGlobals } from './page-globals';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The sidebar's tree of profiles and their organizations. */
export const sidebarTree = (page: Page): Locator => page.getByRole('tree', { name: 'Profiles' });

/** A profile's item in the tree, by its exact name (its environment and host follow it after a comma). */
export const sidebarProfile = (page: Page, profile: string): Locator =>
  sidebarTree(page).getByRole('treeitem', { name: new RegExp(`^${escaped(profile)}\\s*,`) });

/** The branch listing a profile's organizations; there only while the profile is expanded. */
export const sidebarOrgs = (page: Page, profile: string): Locator =>
  page.getByRole('group', { name: `Organizations of ${profile}` });

/** An organization's item under a profile, by its exact name (an SSO mark may follow it: ", SSO on"). */
export const sidebarOrg = (page: Page, profile: string, org: string): Locator =>
  sidebarOrgs(page, profile).getByRole('treeitem', { name: new RegExp(`^${escaped(org)}(\\s*, SSO on)?$`) });

/** Every organization item under a profile, "New organization" aside. */
export const sidebarOrgItems = (page: Page, profile: string): Locator =>
  sidebarOrgs(page, profile).locator('[role="treeitem"][data-key^="org:"]');

/** Expands a profile unless it already is, and waits for its organizations' branch. */
export async function expandProfile(page: Page, profile: string): Promise<void> {
  const item = sidebarProfile(page, profile);
  await item.waitFor();
  if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
  await sidebarOrgs(page, profile).waitFor();
}

/** The tree key (`profile:…`, `org:…`) of the focused element, else what else holds the focus. */
export const focusedKey = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const active = (globalThis as unknown as PageGlobals).document.activeElement;
    return active?.getAttribute('data-key') ?? active?.getAttribute('aria-label') ?? 'no tree item';
  });
