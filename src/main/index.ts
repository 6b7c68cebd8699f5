import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, protocol, screen, session, shell, utilityProcess } from 'electron';
import type { ExportFormat } from '../shared/ipc/people';
import { createAppServices, type AppServices } from './app-services';
import { OrgdeskError } from './errors';
import { createEventSender } from './ipc/events';
import { registerIpcHandlers } from './ipc/register';
import type { SaveFileRequest } from './people/people-export';
import { isolatedAccountLister, type AccountsChild } from './secrets/account-lister';
import { SERVICE_ARG } from './secrets/accounts-child-protocol';
import { keychainAccountsEntry } from './secrets/keychain-accounts-entry';
import { createKeytarStore, KEYCHAIN_SERVICE, KEYCHAIN_TIMEOUT_MS, requireKeytar } from './secrets/keytar-store';
import { noticeMissingLibsecret } from './secrets/libsecret-notice';
import { APP_SCHEME_PRIVILEGES, serveRenderer } from './shell/app-protocol';
import { APP_SCHEME, rendererLocation } from './shell/app-url';
import { hardenSession, installNavigationGuards } from './shell/guards';
import { installApplicationMenu } from './shell/menu';
import { createMainWindow, MIN_WINDOW_SIZE } from './shell/window';
import { placeOnScreen } from './session/window-state';

/** How long quitting waits for services (sandbox server, HTTP pools, log file) to close. */
const DISPOSE_TIMEOUT_MS = 5_000;

const rendererDir = join(import.meta.dirname, '../renderer');
const location = rendererLocation({
  devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'],
});
// Chromium fixes its schemes' privileges at start-up: this must run before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

let services: AppServices | undefined;
let unregisterIpc: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;
let shutdown: Promise<void> | undefined;

// A second instance would race the first on profiles.json and the keychain; it hands over instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) void openWindow(services);
  });
  app.on('before-quit', (event) => {
    if (!services) return;
    // Quit again once disposal settles; `services` is cleared so that second quit goes through.
    event.preventDefault();
    shutdown ??= disposeServices().finally(() => app.quit());
  });
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  services = await createAppServices({
    userDataDir: app.getPath('userData'),
    secretStore: (logger) =>
      createKeytarStore(
        KEYCHAIN_SERVICE,
        logger,
        undefined,
        KEYCHAIN_TIMEOUT_MS,
        isolatedAccountLister(startAccountsChild, KEYCHAIN_TIMEOUT_MS, logger),
      ),
    appVersion: app.getVersion(),
    openFolder,
    saveFile,
    clipboard,
  });
  const { logger } = services;
  const guardOptions = { isAppUrl: location.isAppUrl, logger };
  installNavigationGuards(guardOptions);
  hardenSession(session.defaultSession, { ...guardOptions, devServerOrigin: location.devServerOrigin });
  // The window uses the default session, whose `protocol` this is. On the dev server the
  // scheme stays unanswered: nothing should load a stale build next to it.
  if (!location.devServerOrigin) protocol.handle(APP_SCHEME, (request) => serveRenderer(request, rendererDir));
  unregisterIpc = registerIpcHandlers({ dispatch: services.dispatch, isAppUrl: location.isAppUrl, logger });
  const sendEvent = createEventSender({ isAppUrl: location.isAppUrl, logger });
  installApplicationMenu({
    platform: process.platform,
    isPackaged: app.isPackaged,
    dispatch: (command) => {
      const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
      if (target && !target.isDestroyed()) sendEvent(target.webContents, 'menu', 'command', command);
    },
  });
  // The activity log's views read what is new when told; the window in front of the user is the one told.
  services.onActivityAppended((event) => {
    if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, 'activity', 'appended', event);
  });
  services.onOrgChanged((change) => {
    if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, 'orgs', 'changed', change);
  });
  await openWindow(services);
  void noticeMissingLibsecret({
    platform: process.platform,
    loadKeytar: requireKeytar,
    show: (notice) => dialog.showMessageBox({ type: 'warning', title: 'Orgdesk', ...notice }),
    logger,
  });
}

async function openWindow(current: AppServices): Promise<void> {
  const saved = await current.session.window();
  // The primary display first: a window whose display is gone comes back there.
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)];
  mainWindow = createMainWindow(
    location,
    {
      preloadPath,
      devTools: !app.isPackaged,
      ...(saved
        ? {
            bounds: placeOnScreen(
              saved.bounds,
              displays.map((display) => display.workArea),
              MIN_WINDOW_SIZE,
            ),
            maximized: saved.maximized,
          }
        : {}),
      onStateChange: (state) => current.session.saveWindow(state),
    },
    current.logger,
  );
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

async function disposeServices(): Promise<void> {
  const current = services;
  services = undefined;
  unregisterIpc?.();
  unregisterIpc = undefined;
  if (!current) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      current.logger.warn('app.dispose_timeout', { ms: DISPOSE_TIMEOUT_MS });
      resolve();
    }, DISPOSE_TIMEOUT_MS);
  });
  try {
    await Promise.race([current.dispose(), timeout]);
  } catch (error) {
    current.logger.error('app.dispose_failed', { error });
  } finally {
    clearTimeout(timer);
  }
}

/** `shell.openPath` answers with an error text rather than rejecting. */
async function openFolder(path: string): Promise<void> {
  const failure = await shell.openPath(path);
  if (failure) throw new OrgdeskError('not_found', `The file manager could not open ${path}: ${failure}`);
}

/**
 * The keychain listing runs in a utility process: keytar's listing crashes the process that
 * makes it when the keyring is locked (see `account-lister.ts`).
 */
function startAccountsChild(service: string): AccountsChild {
  const child = utilityProcess.fork(keychainAccountsEntry, [`${SERVICE_ARG}${service}`], {
    serviceName: 'Orgdesk keychain listing',
    stdio: 'ignore',
  });
  return {
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', listener),
    kill: () => void child.kill(),
  };
}

const EXPORT_FILTERS: Record<ExportFormat, Electron.FileFilter> = {
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
};

/** The native save dialog, modal to the window when there is one, starting in Downloads. */
async function saveFile({ defaultName, format }: SaveFileRequest): Promise<string | undefined> {
  const options: Electron.SaveDialogOptions = {
    defaultPath: join(app.getPath('downloads'), defaultName),
    filters: [EXPORT_FILTERS[format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined;
  const { canceled, filePath } = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options);
  return canceled || !filePath ? undefined : filePath;
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Orgdesk could not start', message);
  app.exit(1);
}
