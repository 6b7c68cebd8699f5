/**
 * A base URL as a server's identity, so two profiles signed in to one server are known to see
 * the same organizations: `https://api.example.com/` and `https://API.example.com` are one.
 */
export function serverOf(baseUrl: string | undefined): string | undefined {
  const url = baseUrl === undefined ? null : URL.parse(baseUrl);
  return url === null ? undefined : `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
