import { SvelteSet } from 'svelte/reactivity';
import type { Identity, IdentityStatus } from '../../../../shared/api/identities';
import type { OrganizationRole } from '../../../../shared/api/users';
import { sortIdentities, type IdentitySort, type IdentitySortColumn } from '../../../../shared/people/identity-order';
import { statusAt } from '../../../../shared/people/invitation-expiry';
import type { PeopleFilters } from './people-filters';

export type SortColumn = IdentitySortColumn;
export type Sort = IdentitySort;

/**
 * A row as the table shows it: the identity with the status an admin should read (an
 * invitation past its expiry reads as expired) and, for an invitation, when it expires.
 */
export interface PersonRow extends Identity {
  expiresAt?: string;
}

/** How long typing pauses before the search goes to the server. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The People table's filters, order and selection for one organization. The server filters by
 * email and role; it neither filters by status nor sorts, so those apply to the rows loaded,
 * and `needsEveryRow` tells the view to load the rest first.
 */
export class PeopleTableState {
  /** What the search box holds; `email` follows it once typing pauses. */
  searchText = $state('');
  email = $state<string | undefined>(undefined);
  role = $state<OrganizationRole | undefined>(undefined);
  status = $state<IdentityStatus | undefined>(undefined);
  sort = $state<Sort | undefined>(undefined);
  readonly selected = new SvelteSet<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly filters: PeopleFilters = $derived({ email: this.email, role: this.role });
  readonly needsEveryRow = $derived(this.status !== undefined || this.sort !== undefined);
  readonly filtered = $derived(this.email !== undefined || this.role !== undefined || this.status !== undefined);

  /** Typing waits for a pause; clearing the box searches at once. */
  type(text: string): void {
    this.searchText = text;
    clearTimeout(this.#timer);
    const next = text.trim() === '' ? undefined : text.trim();
    if (next === undefined) {
      this.email = undefined;
      return;
    }
    this.#timer = setTimeout(() => (this.email = next), SEARCH_DEBOUNCE_MS);
  }

  /** Ascending, then descending, then the server's own order. */
  toggleSort(column: SortColumn): void {
    if (this.sort?.column !== column) this.sort = { column, direction: 'asc' };
    else if (this.sort.direction === 'asc') this.sort = { column, direction: 'desc' };
    else this.sort = undefined;
  }

  clearFilters(): void {
    clearTimeout(this.#timer);
    this.searchText = '';
    this.email = undefined;
    this.role = undefined;
    this.status = undefined;
  }

  /** The rows to show: each with its effective status, filtered by status, in the chosen order. */
  rowsOf(identities: readonly Identity[], expiries: ReadonlyMap<string, string>, now: number): PersonRow[] {
    const rows: PersonRow[] = [];
    for (const identity of identities) {
      const expiresAt = identity.type === 'invitation' ? expiries.get(identity.id) : undefined;
      const status = statusAt(identity.status, expiresAt, now);
      if (this.status === undefined || status === this.status) rows.push({ ...identity, status, expiresAt });
    }
    // The order main's export uses too, so a file lists people as the table showed them.
    return sortIdentities(rows, this.sort);
  }

  /** Selecting keeps to rows still shown: a filter change drops the hidden ones from the selection. */
  keepSelected(visible: readonly PersonRow[]): void {
    if (this.selected.size === 0) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call, never rendered
    const ids = new Set(visible.map((row) => row.id));
    for (const id of this.selected) if (!ids.has(id)) this.selected.delete(id);
  }

  toggleAll(visible: readonly PersonRow[]): void {
    const all = visible.length > 0 && visible.every((row) => this.selected.has(row.id));
    if (all) this.selected.clear();
    else for (const row of visible) this.selected.add(row.id);
  }

  toggle(id: string): void {
    if (!this.selected.delete(id)) this.selected.add(id);
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
