import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { silentLogger } from '../../../src/main/log';
import { rendererLocation } from '../../../src/main/shell/app-url';
import { hardenSession, installNavigationGuards } from '../../../src/main/shell/guards';
import { FakeBrowserWindow, mainFrame, openedExternally, session, subframe } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const location = rendererLocation({});
const appUrl = 'app://orgdesk/index.html';
installNavigationGuards({ isAppUrl: location.isAppUrl, logger: silentLogger });

function newContents(): FakeBrowserWindow['webContents'] {
  return new FakeBrowserWindow({}).webContents;
}

/** A navigation the app page started itself: a link it rendered, or its own script. */
const fromApp = { initiator: mainFrame(appUrl) };

describe('navigation guards', () => {
  beforeEach(() => {
    openedExternally.length = 0;
  });

  it('lets the app reload its own page', () => {
    expect(newContents().navigate(`${appUrl}#/profiles`, fromApp).defaultPrevented).toBe(false);
  });

  it('keeps every frame on the app page', () => {
    const contents = newContents();
    expect(contents.navigate('https://docs.keycard.ai/guide', fromApp).defaultPrevented).toBe(true);
    expect(contents.navigate('file:///etc/passwd', fromApp).defaultPrevented).toBe(true);
    expect(contents.navigate('app://orgdesk/assets/index.js', fromApp).defaultPrevented).toBe(true);
    expect(contents.navigate('http://insecure.example/', fromApp).defaultPrevented).toBe(true);
    const inSubframe = { isMainFrame: false, initiator: subframe(appUrl, appUrl) };
    expect(contents.navigate('https://evil.example/', inSubframe).defaultPrevented).toBe(true);
    expect(contents.navigate(appUrl, inSubframe).defaultPrevented).toBe(false);
  });

  it('opens an https link of the app page to Keycard in the browser', async () => {
    const contents = newContents();
    contents.navigate('https://docs.keycard.ai/guide', fromApp);
    contents.navigate('https://keycard.ai/', fromApp);
    await Promise.resolve();
    expect(openedExternally).toEqual(['https://docs.keycard.ai/guide', 'https://keycard.ai/']);
  });

  it.each([
    ['plain http', 'http://docs.keycard.ai/'],
    ['a site not on the list', 'https://evil.example/'],
    ['a look-alike domain', 'https://keycard.ai.evil.example/'],
    ['a suffix without the dot', 'https://notkeycard.ai/'],
    ['credentials in the link', 'https://user:pass@keycard.ai/'],
    ['an explicit port', 'https://keycard.ai:8443/'],
    ['a local file', 'file:///etc/passwd'],
    ['a custom scheme', 'smb://keycard.ai/share'],
    ['script', 'javascript:alert(1)'],
  ])('never opens %s in the browser', async (_label, url) => {
    const contents = newContents();
    expect(contents.navigate(url, fromApp).defaultPrevented).toBe(true);
    expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openedExternally).toEqual([]);
  });

  it('opens nothing for a navigation the app page did not start', async () => {
    const contents = newContents();
    const link = 'https://docs.keycard.ai/guide';
    // A subframe steering the window (`<a target="_top">`), a subframe navigating itself,
    // a navigation with no initiating frame, and another page's frame.
    expect(contents.navigate(link, { initiator: subframe(appUrl, appUrl) }).defaultPrevented).toBe(true);
    expect(contents.navigate(link, { isMainFrame: false, initiator: subframe(appUrl, appUrl) }).defaultPrevented).toBe(
      true,
    );
    expect(contents.navigate(link, { initiator: null }).defaultPrevented).toBe(true);
    expect(contents.navigate(link, { initiator: mainFrame('https://evil.example/') }).defaultPrevented).toBe(true);
    await Promise.resolve();
    expect(openedExternally).toEqual([]);
  });

  it('refuses a redirect away from the app and opens nothing, even to Keycard', async () => {
    const contents = newContents();
    expect(contents.redirect('https://docs.keycard.ai/guide').defaultPrevented).toBe(true);
    expect(contents.redirect('https://evil.example/', false).defaultPrevented).toBe(true);
    expect(contents.redirect(appUrl).defaultPrevented).toBe(false);
    await Promise.resolve();
    expect(openedExternally).toEqual([]);
  });

  it('denies every new window, handing only Keycard https links to the browser', async () => {
    const contents = newContents();
    expect(contents.openWindow('https://keycard.ai/pricing')).toEqual({ action: 'deny' });
    expect(contents.openWindow('https://docs.keycard.ai/', 'background-tab')).toEqual({ action: 'deny' });
    expect(contents.openWindow(appUrl)).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openedExternally).toEqual(['https://keycard.ai/pricing', 'https://docs.keycard.ai/']);
  });

  it('refuses to attach a webview', () => {
    expect(newContents().attachWebview().defaultPrevented).toBe(true);
  });
});

describe('session hardening', () => {
  const fakeSession = session.defaultSession;
  hardenSession(fakeSession as unknown as Session, { isAppUrl: location.isAppUrl, logger: silentLogger });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'unknown'])(
    'denies the %s permission, even to the app',
    async (permission) => {
      expect(await fakeSession.request(permission, appUrl)).toBe(false);
      expect(fakeSession.check(permission, appUrl)).toBe(false);
    },
  );

  it('allows clipboard writes to the app main frame only', async () => {
    expect(await fakeSession.request('clipboard-sanitized-write', appUrl)).toBe(true);
    expect(fakeSession.check('clipboard-sanitized-write', appUrl)).toBe(true);
    expect(await fakeSession.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(await fakeSession.request('clipboard-sanitized-write', appUrl, false)).toBe(false);
    expect(fakeSession.check('clipboard-sanitized-write', appUrl, false)).toBe(false);
  });

  it('puts the CSP on http(s) responses, replacing any the server sent', () => {
    expect(fakeSession.headersFilter).toEqual({ urls: ['http://*/*', 'https://*/*'] });
    let headers: Record<string, string | string[]> | undefined;
    fakeSession.headersListener!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ['default-src *'] },
      },
      (response) => {
        headers = response.responseHeaders;
      },
    );
    expect(headers?.['content-type']).toEqual(['text/html']);
    expect(headers?.['content-security-policy']).toBeUndefined();
    expect(String(headers?.['Content-Security-Policy'])).toContain("connect-src 'none'");
    expect(String(headers?.['Content-Security-Policy'])).toContain("frame-ancestors 'none'");
  });
});
