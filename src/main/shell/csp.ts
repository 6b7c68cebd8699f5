/**
 * The renderer's Content-Security-Policy. The renderer is local code that talks to main only
 * through the preload, so it needs no network, no eval, no frames and no plugins.
 * `style-src 'unsafe-inline'` stays because Svelte templates carry `style="…"` attributes
 * and toast libraries set inline positions; scripts remain same-origin only.
 */
const POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

/** Chromium ignores these in a `<meta>` policy and logs a console error for each, so they go only in headers. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

export interface CspOptions {
  /** `meta` for the built index.html, `header` for responses main can rewrite. */
  delivery: 'meta' | 'header';
  /**
   * The Vite dev server's origin (`http://localhost:5173`). Its HMR client opens a WebSocket
   * back to that host, so dev alone allows that connection.
   */
  devServerOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions): string {
  const directives = Object.entries(POLICY)
    .filter(([name]) => options.delivery === 'header' || !HEADER_ONLY.has(name))
    .map(([name, sources]): [string, readonly string[]] => {
      if (name === 'connect-src' && options.devServerOrigin) {
        const origin = new URL(options.devServerOrigin);
        const ws = `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}`;
        return [name, ["'self'", ws]];
      }
      return [name, sources];
    });
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
