import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rendererLocation } from '../../../src/main/shell/app-url';

const rendererDir = join('/opt', 'Orgdesk', 'resources', 'app', 'out', 'renderer');
const indexUrl = pathToFileURL(join(rendererDir, 'index.html')).href;

describe('rendererLocation', () => {
  it('loads the built index.html and trusts only that file', () => {
    const location = rendererLocation({ rendererDir });
    expect(location.load).toEqual({ kind: 'file', path: join(rendererDir, 'index.html') });
    expect(location.devServerOrigin).toBeUndefined();
    expect(location.isAppUrl(indexUrl)).toBe(true);
    expect(location.isAppUrl(`${indexUrl}#/orgs/acme`)).toBe(true);
    expect(location.isAppUrl(pathToFileURL(join(rendererDir, 'other.html')).href)).toBe(false);
    expect(location.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(location.isAppUrl('https://example.com/index.html')).toBe(false);
    expect(location.isAppUrl('not a url')).toBe(false);
  });

  it('trusts the dev server origin in development', () => {
    const location = rendererLocation({ rendererDir, devServerUrl: 'http://localhost:5173/' });
    expect(location.load).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(location.devServerOrigin).toBe('http://localhost:5173');
    expect(location.isAppUrl('http://localhost:5173/index.html?x=1')).toBe(true);
    expect(location.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(location.isAppUrl(indexUrl)).toBe(false);
  });

  it('ignores a dev server URL that is not on loopback', () => {
    const location = rendererLocation({ rendererDir, devServerUrl: 'https://evil.example/' });
    expect(location.load.kind).toBe('file');
    expect(location.isAppUrl('https://evil.example/')).toBe(false);
  });
});
