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

function tabKey(profileId: string, orgId: string): string {
  return `${profileId}\u0000${orgId}`;
}

/** The organizations open side by side, and which one is in front. */
class TabsManager {
  #tabs = $state<OrgTab[]>([]);
  #activeKey = $state<string | null>(null);
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

  /** Closing the front tab brings forward its right neighbour, else its left one, as editors do. */
  close(tab: OrgTab): void {
    const index = this.#tabs.findIndex((candidate) => candidate.key === tab.key);
    if (index === -1) return;
    this.#tabs.splice(index, 1);
    if (this.#activeKey === tab.key) {
      this.#activeKey = (this.#tabs[index] ?? this.#tabs[index - 1])?.key ?? null;
    }
  }

  closeProfile(profileId: string): void {
    for (const tab of this.#tabs.filter((candidate) => candidate.profileId === profileId)) this.close(tab);
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
