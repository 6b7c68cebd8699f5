/**
 * The packaged renderer's origin: a privileged custom scheme served by main (app-protocol.ts),
 * so `'self'` in the page's policy means the app's own files and nothing else on disk. The
 * scheme is generic and the host names the app, keeping `orgdesk://` free for OS deep links.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'orgdesk';
/** The one page the window loads and trusts. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Where the window loads the renderer from, and how to recognise a URL as the app's own. */
export interface RendererLocation {
  url: string;
  /** Set in dev only: the Vite server the renderer comes from. */
  devServerOrigin?: string;
  isAppUrl(url: string): boolean;
}

export interface RendererLocationOptions {
  /** `ELECTRON_RENDERER_URL`, honoured only when not packaged. */
  devServerUrl?: string;
}

/**
 * A built app trusts exactly `app://orgdesk/index.html` (any query or hash): no other path,
 * host, port or credentials. Dev trusts the Vite server's origin, and only on loopback, so a
 * stray environment variable cannot point the privileged window at a remote site.
 */
export function rendererLocation(options: RendererLocationOptions): RendererLocation {
  const dev = options.devServerUrl ? parseLoopbackHttp(options.devServerUrl) : undefined;
  if (dev) {
    return {
      url: dev.href,
      devServerOrigin: dev.origin,
      isAppUrl: (url) => parse(url)?.origin === dev.origin,
    };
  }
  return { url: APP_PAGE_URL, isAppUrl: isAppPage };
}

/**
 * Node gives a custom scheme's origin as `'null'`, so the parts are compared one by one;
 * `host` carries the port, so `app://orgdesk:1/` is not the app either.
 */
function isAppPage(url: string): boolean {
  const candidate = parse(url);
  return (
    candidate !== undefined &&
    candidate.protocol === `${APP_SCHEME}:` &&
    candidate.host === APP_HOST &&
    candidate.username === '' &&
    candidate.password === '' &&
    candidate.pathname === '/index.html'
  );
}

function parse(url: string): URL | undefined {
  return URL.canParse(url) ? new URL(url) : undefined;
}

function parseLoopbackHttp(url: string): URL | undefined {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? parsed : undefined;
}
