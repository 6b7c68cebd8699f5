import type { OrgSection, WorkspaceSnapshot } from '../../../../shared/ipc/session';

export type { OrgSection };

export interface OrgTab {
  /** `profileId` + `orgId`: the same organization is never opened twice. */
  readonly key: string;
  /** A DOM-safe id for the tab/tabpanel pair; organization IDs are not guaranteed to be. */
  readonly domId: string;
  readonly profileId: string;
  readonly orgId: string;
  title: string;
  section: OrgSection;
  /** The service account open in the Service accounts section, if one is. */
  serviceAccountId?: string;
}

/** A closed tab as Ctrl+Shift+T brings it back: where it was and what it showed. */
interface ClosedTab {
  readonly profileId: string;
  readonly orgId: string;
  readonly title: string;
  readonly section: OrgSection;
  readonly serviceAccountId?: string;
  readonly index: number;
}

/** As many closed tabs as a browser remembers per window, give or take. */
const CLOSED_TABS_KEPT = 25;

function tabKey(profileId: string, orgId: string): string {
  return `${profileId}\u0000${orgId}`;
}

/** The organizations open side by side, and which one is in front. */
class TabsManager {
  #tabs = $state<OrgTab[]>([]);
  #activeKey = $state<string | null>(null);
  #closed = $state<ClosedTab[]>([]);
  #nextId = 0;

  readonly active = $derived(this.#tabs.find((tab) => tab.key === this.#activeKey) ?? null);

  get tabs(): readonly OrgTab[] {
    return this.#tabs;
  }

  isActive(tab: OrgTab): boolean {
    return tab.key === this.#activeKey;
  }

  isShowing(profileId: string, orgId: string): boolean {
    return this.#activeKey === tabKey(profileId, orgId);
  }

  open(profileId: string, orgId: string, title: string): void {
    const key = tabKey(profileId, orgId);
    if (!this.#tabs.some((tab) => tab.key === key)) {
      this.#tabs.push({ key, domId: `org-tab-${this.#nextId++}`, profileId, orgId, title, section: 'overview' });
    }
    this.#activeKey = key;
  }

  activate(tab: OrgTab): void {
    this.#activeKey = tab.key;
  }

  /**
   * Closing the front tab brings forward its right neighbour, else its left one, as editors do.
   * The tab is remembered for `reopenClosed`.
   */
  close(tab: OrgTab): void {
    const index = this.#tabs.findIndex((candidate) => candidate.key === tab.key);
    if (index === -1) return;
    const [closed] = this.#tabs.splice(index, 1);
    if (this.#activeKey === tab.key) {
      this.#activeKey = (this.#tabs[index] ?? this.#tabs[index - 1])?.key ?? null;
    }
    const { profileId, orgId, title, section, serviceAccountId } = closed!;
    this.#closed.push({ profileId, orgId, title, section, serviceAccountId, index });
    if (this.#closed.length > CLOSED_TABS_KEPT) this.#closed.shift();
  }

  /** The profile is gone: its tabs close and cannot be reopened. */
  closeProfile(profileId: string): void {
    for (const tab of this.#tabs.filter((candidate) => candidate.profileId === profileId)) this.close(tab);
    this.#closed = this.#closed.filter((closed) => closed.profileId !== profileId);
  }

  /** Whether `reopenClosed` has a tab to bring back. */
  get canReopen(): boolean {
    return this.#closed.length > 0;
  }

  /**
   * Brings back the tab closed last, at the place it had and on the section it showed, and puts
   * it in front. A closed tab opened again since is only brought forward.
   */
  reopenClosed(): OrgTab | undefined {
    const closed = this.#closed.pop();
    if (!closed) return undefined;
    const key = tabKey(closed.profileId, closed.orgId);
    if (!this.#tabs.some((tab) => tab.key === key)) {
      const { profileId, orgId, title, section, serviceAccountId } = closed;
      const tab: OrgTab = { key, domId: `org-tab-${this.#nextId++}`, profileId, orgId, title, section };
      if (serviceAccountId !== undefined) tab.serviceAccountId = serviceAccountId;
      this.#tabs.splice(Math.min(closed.index, this.#tabs.length), 0, tab);
    }
    this.#activeKey = key;
    return this.active ?? undefined;
  }

  /** Brings forward the tab `offset` places from the front one, wrapping around (Ctrl+Tab). */
  cycle(offset: number): void {
    const target = this.active ? this.neighbour(this.active, offset) : this.#tabs[0];
    if (target) this.#activeKey = target.key;
  }

  /** Brings forward tab `slot` (1-based); the last slot is the last tab whatever the count (Ctrl+9). */
  goTo(slot: number, lastSlot: number): void {
    const target = slot === lastSlot ? this.#tabs.at(-1) : this.#tabs[slot - 1];
    if (target) this.#activeKey = target.key;
  }

  showSection(tab: OrgTab, section: OrgSection): void {
    const open = this.#tabs.find((candidate) => candidate.key === tab.key);
    if (open) open.section = section;
  }

  /** Opens a service account's page in the tab, or goes back to the list with `undefined`. */
  showServiceAccount(tab: OrgTab, serviceAccountId: string | undefined): void {
    const open = this.#tabs.find((candidate) => candidate.key === tab.key);
    if (open) open.serviceAccountId = serviceAccountId;
  }

  retitle(profileId: string, orgId: string, title: string): void {
    const tab = this.#tabs.find((candidate) => candidate.key === tabKey(profileId, orgId));
    if (tab && tab.title !== title) tab.title = title;
  }

  /** The open tabs as the session file keeps them. */
  snapshot(): Pick<WorkspaceSnapshot, 'tabs' | 'activeIndex'> {
    const index = this.#tabs.findIndex((tab) => tab.key === this.#activeKey);
    return {
      tabs: this.#tabs.map(({ profileId, orgId, title, section, serviceAccountId }) => ({
        profileId,
        orgId,
        title,
        section,
        ...(serviceAccountId === undefined ? {} : { serviceAccountId }),
      })),
      activeIndex: index === -1 ? null : index,
    };
  }

  /** Opens the tabs of a saved session (main has already dropped those of removed profiles). */
  restore(snapshot: Pick<WorkspaceSnapshot, 'tabs' | 'activeIndex'>): void {
    const restored: OrgTab[] = [];
    for (const saved of snapshot.tabs) {
      const key = tabKey(saved.profileId, saved.orgId);
      // The same organization is never opened twice, whatever the file says.
      if (restored.some((tab) => tab.key === key)) continue;
      restored.push({ ...saved, key, domId: `org-tab-${this.#nextId++}` });
    }
    this.#tabs = restored;
    const active = snapshot.activeIndex === null ? undefined : snapshot.tabs[snapshot.activeIndex];
    this.#activeKey = active ? tabKey(active.profileId, active.orgId) : (restored[0]?.key ?? null);
  }

  /** The tab `offset` places away from `tab`, wrapping around, for arrow-key navigation. */
  neighbour(tab: OrgTab, offset: number): OrgTab | undefined {
    const index = this.#tabs.findIndex((candidate) => candidate.key === tab.key);
    const count = this.#tabs.length;
    return this.#tabs[(((index + offset) % count) + count) % count];
  }
}

export const tabs = new TabsManager();
