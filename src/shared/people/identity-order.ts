import { z } from 'zod';
import { IdentityStatus, IdentityType, type Identity } from '../api/identities';
import { OrganizationRole } from '../api/users';

/** The People table's sortable columns, by the identity field each one shows. */
export const IdentitySortColumn = z.enum(['email', 'type', 'role', 'status', 'source', 'created_at']);
export type IdentitySortColumn = z.infer<typeof IdentitySortColumn>;

export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

export const IdentitySort = z.object({ column: IdentitySortColumn, direction: SortDirection });
export type IdentitySort = z.infer<typeof IdentitySort>;

/** What sorting and filtering read of a row: the table's rows and the export's both have it. */
export type SortableIdentity = Pick<Identity, 'id' | 'type' | 'email' | 'role' | 'status' | 'source' | 'created_at'>;

type Key = string | number | undefined;

/**
 * Enums sort in the order the API declares them (members before invitations, admin before
 * viewer, active before revoked), which reads as a ranking rather than as the alphabet.
 */
const rank =
  <T extends string>(order: readonly T[]) =>
  (value: T): number =>
    order.indexOf(value);
const typeRank = rank(IdentityType.options);
const roleRank = rank(OrganizationRole.options);
const statusRank = rank(IdentityStatus.options);

function keyOf(item: SortableIdentity, column: IdentitySortColumn): Key {
  switch (column) {
    case 'email':
      return item.email === '' ? undefined : item.email.toLowerCase();
    case 'type':
      return typeRank(item.type);
    case 'role':
      return roleRank(item.role);
    case 'status':
      return statusRank(item.status);
    case 'source':
      return item.source ? item.source.toLowerCase() : undefined;
    case 'created_at':
      return timeOf(item.created_at);
  }
}

function timeOf(timestamp: string): number | undefined {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Code-unit order, not `localeCompare`: main (Node's ICU) and the window (Chromium's) must put
 * the same rows in the same order, so an export lists them as the table showed them.
 */
function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  // A missing value (no email, no source) goes last whichever way the column is sorted.
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

function compareIds(a: SortableIdentity, b: SortableIdentity): number {
  return compareKeys(timeOf(a.created_at), timeOf(b.created_at)) || compareKeys(a.id, b.id);
}

/**
 * The rows ordered by one column, as a new array. Ties keep creation order (then ID), ascending
 * in both directions, so rows with the same role stay in the order they joined. Without `sort`
 * the rows keep the order they came in (the server's).
 */
export function sortIdentities<T extends SortableIdentity>(items: readonly T[], sort?: IdentitySort): T[] {
  if (sort === undefined) return [...items];
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Each key once, not once per comparison: 10,000 rows take about 140,000 comparisons.
  const keyed = items.map((item) => ({ item, key: keyOf(item, sort.column) }));
  keyed.sort((a, b) => {
    const primary = compareKeys(a.key, b.key);
    if (primary !== 0) return a.key === undefined || b.key === undefined ? primary : sign * primary;
    return compareIds(a.item, b.item);
  });
  return keyed.map(({ item }) => item);
}

/** Whether a row passes the status filter; no filter passes every row. */
export function matchesStatus(item: Pick<SortableIdentity, 'status'>, status: IdentityStatus | undefined): boolean {
  return status === undefined || item.status === status;
}
