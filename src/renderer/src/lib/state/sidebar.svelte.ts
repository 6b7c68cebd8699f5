import { SvelteSet } from 'svelte/reactivity';
import type { SidebarSnapshot } from '../../../../shared/ipc/session';

/** Which profiles are expanded to show their organizations. */
class SidebarManager {
  #expanded = new SvelteSet<string>();

  isExpanded(profileId: string): boolean {
    return this.#expanded.has(profileId);
  }

  toggle(profileId: string): void {
    if (this.#expanded.has(profileId)) this.#expanded.delete(profileId);
    else this.#expanded.add(profileId);
  }

  expand(profileId: string): void {
    this.#expanded.add(profileId);
  }

  forget(profileId: string): void {
    this.#expanded.delete(profileId);
  }

  snapshot(): SidebarSnapshot {
    return { expanded: [...this.#expanded] };
  }

  restore(snapshot: SidebarSnapshot): void {
    for (const id of snapshot.expanded ?? []) this.#expanded.add(id);
  }
}

export const sidebar = new SidebarManager();
