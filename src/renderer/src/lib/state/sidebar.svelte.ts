import { SvelteSet } from 'svelte/reactivity';
import type { SidebarSnapshot } from '../../../../shared/ipc/session';

/** How wide the sidebar may be dragged, in CSS pixels. */
export const SIDEBAR_WIDTH = { min: 200, max: 480, default: 272 } as const;

/** The tree's items are named by these keys: the roving tab stop and a pending focus refer to them. */
export const treeKey = {
  profile: (profileId: string) => `profile:${profileId}`,
  org: (profileId: string, orgId: string) => `org:${profileId}:${orgId}`,
  newOrg: (profileId: string) => `new-org:${profileId}`,
};

/**
 * The sidebar's own state: which profiles are expanded, its width, whether it is hidden, the
 * filter, and which tree item holds the tab stop. Width, hidden and expanded are what a restart
 * brings back (`snapshot` / `restore`); the rest lasts as long as the window.
 */
export class SidebarState {
  #expanded = new SvelteSet<string>();
  /** Profiles folded while a filter is typed: the filter shows every profile's matches, these aside. */
  #foldedWhileFiltering = new SvelteSet<string>();
  #width = $state<number>(SIDEBAR_WIDTH.default);
  #collapsed = $state(false);
  #filter = $state('');
  #current = $state<string | null>(null);
  #focusRequest = $state<string | null>(null);

  get width(): number {
    return this.#width;
  }

  get collapsed(): boolean {
    return this.#collapsed;
  }

  get filter(): string {
    return this.#filter;
  }

  get filtering(): boolean {
    return this.#filter.trim() !== '';
  }

  /** Whether the profile shows its organizations: a filter shows them all unless folded meanwhile. */
  isExpanded(profileId: string): boolean {
    return this.filtering ? !this.#foldedWhileFiltering.has(profileId) : this.#expanded.has(profileId);
  }

  toggle(profileId: string): void {
    this.setExpanded(profileId, !this.isExpanded(profileId));
  }

  expand(profileId: string): void {
    this.setExpanded(profileId, true);
  }

  collapse(profileId: string): void {
    this.setExpanded(profileId, false);
  }

  setExpanded(profileId: string, expanded: boolean): void {
    if (this.filtering) {
      if (expanded) this.#foldedWhileFiltering.delete(profileId);
      else this.#foldedWhileFiltering.add(profileId);
      // Unfolding a match is also what the user will want once the filter is cleared.
      if (expanded) this.#expanded.add(profileId);
      return;
    }
    if (expanded) this.#expanded.add(profileId);
    else this.#expanded.delete(profileId);
  }

  forget(profileId: string): void {
    this.#expanded.delete(profileId);
    this.#foldedWhileFiltering.delete(profileId);
  }

  setFilter(text: string): void {
    if (text.trim() !== this.#filter.trim()) this.#foldedWhileFiltering.clear();
    this.#filter = text;
  }

  setWidth(width: number): void {
    if (!Number.isFinite(width)) return;
    this.#width = Math.round(Math.min(SIDEBAR_WIDTH.max, Math.max(SIDEBAR_WIDTH.min, width)));
  }

  resetWidth(): void {
    this.#width = SIDEBAR_WIDTH.default;
  }

  setCollapsed(collapsed: boolean): void {
    this.#collapsed = collapsed;
  }

  /** The tree item that is the tree's tab stop (roving tabindex). */
  get current(): string | null {
    return this.#current;
  }

  setCurrent(key: string | null): void {
    this.#current = key;
  }

  isCurrent(key: string): boolean {
    return this.#current === key;
  }

  /**
   * Asks the tree to focus an item once it is on screen, e.g. a profile just added, whose row
   * appears only after the list is read again. Makes it the tab stop at once.
   */
  requestFocus(key: string): void {
    this.#focusRequest = key;
    this.#current = key;
    if (this.#collapsed) this.#collapsed = false;
  }

  get focusRequest(): string | null {
    return this.#focusRequest;
  }

  /** Clears the request if it still names `key` (a newer one stays). */
  focusDone(key: string): void {
    if (this.#focusRequest === key) this.#focusRequest = null;
  }

  snapshot(): Required<SidebarSnapshot> {
    return { width: this.#width, collapsed: this.#collapsed, expanded: [...this.#expanded] };
  }

  /**
   * Takes a snapshot back (main validated it with the session file); a width out of this
   * sidebar's range, from another screen or an edited file, is brought into it.
   */
  restore(snapshot: SidebarSnapshot): void {
    if (snapshot.width !== undefined) this.setWidth(snapshot.width);
    if (snapshot.collapsed !== undefined) this.#collapsed = snapshot.collapsed;
    if (snapshot.expanded !== undefined) {
      this.#expanded.clear();
      for (const id of snapshot.expanded) this.#expanded.add(id);
    }
  }
}

export const sidebar = new SidebarState();
