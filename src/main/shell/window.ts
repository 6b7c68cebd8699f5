import { BrowserWindow, nativeTheme, type BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../log';
import type { WindowBounds, WindowState } from '../session/window-state';
import type { RendererLocation } from './app-url';

/** The smallest window the layout is designed and tested for. */
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;

export interface MainWindowOptions {
  /** Absolute path of the built preload, `out/preload/index.cjs`. */
  preloadPath: string;
  /** Devtools stay available in development builds only. */
  devTools: boolean;
  /** Where the window was left (already placed on a display that exists); the default size without it. */
  bounds?: WindowBounds;
  maximized?: boolean;
  /** Told of every move, resize and (un)maximize, to keep for the next start. */
  onStateChange?: (state: WindowState) => void;
}

/**
 * The renderer is treated as untrusted: no Node, its own JS world, the Chromium sandbox,
 * and nothing but the preload's typed bridge to reach main.
 */
export function mainWindowOptions({
  preloadPath,
  devTools,
  bounds,
}: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: 'Orgdesk',
    width: 1280,
    height: 820,
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
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
  window.once('ready-to-show', () => {
    if (options.maximized) window.maximize();
    window.show();
  });
  if (options.onStateChange) trackWindowState(window, options.onStateChange);
  // index.html's <title> would otherwise replace the window title on every load.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.loadURL(location.url).catch((error: unknown) => logger.error('shell.load_failed', { error }));
  return window;
}

/**
 * Reports the window's place as it changes. The bounds are the normal ones (what it returns to
 * when un-maximized), so a maximized window comes back maximized over the right place.
 */
export function trackWindowState(window: BrowserWindow, save: (state: WindowState) => void): void {
  const report = () => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'close'] as const) {
    window.on(event as 'resize', report);
  }
}
