import { EventEmitter } from 'node:events';

/**
 * A hand-written stand-in for the parts of `electron` main uses, so the shell's wiring
 * (window options, guards, IPC registration) runs under vitest without an Electron binary.
 * Behaviour mirrors Electron where tests depend on it: `ipcMain.handle` refuses a second
 * handler for a channel, and preventable events carry `preventDefault`/`defaultPrevented`.
 */

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeNavigationEvent extends FakeEvent {
  constructor(
    readonly url: string,
    readonly isMainFrame = true,
    /** The frame that started the navigation; null when the browser did. */
    readonly initiator: FakeFrame | null = null,
  ) {
    super();
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export function mainFrame(url: string): FakeFrame {
  return { url, parent: null };
}

export function subframe(url: string, parentUrl: string): FakeFrame {
  return { url, parent: mainFrame(parentUrl) };
}

type WindowDisposition = 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
type WindowOpenHandler = (details: { url: string; disposition: WindowDisposition }) => { action: 'allow' | 'deny' };

export interface NavigationDetails {
  isMainFrame?: boolean;
  initiator?: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  /** The top frame's URL: what the window loaded, until a test says otherwise. */
  url = '';
  destroyed = false;
  /** Every message main sent the page (`webContents.send`), as `[channel, ...args]`. */
  readonly sent: unknown[][] = [];

  getURL(): string {
    if (this.destroyed) throw new Error('Object has been destroyed');
    return this.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...structuredClone(args)]);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /**
   * What Chromium does when a page starts a navigation (a link, `location.href`): as in
   * Electron, `will-navigate` for the main frame first, then, unless prevented,
   * `will-frame-navigate` for any frame. Browser-started navigations emit neither.
   */
  navigate(url: string, { isMainFrame = true, initiator = null }: NavigationDetails = {}): FakeNavigationEvent {
    const event = new FakeNavigationEvent(url, isMainFrame, initiator);
    if (isMainFrame) this.emit('will-navigate', event, url);
    if (!event.defaultPrevented) this.emit('will-frame-navigate', event);
    return event;
  }

  redirect(url: string, isMainFrame = true): FakeNavigationEvent {
    const event = new FakeNavigationEvent(url, isMainFrame);
    this.emit('will-redirect', event, url);
    return event;
  }

  openWindow(url: string, disposition: WindowDisposition = 'foreground-tab'): { action: 'allow' | 'deny' } {
    // Electron allows popups when no handler is set.
    return this.windowOpenHandler ? this.windowOpenHandler({ url, disposition }) : { action: 'allow' };
  }

  attachWebview(): FakeEvent {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, {});
    return event;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }
  /** The window a test last focused (`focus()`), while it lives. */
  static focused: FakeBrowserWindow | null = null;
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused && !FakeBrowserWindow.focused.destroyed ? FakeBrowserWindow.focused : null;
  }

  readonly webContents = new FakeWebContents();
  /** Main loads pages by URL only; there is deliberately no `loadFile` here. */
  loaded: { kind: 'url'; url: string } | undefined;
  shown = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.normalBounds = {
      x: Number(options['x'] ?? 100),
      y: Number(options['y'] ?? 100),
      width: Number(options['width'] ?? 800),
      height: Number(options['height'] ?? 600),
    };
    FakeBrowserWindow.instances.push(this);
    // Electron emits web-contents-created for every new contents, before the page loads.
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', url };
    this.webContents.url = url;
  }

  show(): void {
    this.shown = true;
  }

  maximized = false;
  minimized = false;
  /** Where the window sits when not maximized; tests move it and emit `move` or `resize`. */
  normalBounds: { x: number; y: number; width: number; height: number };

  focus(): void {
    FakeBrowserWindow.focused = this;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
    this.shown = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.normalBounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What closing does to the window and its contents. */
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

/** A menu item as the app's template gives it; `submenu` is a template too. */
export interface FakeMenuItemOptions {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  visible?: boolean;
  enabled?: boolean;
  click?: (item: unknown, window: unknown, event: { triggeredByAccelerator?: boolean }) => void;
  submenu?: FakeMenuItemOptions[];
}

/** `Menu.buildFromTemplate` keeps the template; `setApplicationMenu` records what the app set. */
export class FakeMenu {
  static applicationMenu: FakeMenu | null | undefined;
  constructor(readonly items: FakeMenuItemOptions[]) {}
  static buildFromTemplate(template: FakeMenuItemOptions[]): FakeMenu {
    return new FakeMenu(template);
  }
  static setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenu.applicationMenu = menu;
  }
  static getApplicationMenu(): FakeMenu | null {
    return FakeMenu.applicationMenu ?? null;
  }
}
export const Menu = FakeMenu;

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();
  /** Every channel ever passed to `handle`, duplicates included. */
  readonly registrations: string[] = [];

  handle(channel: string, listener: InvokeListener): void {
    this.registrations.push(channel);
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What a renderer's `ipcRenderer.invoke(channel, payload)` does, sent from `frame`. */
  async invoke(channel: string, payload: unknown, frame: FakeFrame | null): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame, frameId: 1, processId: 1 }, structuredClone(payload));
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame: boolean },
) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  headersFilter: { urls: string[] } | undefined;
  headersListener: HeadersListener | undefined;

  readonly webRequest = {
    onHeadersReceived: (filter: { urls: string[] }, listener: HeadersListener): void => {
      this.headersFilter = filter;
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }

  /** Resolves to what the app answered a page's permission request with. */
  request(permission: string, requestingUrl: string, isMainFrame = true): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true); // Electron's default grants
    return new Promise((resolve) => handler({}, permission, resolve, { requestingUrl, isMainFrame }));
  }

  check(permission: string, requestingUrl: string, isMainFrame = true): boolean {
    const handler = this.permissionCheckHandler;
    if (!handler) return true;
    return handler({}, permission, new URL(requestingUrl).origin, { requestingUrl, isMainFrame });
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  quitCalls = 0;
  exitCode: number | undefined;
  paths: Record<string, string> = {
    userData: '/tmp/orgdesk-fake-user-data',
    downloads: '/tmp/orgdesk-fake-downloads',
  };
  #isReady = false;
  #ready!: () => void;
  #readyPromise!: Promise<void>;

  constructor() {
    super();
    this.reset();
  }

  /** Back to a freshly started process: no listeners, not ready, lock available. */
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.hasLock = true;
    this.quitCalls = 0;
    this.exitCode = undefined;
    this.#isReady = false;
    this.#readyPromise = new Promise<void>((resolve) => {
      this.#ready = resolve;
    });
  }

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  isReady(): boolean {
    return this.#isReady;
  }
  whenReady(): Promise<void> {
    return this.#readyPromise;
  }
  /** Test hook: what Electron does once it has initialised. */
  becomeReady(): void {
    this.#isReady = true;
    this.#ready();
    this.emit('ready');
  }
  getPath(name: string): string {
    const path = this.paths[name];
    if (!path) throw new Error(`Unknown path ${name}`);
    return path;
  }
  getVersion(): string {
    return '9.9.9-test';
  }
  quit(): void {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
interface CustomScheme {
  scheme: string;
  privileges?: Record<string, boolean>;
}

/**
 * Electron's rules the entry must follow: privileges once and before `ready` (Chromium reads
 * them at start-up), handlers only once the app is ready and one per scheme.
 */
class FakeProtocol {
  privileged: CustomScheme[] | undefined;
  readonly handlers = new Map<string, ProtocolHandler>();

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.isReady()) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
    if (this.privileged) throw new Error('registerSchemesAsPrivileged can be called only once');
    this.privileged = structuredClone(schemes);
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle needs the app to be ready');
    if (this.handlers.has(scheme)) throw new Error(`Duplicate scheme: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  /** What the window's request for `url` gets back. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(new Request(url, init));
  }
}

/** Forgets every handler, window and listener, for tests that start the app more than once. */
export function resetFakeElectron(): void {
  app.reset();
  ipcMain.handlers.clear();
  ipcMain.registrations.length = 0;
  FakeBrowserWindow.instances.length = 0;
  FakeBrowserWindow.focused = null;
  FakeMenu.applicationMenu = undefined;
  session.defaultSession = new FakeSession();
  protocol.privileged = undefined;
  protocol.handlers.clear();
  openedExternally.length = 0;
  openedPaths.length = 0;
  dialog.errors.length = 0;
  dialog.saveDialogs.length = 0;
  dialog.saveAnswer = { canceled: true, filePath: '' };
  dialog.messageBoxes.length = 0;
  clipboard.text = '';
  nativeTheme.themeSource = 'system';
  utilityProcess.forks.length = 0;
  screen.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
}
export const ipcMain = new FakeIpcMain();
export const protocol = new FakeProtocol();
export const BrowserWindow = FakeBrowserWindow;
export const session: { defaultSession: FakeSession } = { defaultSession: new FakeSession() };
export const openedPaths: string[] = [];
export const shell = {
  openExternal: async (url: string): Promise<void> => void openedExternally.push(url),
  openPath: async (path: string): Promise<string> => {
    openedPaths.push(path);
    return '';
  },
};
export const openedExternally: string[] = [];
/** The system clipboard as Electron 45 exposes it (promises), holding plain text only. */
export const clipboard = {
  text: '',
  async writeText(text: string): Promise<void> {
    this.text = text;
  },
  async readText(): Promise<string> {
    return this.text;
  },
  clear(): void {
    this.text = '';
  },
};
/** Every utility process started, with what it was given; none runs anything, tests speak for it. */
export class FakeUtilityProcess extends EventEmitter {
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}
export const utilityProcess = {
  forks: [] as FakeUtilityProcess[],
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    if (!app.isReady()) throw new Error('utilityProcess.fork can only be called after the app is ready');
    const child = new FakeUtilityProcess(modulePath, args, options);
    this.forks.push(child);
    return child;
  },
};
export const nativeTheme = {
  shouldUseDarkColors: false,
  /** What the app asked the OS theme to follow: Electron's default until told. */
  themeSource: 'system' as 'system' | 'light' | 'dark',
};
export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  /** Every save dialog shown: the window it was modal to (or null) and its options. */
  saveDialogs: [] as Array<{ window: FakeBrowserWindow | null; options: Record<string, unknown> }>,
  /** What the next save dialogs answer, as Electron does: an empty path when cancelled. */
  saveAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  },
  /** Every message box shown (options only); each answers as if its first button were pressed. */
  messageBoxes: [] as Array<Record<string, unknown>>,
  async showMessageBox(options: Record<string, unknown>): Promise<{ response: number; checkboxChecked: boolean }> {
    this.messageBoxes.push(structuredClone(options));
    return { response: 0, checkboxChecked: false };
  },
  async showSaveDialog(
    windowOrOptions: FakeBrowserWindow | Record<string, unknown>,
    maybeOptions?: Record<string, unknown>,
  ): Promise<{ canceled: boolean; filePath: string }> {
    const modal = windowOrOptions instanceof FakeBrowserWindow;
    this.saveDialogs.push({
      window: modal ? windowOrOptions : null,
      options: structuredClone(modal ? maybeOptions! : windowOrOptions),
    });
    return { ...this.saveAnswer };
  },
};

interface FakeDisplay {
  id: number;
  workArea: { x: number; y: number; width: number; height: number };
}

/** The displays attached; tests replace the list to unplug a monitor. */
export const screen = {
  displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as FakeDisplay[],
  getPrimaryDisplay(): FakeDisplay {
    return screen.displays[0]!;
  },
  getAllDisplays(): FakeDisplay[] {
    return [...screen.displays];
  },
};
