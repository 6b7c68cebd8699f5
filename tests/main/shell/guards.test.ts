import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { silentLogger } from '../../../src/main/log';
import { rendererLocation } from '../../../src/main/shell/app-url';
import { hardenSession, installNavigationGuards } from '../../../src/main/shell/guards';
import { FakeBrowserWindow, openedExternally, session } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const location = rendererLocation({});
const appUrl = 'app://orgdesk/index.html';
installNavigationGuards({ isAppUrl: location.isAppUrl, logger: silentLogger });

function newContents(): FakeBrowserWindow['webContents'] {
  return new FakeBrowserWindow({}).webContents;
}

describe('navigation guards', () => {
  beforeEach(() => {
    openedExternally.length = 0;
  });

  it('lets the app reload its own page', () => {
    expect(newContents().navigate(`${appUrl}#/profiles`).defaultPrevented).toBe(false);
  });

  it('prevents navigating to another URL and opens https ones in the browser', async () => {
    const contents = newContents();
    expect(contents.navigate('https://docs.keycard.ai/guide').defaultPrevented).toBe(true);
    expect(contents.navigate('file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.navigate('http://insecure.example/').defaultPrevented).toBe(true);
    expect(contents.redirect('https://elsewhere.example/').defaultPrevented).toBe(true);
    await Promise.resolve();
    expect(openedExternally).toEqual(['https://docs.keycard.ai/guide', 'https://elsewhere.example/']);
  });

  it('denies window.open, handing only https links to the OS', async () => {
    const contents = newContents();
    expect(contents.openWindow('https://keycard.ai/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('file:///bin/sh')).toEqual({ action: 'deny' });
    expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(contents.openWindow(appUrl)).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openedExternally).toEqual(['https://keycard.ai/']);
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
