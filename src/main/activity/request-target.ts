import { loggablePath } from '../api/core/client';

/**
 * Query keys whose values the activity log keeps, each with the only shape kept: a page size,
 * or a lowercase word the app itself chooses (a field to expand, a role, a scope, an order).
 * Every other value is replaced, the key kept: a search holds an email address, and a page
 * cursor is opaque, so the server may have put anything in it (the request ID already lets the
 * server's side find the request). A secret or token, with its digits or capitals, fits neither shape.
 */
const WORD = /^[a-z_]{1,40}$/;
const KEPT_VALUES = new Map<string, RegExp>([
  ['limit', /^\d{1,5}$/],
  ['order', WORD],
  ['expand[]', WORD],
  ['expand', WORD],
  ['scope', WORD],
  ['role', WORD],
]);
export const DROPPED = '<dropped>';

/** The path (IDs kept, a public invitation's token replaced) and the query with only harmless values. */
export function recordedPath(target: string): string {
  const mark = target.indexOf('?');
  const path = loggablePath(mark < 0 ? target : target.slice(0, mark));
  if (mark < 0) return path;
  const pairs: string[] = [];
  for (const [key, value] of new URLSearchParams(target.slice(mark + 1))) {
    const kept = KEPT_VALUES.get(key)?.test(value) ?? false;
    pairs.push(`${encodeKey(key)}=${kept ? value : DROPPED}`);
  }
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

/** Keys are the app's own words; brackets stay readable, anything else is percent-encoded. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/** The organization a request is about: the segment after `/organizations/`, decoded. */
export function organizationOf(target: string): string | undefined {
  const match = /^\/organizations\/([^/?#]+)/.exec(target);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}
