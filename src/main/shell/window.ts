import { BrowserWindow, nativeTheme, type BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../log';
import type { RendererLocation } from './app-url';

export interface MainWindowOptions {
  /** Absolute path of the built preload, `out/preload/index.cjs`. */
  preloadPath: string;
  /** Devtools stay available in development builds only. */
  devTools: boolean;
}

/**
 * The renderer is treated as untrusted: no Node, its own JS world, the Chromium sandbox,
 * and nothing but the preload's typed bridge to reach main.
 */
export function mainWindowOptions({ preloadPath, devTools }: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: 'Orgdesk',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on ready-to-show so the user never sees an empty frame.
    show: false,
    // Matches the renderer's --bg so resizing never flashes a different colour.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1b1f' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools,
    },
  };
}

export function createMainWindow(
  location: RendererLocation,
  options: MainWindowOptions,
  logger: Logger,
): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  window.once('ready-to-show', () => window.show());
  // index.html's <title> would otherwise replace the window title on every load.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.loadURL(location.url).catch((error: unknown) => logger.error('shell.load_failed', { error }));
  return window;
}
