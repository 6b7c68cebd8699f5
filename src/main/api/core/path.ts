/**
 * Builds a request path from a template, percent-encoding every interpolated value
 * as one segment, so an ID or label can never add a segment or a query string.
 *
 *   path`/organizations/${orgId}/users/${userId}`
 */
export function path(statics: TemplateStringsArray, ...params: readonly string[]): string {
  let out = statics[0] ?? '';
  params.forEach((param, i) => {
    // `.` and `..` survive encodeURIComponent and would be resolved as dot-segments.
    if (param === '' || param === '.' || param === '..') {
      throw new TypeError(`Path parameter ${i + 1} is not a valid segment: ${JSON.stringify(param)}`);
    }
    out += encodeURIComponent(param) + (statics[i + 1] ?? '');
  });
  return out;
}
