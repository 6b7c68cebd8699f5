import type { ExpandValue } from '../../shared/api/common';
import { ExpandValue as ExpandValueSchema } from '../../shared/api/common';
import type { Query } from './query';

/** `expand`, `expand[]` and indexed `expand[0]` are all the same repeatable parameter. */
const EXPAND_KEY = /^expand(\[\d*\])?$/;

/**
 * The requested expansions. The vendor's SDKs send `expand=permissions`, clients
 * written from the docs send `expand[]=permissions`; both count. Unknown values are
 * ignored, as the vendor documents.
 */
export function parseExpand(query: Query): ReadonlySet<ExpandValue> {
  const found = new Set<ExpandValue>();
  for (const [key, value] of Object.entries(query)) {
    if (!EXPAND_KEY.test(key) || value === undefined) continue;
    const values: readonly string[] = typeof value === 'string' ? [value] : value;
    for (const candidate of values) {
      const parsed = ExpandValueSchema.safeParse(candidate);
      if (parsed.success) found.add(parsed.data);
    }
  }
  return found;
}
