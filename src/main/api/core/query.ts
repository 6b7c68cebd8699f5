type Scalar = string | number | boolean;

/** Query parameters; an array repeats its key, undefined drops the key. */
export type Query = Record<string, Scalar | readonly Scalar[] | undefined>;

/**
 * `?key=value&...` with every key and value percent-encoded, so `expand[]` goes on the
 * wire as `expand%5B%5D`, the docs' spelling. Empty when nothing is left.
 */
export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values: readonly Scalar[] = Array.isArray(value) ? value : [value as Scalar];
    for (const item of values) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
