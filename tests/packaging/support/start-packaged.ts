/**
 * Runs in a child process (see startPackaged): loads a packaged app's main, named by its
 * package.json, under the fake `electron` module, then drives what a first launch does and
 * prints what happened as one JSON line. Usage: node --import tsx start-packaged.ts <appDir> <userDataDir>
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire, register } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PackagedStart {
  main: string;
  preload: { path: string; exists: boolean };
  page: { status: number; csp: string | null; assets: Array<{ url: string; status: number }> };
  appInfo: unknown;
  keytarLoadedFrom: string;
  /** CommonJS files loaded when the window had opened (require.cache; ES modules are not listed). */
  loadedAtStart: string[];
  sandboxProfile: unknown;
  orgs: unknown;
  loadedAfterSandbox: string[];
  quit: boolean;
}

const [appDir, userDataDir] = process.argv.slice(2).map((arg) => resolve(arg));
if (!appDir || !userDataDir) throw new Error('usage: start-packaged.ts <appDir> <userDataDir>');

const fakeElectronUrl = new URL('../../main/shell/fake-electron.ts', import.meta.url).href;
register('./electron-loader.mjs', import.meta.url, { data: { fakeElectronUrl } });
const electron = (await import(fakeElectronUrl)) as typeof import('../../main/shell/fake-electron');
electron.app.isPackaged = true;
electron.app.paths['userData'] = userDataDir;
electron.app.paths['downloads'] = join(userDataDir, 'downloads');

const cache = createRequire(import.meta.url).cache;
const loaded = (): string[] => Object.keys(cache).sort();

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let tries = 0; tries < 400; tries += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

const { main } = JSON.parse(await readFile(join(appDir, 'package.json'), 'utf8')) as { main: string };
await import(pathToFileURL(join(appDir, main)).href);
electron.app.becomeReady();
const window = await until('the window', () => electron.BrowserWindow.instances[0]);
const loadedAtStart = loaded();

const preloadPath = String((window.options['webPreferences'] as { preload: string }).preload);
const pageUrl = window.loaded!.url;
const page = await electron.protocol.fetch(pageUrl);
const html = await page.text();
const assets = [];
for (const [, ref] of html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)) {
  const url = new URL(ref!, pageUrl).href;
  assets.push({ url, status: (await electron.protocol.fetch(url)).status });
}
const frame = electron.mainFrame(pageUrl);
const appInfo = await electron.ipcMain.invoke('app:info', undefined, frame);
// keytar as main's lazy require finds it (never called here: that needs a keyring).
const keytarLoadedFrom = createRequire(join(appDir, main)).resolve('keytar');
createRequire(join(appDir, main))('keytar');

const sandboxProfile = (await electron.ipcMain.invoke('profiles:addSandbox', undefined, frame)) as {
  ok: boolean;
  value?: { id: string };
};
const orgs = sandboxProfile.value
  ? await electron.ipcMain.invoke('orgs:list', { profileId: sandboxProfile.value.id }, frame)
  : undefined;
const loadedAfterSandbox = loaded();

electron.app.quit();
const quit = await until('the second quit, after disposal', () => (electron.app.quitCalls >= 2 ? true : undefined));

const report: PackagedStart = {
  main,
  preload: { path: preloadPath, exists: existsSync(preloadPath) },
  page: { status: page.status, csp: page.headers.get('content-security-policy'), assets },
  appInfo,
  keytarLoadedFrom,
  loadedAtStart,
  sandboxProfile,
  orgs,
  loadedAfterSandbox,
  quit,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
