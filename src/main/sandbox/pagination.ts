import type { PageInfo } from '../../shared/api/common';
import { badRequest } from './errors';
import { singleParam, type Query } from './query';
import { lowerBound, sortKeyOf, upperBound, type Sortable } from './sorted-collection';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface PageRequest {
  readonly after?: string;
  readonly before?: string;
  readonly limit: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly page_info: PageInfo;
}

const CURSOR_VERSION = 'v1';
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[a-z0-9]{1,255}$/;

/**
 * Cursors encode the item's sort key (creation time and ID), not its position, so
 * a cursor stays meaningful when items before it are added or deleted, and still
 * works after the item it points at is gone.
 */
export function encodeCursor(item: Sortable): string {
  return Buffer.from(`${CURSOR_VERSION}:${sortKeyOf(item)}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, parameter: string): string {
  const decoded = /^[A-Za-z0-9_-]{1,255}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const prefix = `${CURSOR_VERSION}:`;
  const key = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : '';
  if (!SORT_KEY.test(key)) throw badRequest(`Query parameter "${parameter}" is not a valid cursor`, 'invalid_cursor');
  return key;
}

export function parsePageRequest(query: Query): PageRequest {
  const after = singleParam(query, 'after');
  const before = singleParam(query, 'before');
  const rawLimit = singleParam(query, 'limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== undefined) {
    limit = /^\d{1,7}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      throw badRequest(`Query parameter "limit" must be an integer from 1 to ${MAX_LIMIT}`, 'invalid_parameter');
    }
  }
  return {
    ...(after === undefined ? {} : { after: decodeCursor(after, 'after') }),
    ...(before === undefined ? {} : { before: decodeCursor(before, 'before') }),
    limit,
  };
}

/**
 * One page of `ordered` (which must be sorted by sort key). With `after` the page
 * starts right after it; with only `before` the page is the `limit` items right
 * before it; with both, the window between them is walked forward.
 */
export function paginate<T extends Sortable>(ordered: readonly T[], request: PageRequest): Page<T> {
  const lo = request.after === undefined ? 0 : upperBound(ordered, request.after);
  const hi = request.before === undefined ? ordered.length : lowerBound(ordered, request.before);
  let start = lo;
  let end = Math.min(hi, lo + request.limit);
  if (request.before !== undefined && request.after === undefined) {
    start = Math.max(lo, hi - request.limit);
    end = hi;
  }
  if (end < start) end = start;
  const items = ordered.slice(start, end);
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    page_info: {
      has_next_page: end < ordered.length,
      has_prev_page: start > 0,
      ...(first === undefined ? {} : { start_cursor: encodeCursor(first) }),
      ...(last === undefined ? {} : { end_cursor: encodeCursor(last) }),
    },
  };
}
