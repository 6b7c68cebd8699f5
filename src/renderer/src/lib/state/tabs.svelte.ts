/** The parts of an organization a tab can show. */
export type OrgSection = 'overview' | 'people' | 'service-accounts' | 'activity';

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

  /** The tab `offset` places away from `tab`, wrapping around, for arrow-key navigation. */
  neighbour(tab: OrgTab, offset: number): OrgTab | undefined {
    const index = this.#tabs.findIndex((candidate) => candidate.key === tab.key);
    const count = this.#tabs.length;
    return this.#tabs[(((index + offset) % count) + count) % count];
  }
}

export const tabs = new TabsManager();
