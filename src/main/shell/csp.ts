/**
 * The renderer's Content-Security-Policy. The renderer is local code that talks to main only
 * through the preload, so it needs no network, no eval, no frames and no plugins.
 * `style-src 'unsafe-inline'` stays because Svelte templates carry `style="…"` attributes
 * and toast libraries set inline positions; scripts remain same-origin only.
 *
 * It is delivered only as a response header (by the app scheme's handler, and on the dev
 * server's responses), never as a `<meta>`: one policy, and the header also carries what a
 * meta cannot (`frame-ancestors`).
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

export interface CspOptions {
  /**
   * The Vite dev server's origin (`http://localhost:5173`). Its HMR client opens a WebSocket
   * back to that host, so dev alone allows that connection.
   */
  devServerOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return Object.entries(POLICY)
    .map(([name, sources]) => {
      if (name === 'connect-src' && options.devServerOrigin) {
        const origin = new URL(options.devServerOrigin);
        const ws = `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}`;
        return `${name} 'self' ${ws}`;
      }
      return `${name} ${sources.join(' ')}`;
    })
    .join('; ');
}
