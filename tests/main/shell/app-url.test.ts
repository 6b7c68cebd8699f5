import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, rendererLocation } from '../../../src/main/shell/app-url';

describe('rendererLocation', () => {
  it('loads the app page from the app scheme and trusts only that page', () => {
    const location = rendererLocation({});
    expect(location.url).toBe('app://orgdesk/index.html');
    expect(APP_PAGE_URL).toBe(location.url);
    expect(location.devServerOrigin).toBeUndefined();
    expect(location.isAppUrl('app://orgdesk/index.html')).toBe(true);
    expect(location.isAppUrl('app://orgdesk/index.html#/orgs/acme')).toBe(true);
    expect(location.isAppUrl('app://orgdesk/index.html?tab=2')).toBe(true);
  });

  it.each([
    ['another page of the scheme', 'app://orgdesk/assets/index.js'],
    ['the scheme root', 'app://orgdesk/'],
    ['no path at all', 'app://orgdesk'],
    ['another host', 'app://evil/index.html'],
    ['a host in other case', 'app://ORGDESK/index.html'],
    ['a port', 'app://orgdesk:80/index.html'],
    ['credentials', 'app://user:pass@orgdesk/index.html'],
    ['another scheme, same path', 'orgdesk://orgdesk/index.html'],
    ['a local file', 'file:///opt/Orgdesk/resources/app/out/renderer/index.html'],
    ['a website', 'https://orgdesk/index.html'],
    ['garbage', 'not a url'],
  ])('does not trust %s', (_label, url) => {
    expect(rendererLocation({}).isAppUrl(url)).toBe(false);
  });

  it('trusts the dev server origin in development', () => {
    const location = rendererLocation({ devServerUrl: 'http://localhost:5173/' });
    expect(location.url).toBe('http://localhost:5173/');
    expect(location.devServerOrigin).toBe('http://localhost:5173');
    expect(location.isAppUrl('http://localhost:5173/index.html?x=1')).toBe(true);
    expect(location.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(location.isAppUrl(APP_PAGE_URL)).toBe(false);
  });

  it('ignores a dev server URL that is not on loopback', () => {
    const location = rendererLocation({ devServerUrl: 'https://evil.example/' });
    expect(location.url).toBe(APP_PAGE_URL);
    expect(location.isAppUrl('https://evil.example/')).toBe(false);
  });
});
