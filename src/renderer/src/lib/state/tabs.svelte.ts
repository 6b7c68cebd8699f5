import { MAX_PANES, type OrgSection, type WorkspacePane, type WorkspaceSnapshot } from '../../../../shared/ipc/session';

export type { OrgSection };

export interface OrgTab {
  /**
   * `profileId` + `orgId`: the same organization is never opened twice, not even in two panes
   * (both views would show the same cached data; compare two organizations, or one under two
   * profiles, side by side instead).
   */
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

/** One tab strip of split view, with the organization in front. */
export interface Pane {
  /** A DOM-safe id, stable while the pane is open. */
  readonly id: string;
  tabs: OrgTab[];
  activeKey: string | null;
  /** Its share of the workspace's width, in percent; the panes' sizes add up to 100. */
  size: number;
}

export { MAX_PANES };
/** The narrowest a pane may be made by resizing, in percent of the workspace (CSS keeps a pixel floor too). */
export const MIN_PANE_SIZE = 20;

/** As many closed tabs as a browser remembers per window, give or take. */
const CLOSED_TABS_KEPT = 25;

function tabKey(profileId: string, orgId: string): string {
  return `${profileId}\u0000${orgId}`;
}

type SavedPanes = Pick<WorkspaceSnapshot, 'tabs' | 'activeIndex' | 'splitPanes' | 'activePane' | 'paneSizes'>;

/**
 * The organizations open, in one or more panes side by side (split view), and which one is in
 * front in each. One pane has focus: new tabs open there and the tab commands (Ctrl+Tab, Ctrl+W,
 * Ctrl+1…9) act on it.
 */
class TabsManager {
  #panes = $state<Pane[]>([]);
  #focusedId = $state('');
  #closed = $state<ClosedTab[]>([]);
  #nextId = 0;
  #nextPaneId = 0;

  constructor() {
    const pane = this.#newPane(100);
    this.#panes = [pane];
    this.#focusedId = pane.id;
  }

  readonly #focused = $derived(this.#panes.find((pane) => pane.id === this.#focusedId) ?? this.#panes[0]!);

