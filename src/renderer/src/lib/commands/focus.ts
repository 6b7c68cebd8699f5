import { tick } from 'svelte';
import { tabs, type OrgTab } from '../state/tabs.svelte';

/**
 * Where focus goes once a command has changed the tabs: to the tab now in front of the focused pane, so arrow keys
 * and Ctrl+W go on from there. When `closed` was the last tab, to that organization's entry in
 * the sidebar (else the sidebar's first control), never to the page body.
 */
export async function focusAfterTabChange(closed?: OrgTab): Promise<void> {
  await tick();
  // The focused pane's front tab: in split view each pane has one.
  const front = tabs.active && document.getElementById(`${tabs.active.domId}-tab`);
  if (front) {
    front.focus();
    front.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    return;
  }
  if (tabs.tabs.length > 0) return;
  const sidebar = document.querySelector<HTMLElement>('nav[aria-label="Profiles and organizations"]');
  const entry = closed
    ? sidebar?.querySelector<HTMLElement>(
        `[data-org-id="${CSS.escape(closed.orgId)}"][data-profile-id="${CSS.escape(closed.profileId)}"]`,
      )
    : null;
  (entry ?? sidebar?.querySelector<HTMLElement>('button:not([disabled])'))?.focus();
}
