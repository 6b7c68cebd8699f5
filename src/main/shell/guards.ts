import { app, shell, type Session, type WebContents, type WebFrameMain } from 'electron';
import type { Logger } from '../log';
import { contentSecurityPolicy } from './csp';
import { externalLinkTarget } from './external-links';

export interface GuardOptions {
  isAppUrl(url: string): boolean;
  logger: Logger;
}

/**
 * Keeps every web contents on the app's own page: no navigating away, no popups, no
 * `<webview>`. Registered on the app so that contents created later (devtools, a future
 * second window) are covered too. A link to Keycard's site opens in the OS browser.
 */
export function installNavigationGuards(options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

export function guardWebContents(contents: WebContents, { isAppUrl, logger }: GuardOptions): void {
  // Emitted for every page-started navigation of the main frame and of any subframe (the
  // main frame's `will-navigate` comes first and is left to this one).
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    logger.warn('shell.navigation_blocked', { target: describeUrl(event.url), mainFrame: event.isMainFrame });
    // Only the app page sending itself elsewhere (a link it rendered) may reach the browser,
    // never a subframe steering the window.
    if (event.isMainFrame && isAppMainFrame(event.initiator, isAppUrl)) openExternally(event.url, logger);
  });
  // A redirect is the server's doing, not the user's: refused, and opened nowhere.
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    logger.warn('shell.redirect_blocked', { target: describeUrl(event.url), mainFrame: event.isMainFrame });
  });
  // `disposition` says how a link was clicked, but `window.open()` from script gets the same
  // values, so it is logged rather than trusted; the destination check does the work.
  contents.setWindowOpenHandler(({ url, disposition }) => {
    logger.info('shell.window_open_denied', { target: describeUrl(url), disposition });
    openExternally(url, logger);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('shell.webview_blocked');
  });
}

function isAppMainFrame(frame: WebFrameMain | null | undefined, isAppUrl: (url: string) => boolean): boolean {
  try {
    return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
  } catch {
    // A frame disposed while the event was on its way throws on access; it opens nothing.
    return false;
  }
}

/** Only allowlisted https goes to the OS: `file:`, `smb:` or custom schemes could launch local programs. */
function openExternally(url: string, logger: Logger): void {
  const target = externalLinkTarget(url);
  if (!target) return;
  shell.openExternal(target).catch((error: unknown) => logger.warn('shell.open_external_failed', { error }));
}

/** Origins only: a URL's path or query could carry an identifier the log has no need for. */
function describeUrl(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : 'unparseable';
}

/**
 * Permissions the app's own page may use. Clipboard write backs the "copy" buttons
 * (navigator.clipboard.writeText); reading the clipboard, camera, location, notifications
 * and the rest are never needed.
 */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export interface SessionOptions extends GuardOptions {
  /** Dev only: the Vite server whose responses get the CSP as a header. */
  devServerOrigin?: string;
}

export function hardenSession(session: Session, { isAppUrl, logger, devServerOrigin }: SessionOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = APP_PERMISSIONS.has(permission) && details.isMainFrame && isAppUrl(details.requestingUrl);
    if (!granted) logger.info('shell.permission_denied', { permission });
    callback(granted);
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin, details) =>
      APP_PERMISSIONS.has(permission) && details.isMainFrame && isAppUrl(details.requestingUrl ?? requestingOrigin),
  );

  // The app scheme's handler sets the policy on its own answers; this gives the dev server's
  // pages (and any other http page, were one ever loaded) the same policy, HMR socket aside.
  const policy = contentSecurityPolicy({ devServerOrigin });
  session.webRequest.onHeadersReceived({ urls: ['http://*/*', 'https://*/*'] }, (details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}