  /** The tab in front of the focused pane. */
  readonly active = $derived(this.#frontOf(this.#focused));

  get panes(): readonly Pane[] {
    return this.#panes;
  }

  get focusedPane(): Pane {
    return this.#focused;
  }

  /** Every open tab, pane after pane. */
  get tabs(): readonly OrgTab[] {
    return this.#panes.flatMap((pane) => pane.tabs);
  }

  /** Whether `tab` is the one in front of its pane (shown). */
  isActive(tab: OrgTab): boolean {
    return this.paneOf(tab)?.activeKey === tab.key;
  }

  /** Whether the organization is shown in one of the panes. */
  isShowing(profileId: string, orgId: string): boolean {
    const key = tabKey(profileId, orgId);
    return this.#panes.some((pane) => pane.activeKey === key);
  }

  paneOf(tab: Pick<OrgTab, 'key'>): Pane | undefined {
    return this.#panes.find((pane) => pane.tabs.some((candidate) => candidate.key === tab.key));
  }

  focusPane(pane: Pane): void {
    if (this.#panes.includes(pane)) this.#focusedId = pane.id;
  }

  /** Opens the organization in the focused pane, or brings it forward in the pane that has it. */
  open(profileId: string, orgId: string, title: string): void {
    const key = tabKey(profileId, orgId);
    const existing = this.#find(key);
    if (existing) {
      this.activate(existing);
      return;
    }
    const pane = this.#focused;
    pane.tabs.push(this.#newTab(profileId, orgId, title));
    pane.activeKey = key;
  }

  /**
   * Opens the organization in the pane right of the focused one (a new pane when there is none
   * and room for one, else the one on its left), as editors' "Open to the Side" does; an open
   * tab moves there.
   */
  openToSide(profileId: string, orgId: string, title: string): void {
    const key = tabKey(profileId, orgId);
    const existing = this.#find(key);
    if (existing) {
      this.moveToSide(existing);
      return;
    }
    const target = this.#sideOf(this.#focused, true);
    target.tabs.push(this.#newTab(profileId, orgId, title));
    target.activeKey = key;
    this.#focusedId = target.id;
  }

  /** Whether `moveToSide` would change anything: not for the only tab of the only pane. */
  canMoveToSide(tab: OrgTab): boolean {
    return this.#panes.length > 1 || (this.paneOf(tab)?.tabs.length ?? 0) > 1;
  }

  /**
   * Moves the tab to the pane beside its own, in front and focused: into a new pane on the right
   * when there is one pane (splitting it), else to the pane on the right, or the left for the last.
   */
  moveToSide(tab: OrgTab): void {
    const source = this.paneOf(tab);
    if (!source || !this.canMoveToSide(tab)) return;
    // In split view it goes to a pane there is (the one on the right, else the left); a pane is added only to split one.
    this.moveTo(tab, this.#sideOf(source, this.#panes.length === 1));
  }

  /**
   * Moves the tab into `target` before the tab at `index` (at the end without one), puts it in
   * front there and focuses that pane. A pane left empty closes.
   */
  moveTo(tab: OrgTab, target: Pane, index?: number): void {
    const source = this.paneOf(tab);
    if (!source || !this.#panes.includes(target)) return;
    const from = source.tabs.findIndex((candidate) => candidate.key === tab.key);
    const [moved] = source.tabs.splice(from, 1);
    if (source.activeKey === tab.key) source.activeKey = (source.tabs[from] ?? source.tabs[from - 1])?.key ?? null;
    const at =
      index === undefined
        ? target.tabs.length
        : Math.min(index < from || source !== target ? index : index - 1, target.tabs.length);
    target.tabs.splice(at, 0, moved!);
    target.activeKey = moved!.key;
    this.#focusedId = target.id;
    if (source !== target && source.tabs.length === 0) this.#closePane(source, target);
  }

  /** Moves the tab into a new pane right of `after` (a drop on the split zone), when there is room. */
  moveToNewPane(tab: OrgTab, after: Pane): void {
    if (this.#panes.length >= MAX_PANES || !this.canMoveToSide(tab)) return;
    this.moveTo(tab, this.#splitAfter(after));
  }

  activate(tab: OrgTab): void {
    const pane = this.paneOf(tab);
    if (!pane) return;
    pane.activeKey = tab.key;
    this.#focusedId = pane.id;
  }

  /**
   * Closing the front tab brings forward its right neighbour, else its left one, as editors do.
   * Closing a pane's last tab closes the pane, and focus goes to the pane beside it. The tab is
   * remembered for `reopenClosed`.
   */
  close(tab: OrgTab): void {
    const pane = this.paneOf(tab);
    if (!pane) return;
    const index = pane.tabs.findIndex((candidate) => candidate.key === tab.key);
    const [closed] = pane.tabs.splice(index, 1);
    if (pane.activeKey === tab.key) {
      pane.activeKey = (pane.tabs[index] ?? pane.tabs[index - 1])?.key ?? null;
    }
    const { profileId, orgId, title, section, serviceAccountId } = closed!;
    this.#closed.push({ profileId, orgId, title, section, serviceAccountId, index });
    if (this.#closed.length > CLOSED_TABS_KEPT) this.#closed.shift();
    if (pane.tabs.length === 0) this.#closePane(pane);
  }

  /** The profile is gone: its tabs close and cannot be reopened. */
  closeProfile(profileId: string): void {
    for (const tab of this.tabs.filter((candidate) => candidate.profileId === profileId)) this.close(tab);
    this.#closed = this.#closed.filter((closed) => closed.profileId !== profileId);
  }

  /** Whether `reopenClosed` has a tab to bring back. */
  get canReopen(): boolean {
    return this.#closed.length > 0;
  }

  /**
   * Brings back the tab closed last, in the focused pane at the place it had and on the section
   * it showed, and puts it in front. A closed tab opened again since is only brought forward.
   */
  reopenClosed(): OrgTab | undefined {
    const closed = this.#closed.pop();
    if (!closed) return undefined;
    const key = tabKey(closed.profileId, closed.orgId);
    const existing = this.#find(key);
    if (existing) {
      this.activate(existing);
    } else {
      const { profileId, orgId, title, section, serviceAccountId } = closed;
      const tab = this.#newTab(profileId, orgId, title);
      tab.section = section;
      if (serviceAccountId !== undefined) tab.serviceAccountId = serviceAccountId;
      const pane = this.#focused;
      pane.tabs.splice(Math.min(closed.index, pane.tabs.length), 0, tab);
      pane.activeKey = key;
    }
    return this.active ?? undefined;
  }

  /** Brings forward the tab `offset` places from the front one of the focused pane, wrapping around (Ctrl+Tab). */
  cycle(offset: number): void {
    const pane = this.#focused;
    const front = this.#frontOf(pane);
    const target = front ? this.neighbour(front, offset) : pane.tabs[0];
    if (target) pane.activeKey = target.key;
  }

  /** Brings forward tab `slot` (1-based) of the focused pane; the last slot is its last tab whatever the count (Ctrl+9). */
  goTo(slot: number, lastSlot: number): void {
    const pane = this.#focused;
    const target = slot === lastSlot ? pane.tabs.at(-1) : pane.tabs[slot - 1];
    if (target) pane.activeKey = target.key;
  }

  /** Focuses the pane `offset` places from the focused one, wrapping around. */
  focusNeighbourPane(offset: number): Pane {
    const count = this.#panes.length;
    const index = this.#panes.indexOf(this.#focused);
    const pane = this.#panes[(((index + offset) % count) + count) % count]!;
    this.#focusedId = pane.id;
    return pane;
  }

  /**
   * Moves the border right of `pane` by `delta` percent of the workspace, taking the width from
   * (or giving it to) the pane on the other side; neither goes under `MIN_PANE_SIZE`.
   */
  resize(pane: Pane, delta: number): void {
    const index = this.#panes.indexOf(pane);
    const next = this.#panes[index + 1];
    if (index === -1 || !next) return;
    const pair = pane.size + next.size;
    const size = Math.min(Math.max(pane.size + delta, MIN_PANE_SIZE), pair - MIN_PANE_SIZE);
    pane.size = size;
    next.size = pair - size;
  }

  showSection(tab: OrgTab, section: OrgSection): void {
    const open = this.#find(tab.key);
    if (open) open.section = section;
  }

  /** Opens a service account's page in the tab, or goes back to the list with `undefined`. */
  showServiceAccount(tab: OrgTab, serviceAccountId: string | undefined): void {
    const open = this.#find(tab.key);
    if (open) open.serviceAccountId = serviceAccountId;
  }

  retitle(profileId: string, orgId: string, title: string): void {
    const tab = this.#find(tabKey(profileId, orgId));
    if (tab && tab.title !== title) tab.title = title;
  }

  /** The panes and their tabs as the session file keeps them. */
  snapshot(): SavedPanes {
    const [first, ...rest] = this.#panes.map((pane) => this.#savePane(pane));
    if (rest.length === 0) return first!;
    return {
      ...first!,
      splitPanes: rest,
      activePane: this.#panes.indexOf(this.#focused),
      paneSizes: this.#panes.map((pane) => Math.round(pane.size * 100) / 100),
    };
  }

  /**
   * Opens the panes and tabs of a saved session (main has already dropped those of removed
   * profiles). A session saved before split view is one pane; an empty pane is left out.
   */
  restore(snapshot: SavedPanes): void {
    const seen: string[] = [];
    const saved = [snapshot, ...(snapshot.splitPanes ?? [])].slice(0, MAX_PANES);
    const sizes = snapshot.paneSizes?.length === saved.length ? snapshot.paneSizes : undefined;
    const restored: Pane[] = [];
    const made = saved.map((savedPane, at) => {
      const pane = this.#newPane(sizes?.[at] ?? 0);
      for (const tab of savedPane.tabs) {
        const key = tabKey(tab.profileId, tab.orgId);
        // The same organization is never opened twice, whatever the file says.
        if (seen.includes(key)) continue;
        seen.push(key);
        pane.tabs.push({ ...tab, key, domId: `org-tab-${this.#nextId++}` });
      }
      const front = savedPane.activeIndex === null ? undefined : savedPane.tabs[savedPane.activeIndex];
      const frontKey = front && tabKey(front.profileId, front.orgId);
      pane.activeKey = pane.tabs.find((tab) => tab.key === frontKey)?.key ?? pane.tabs[0]?.key ?? null;
      if (pane.tabs.length > 0 || at === 0) restored.push(pane);
      return pane;
    });
    const panes = restored.length > 1 ? restored.filter((pane) => pane.tabs.length > 0) : restored;
    this.#panes = panes.length > 0 ? panes : [this.#newPane(100)];
    this.#shareWidth(sizes !== undefined && panes.length === saved.length);
    const focusedId = snapshot.activePane === undefined ? undefined : made[snapshot.activePane]?.id;
    this.#focusedId = this.#panes.some((pane) => pane.id === focusedId) ? focusedId! : this.#panes[0]!.id;
  }

  /** The tab `offset` places away from `tab` in its pane, wrapping around, for arrow-key navigation. */
  neighbour(tab: OrgTab, offset: number): OrgTab | undefined {
    const tabsOfPane = this.paneOf(tab)?.tabs ?? [];
    const index = tabsOfPane.findIndex((candidate) => candidate.key === tab.key);
    const count = tabsOfPane.length;
    return tabsOfPane[(((index + offset) % count) + count) % count];
  }

  #find(key: string): OrgTab | undefined {
    for (const pane of this.#panes) {
      const tab = pane.tabs.find((candidate) => candidate.key === key);
      if (tab) return tab;
    }
    return undefined;
  }

  #frontOf(pane: Pane): OrgTab | null {
    return pane.tabs.find((tab) => tab.key === pane.activeKey) ?? null;
  }

  #newTab(profileId: string, orgId: string, title: string): OrgTab {
    return {
      key: tabKey(profileId, orgId),
      domId: `org-tab-${this.#nextId++}`,
      profileId,
      orgId,
      title,
      section: 'overview',
    };
  }

  #newPane(size: number): Pane {
    return { id: `pane-${this.#nextPaneId++}`, tabs: [], activeKey: null, size };
  }

  /** The pane right of `pane`, a new one when there is none and room (and `mayAdd`), else the one on its left. */
  #sideOf(pane: Pane, mayAdd: boolean): Pane {
    const index = this.#panes.indexOf(pane);
    const right = this.#panes[index + 1];
    if (right) return right;
    if (mayAdd && this.#panes.length < MAX_PANES) return this.#splitAfter(pane);
    return this.#panes[index - 1] ?? pane;
  }

  /** A new pane right of `pane`, taking half of its width. */
  #splitAfter(pane: Pane): Pane {
    const half = pane.size / 2;
    const added = this.#newPane(half);
    pane.size = half;
    this.#panes.splice(this.#panes.indexOf(pane) + 1, 0, added);
    // Reads the pane back through the state so later changes to it are seen.
    return this.#panes.find((candidate) => candidate.id === added.id)!;
  }

  /** Closes an empty pane (never the last), giving its width and the focus to a neighbour. */
  #closePane(pane: Pane, focusTo?: Pane): void {
    if (this.#panes.length === 1) return;
    const index = this.#panes.indexOf(pane);
    this.#panes.splice(index, 1);
    const neighbour = this.#panes[index - 1] ?? this.#panes[index]!;
    neighbour.size += pane.size;
    this.#focusedId = (focusTo ?? neighbour).id;
  }

  /** Keeps saved sizes that make sense, else shares the width equally. */
  #shareWidth(keep: boolean): void {
    const total = this.#panes.reduce((sum, pane) => sum + pane.size, 0);
    const usable = keep && total > 0 && this.#panes.every((pane) => pane.size >= MIN_PANE_SIZE / 2);
    for (const pane of this.#panes) pane.size = usable ? (pane.size / total) * 100 : 100 / this.#panes.length;
  }

  #savePane(pane: Pane): WorkspacePane {
    const index = pane.tabs.findIndex((tab) => tab.key === pane.activeKey);
    return {
      tabs: pane.tabs.map(({ profileId, orgId, title, section, serviceAccountId }) => ({
        profileId,
        orgId,
        title,
        section,
        ...(serviceAccountId === undefined ? {} : { serviceAccountId }),
      })),
      activeIndex: index === -1 ? null : index,
    };
  }
}

export const tabs = new TabsManager();
