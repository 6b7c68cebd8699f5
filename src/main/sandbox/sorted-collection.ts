/**
 * Records kept in a stable order (creation time, then ID) so cursors stay valid
 * when other records are added or removed between two page requests.
 */
export interface Sortable {
  readonly id: string;
  readonly created_at: string;
}

export function sortKeyOf(record: Sortable): string {
  return `${record.created_at}|${record.id}`;
}

export class SortedCollection<T extends Sortable> {
  readonly #byId = new Map<string, T>();
  #ordered: T[] = [];

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): T | undefined {
    return this.#byId.get(id);
  }

  /** All records in order; the array is the collection's own, do not mutate it. */
  all(): readonly T[] {
    return this.#ordered;
  }

  insert(record: T): void {
    if (this.#byId.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.#byId.set(record.id, record);
    const at = lowerBound(this.#ordered, sortKeyOf(record));
    this.#ordered.splice(at, 0, record);
  }

  /** Replaces a record in place; its sort key (`created_at`, `id`) must not change. */
  replace(record: T): void {
    const previous = this.#byId.get(record.id);
    if (previous === undefined) throw new Error(`unknown id ${record.id}`);
    if (previous.created_at !== record.created_at) throw new Error('created_at is immutable');
    this.#byId.set(record.id, record);
    const at = lowerBound(this.#ordered, sortKeyOf(record));
    this.#ordered[at] = record;
  }

  remove(id: string): T | undefined {
    const record = this.#byId.get(id);
    if (record === undefined) return undefined;
    this.#byId.delete(id);
    this.#ordered.splice(lowerBound(this.#ordered, sortKeyOf(record)), 1);
    return record;
  }
}

/** Index of the first record whose sort key is >= `key`. */
export function lowerBound(ordered: readonly Sortable[], key: string): number {
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const record = ordered[mid];
    if (record !== undefined && sortKeyOf(record) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first record whose sort key is > `key`. */
export function upperBound(ordered: readonly Sortable[], key: string): number {
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const record = ordered[mid];
    if (record !== undefined && sortKeyOf(record) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
