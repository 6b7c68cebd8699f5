import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the window loads the renderer from, and how to recognise a URL as the app's own. */
export interface RendererLocation {
  load: { kind: 'file'; path: string } | { kind: 'url'; url: string };
  /** Set in dev only: the Vite server the renderer comes from. */
  devServerOrigin?: string;
  isAppUrl(url: string): boolean;
}

export interface RendererLocationOptions {
  /** The built renderer directory (`out/renderer`), holding `index.html`. */
  rendererDir: string;
  /** `ELECTRON_RENDERER_URL`, honoured only when not packaged. */
  devServerUrl?: string;
}

/**
 * A packaged app trusts exactly its own `index.html` (any hash or query), never other
 * `file://` pages; dev trusts the Vite server's origin, and only on loopback, so a stray
 * environment variable cannot point the privileged window at a remote site.
 */
export function rendererLocation(options: RendererLocationOptions): RendererLocation {
  const dev = options.devServerUrl ? parseLoopbackHttp(options.devServerUrl) : undefined;
  if (dev) {
    return {
      load: { kind: 'url', url: dev.href },
      devServerOrigin: dev.origin,
      isAppUrl: (url) => parse(url)?.origin === dev.origin,
    };
  }
  const indexPath = join(options.rendererDir, 'index.html');
  const indexUrl = pathToFileURL(indexPath);
  return {
    load: { kind: 'file', path: indexPath },
    isAppUrl: (url) => {
      const candidate = parse(url);
      return (
        candidate?.protocol === 'file:' && candidate.host === indexUrl.host && candidate.pathname === indexUrl.pathname
      );
    },
  };
}

function parse(url: string): URL | undefined {
  return URL.canParse(url) ? new URL(url) : undefined;
}

function parseLoopbackHttp(url: string): URL | undefined {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? parsed : undefined;
}
