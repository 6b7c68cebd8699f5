import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/main/log';
import { rendererLocation } from '../../../src/main/shell/app-url';
import { createMainWindow, mainWindowOptions } from '../../../src/main/shell/window';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const preloadPath = '/app/out/preload/index.cjs';

describe('main window', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances.length = 0;
  });

  it('locks the renderer down', () => {
    const options = mainWindowOptions({ preloadPath, devTools: false });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(options.webPreferences?.preload).toMatch(/\.cjs$/);
    expect(options).toMatchObject({ title: 'Orgdesk', show: false });
    expect(options.minWidth).toBeGreaterThan(0);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('loads the app page and shows the window only when it is ready', () => {
    const location = rendererLocation({});
    createMainWindow(location, { preloadPath, devTools: false }, silentLogger);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options['webPreferences']).toMatchObject({ preload: preloadPath, sandbox: true });
    expect(window.loaded).toEqual({ kind: 'url', url: 'app://orgdesk/index.html' });
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('loads the dev server URL in development', () => {
    const location = rendererLocation({ devServerUrl: 'http://localhost:5173' });
    createMainWindow(location, { preloadPath, devTools: true }, silentLogger);
    expect(FakeBrowserWindow.instances[0]!.loaded).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
  });
});
