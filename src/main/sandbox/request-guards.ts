import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SandboxHttpError } from './errors';
import { bareHostName, isLoopbackHost } from './exposure';

/** A name (DNS name, IPv4 or bracketed IPv6 literal) and an optional port; nothing else. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i;

/**
 * 421, not 403: the request reached a server that does not serve that name (RFC 9110
 * 421 Misdirected Request); it is not a caller lacking permission, and Orgdesk's client
 * would report a 403 as the credential lacking a permission.
 */
const misdirected = (): SandboxHttpError =>
  new SandboxHttpError(
    421,
    'misdirected_request',
    'This sandbox only answers requests addressed to 127.0.0.1, localhost or [::1] (or, when it was started ' +
      'with --allow-remote, to the host it listens on)',
  );

/**
 * Answers only requests whose Host header names this machine's loopback (or one of
 * `extraHostNames`), so a web page whose DNS name is rebound to 127.0.0.1 cannot read
 * the sandbox through the visitor's browser. Runs first: a refused request touches nothing.
 */
export function registerHostGuard(app: FastifyInstance, extraHostNames: readonly string[]): void {
  const extra = new Set(extraHostNames.map(bareHostName));
  app.addHook('onRequest', async (request) => {
    const name = HOST_HEADER.exec(request.headers.host ?? '')?.[1];
    if (name === undefined || !(isLoopbackHost(name) || extra.has(bareHostName(name)))) throw misdirected();
  });
}

function isLoopbackOrigin(origin: string): boolean {
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}

/**
 * A browser posting a form from another site to the token endpoint says so with
 * `Origin` and `Sec-Fetch-Site`; API clients (Orgdesk's undici, the vendor's SDKs) send
 * neither. `Origin: null` (sandboxed frames, file pages) is refused like any foreign origin.
 */
export async function refuseCrossSite(request: FastifyRequest): Promise<void> {
  const { origin } = request.headers;
  const fetchSite = request.headers['sec-fetch-site'];
  const site = typeof fetchSite === 'string' ? fetchSite.toLowerCase() : undefined;
  if ((origin !== undefined && !isLoopbackOrigin(origin)) || site === 'cross-site' || site === 'same-site') {
    throw new SandboxHttpError(403, 'cross_site_request', 'The token endpoint does not accept cross-site requests');
  }
}
