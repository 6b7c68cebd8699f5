import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../src/main/app-services';
import { createEventSender, type EventPayloadInput, type EventTarget } from '../../../src/main/ipc/events';
import { serveRenderer } from '../../../src/main/shell/app-protocol';
import { APP_HOST, APP_SCHEME } from '../../../src/main/shell/app-url';
import type { AppEvents } from '../../../src/shared/ipc/contract';
import type { IpcResult } from '../../../src/shared/ipc/result';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { PRELOAD_FILE, RENDERER_DIR } from './paths';

/** The page-side name of the harness's stand-in for `ipcRenderer.invoke`. */
export const INVOKE_BINDING = '__orgdeskInvoke';
/**
 * The page-side function through which the harness hands the preload what main sends
 * (Electron's delivery to `ipcRenderer.on` listeners); `LaunchedApp.sendEvent` calls it.
 */
export const EVENT_DELIVERY = '__orgdeskDeliverEvent';

export interface LaunchOptions {
  /** Reuse a directory (e.g. to test a restart); by default a fresh temp dir, removed on close. */
  userDataDir?: string;
  /** Defaults to a new `MemorySecretStore`. */
  secretStore?: AppServicesOptions['secretStore'];
  viewport?: { width: number; height: number };
  /** Stands in for the OS file manager; without it, "Open log folder" answers with the folder's path. */
  openFolder?: AppServicesOptions['openFolder'];
  /**
   * Stands in for the native save dialog: answers the path to export to, or `undefined` for a
   * cancel. Without it, Export answers that no save dialog can open here.
   */
  saveFile?: AppServicesOptions['saveFile'];
  /** Stands in for the system clipboard main copies secrets to; by default an in-memory one, read back as `app.clipboard`. */
  clipboard?: MemoryClipboard;
  /** What "Try the sandbox" seeds, e.g. `{ peopleAtScale: 10_000 }`; the default seed without it. */
  sandboxSeed?: AppServicesOptions['sandboxSeed'];
  /** Limits of OpenID discovery, e.g. a short timeout for a provider that never answers. */
  discovery?: AppServicesOptions['discovery'];
}

export interface IpcLogEntry {
  channel: string;
  payload: unknown;
  result: IpcResult<unknown>;
  /** URL of the frame that called, so refused calls can be told apart. */
  frameUrl: string;
  /** When main's answer went back to the page (`Date.now()`), for measuring what the page does with it. */
  answeredAt: number;
}

/** A clipboard that keeps its text in memory, so a test can see what main copied and when it cleared it. */
export class MemoryClipboard {
  text = '';
  writeText(text: string): void {
    this.text = text;
  }
  readText(): string {
    return this.text;
  }
  clear(): void {
    this.text = '';
  }
}

export interface LaunchedApp {
  page: Page;
  browser: Browser;
  services: AppServices;
  userDataDir: string;
  /** The app page as the harness serves it, e.g. `http://127.0.0.1:43127/index.html`. */
  url: string;
  /** What main copied to the clipboard (the harness's stand-in for the system one). */
  clipboard: MemoryClipboard;
  /** Every call the page made through the bridge, in order, refused ones included. */
  ipcLog: IpcLogEntry[];
  /** `console.error` messages and failed loads the page reported (CSP violations appear here). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /**
   * Sends a contract event to the page through main's own sender (payload checked against the
   * contract, only to the app page) and the built preload's subscription, as a menu click does.
   * Resolves, once the page's listeners have run, to whether it was sent.
   */
  sendEvent<D extends keyof AppEvents, N extends keyof AppEvents[D] & string>(
    domain: D,
    name: N,
    payload: EventPayloadInput<AppEvents[D][N]>,
  ): Promise<boolean>;
  /** Empties `consoleErrors` and `pageErrors`, after a test provoked an expected one. */
  clearErrors(): void;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Runs the built renderer in Chromium against the real main-process services, with the
 * Electron-specific parts replaced as faithfully as a browser allows:
 * - every request is answered by main's own app-scheme handler (`serveRenderer`: same files,
 *   types, `nosniff` and header CSP), carried over loopback HTTP because a plain Chromium
 *   cannot register `app://`; the page's origin is therefore `http://127.0.0.1:<port>`;
 * - the real `out/preload/index.cjs` runs before any page script with a `require` that knows
 *   only `electron`, whose `ipcRenderer.invoke` is a Playwright binding;
 * - the binding applies main's sender rule (top frame of the app's origin) and clones payloads
 *   and results with `structuredClone`, as Electron's IPC does, before calling `dispatch`.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const ownsUserDataDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'orgdesk-e2e-')));
  const cleanups: Array<() => Promise<unknown>> = [];
  if (ownsUserDataDir) cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));

  const run = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      await runCleanups(cleanups);
      throw error;
    }
  };

  const preloadSource = await run(() => readFile(PRELOAD_FILE, 'utf8'));
  const clipboard = options.clipboard ?? new MemoryClipboard();
  const services = await run(() =>
    createAppServices({
      userDataDir,
      secretStore: options.secretStore ?? new MemorySecretStore(),
      appVersion: '0.0.0-e2e',
      openFolder: options.openFolder,
      saveFile: options.saveFile,
      clipboard,
      sandboxSeed: options.sandboxSeed,
      discovery: options.discovery,
    }),
  );
  cleanups.unshift(() => services.dispose());

  const server = Fastify({ logger: false });
  cleanups.unshift(() => server.close());
  // Chromium asks an http origin for a favicon (an app:// page it does not); a 404 would
  // land in consoleErrors at a random moment.
  server.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  server.all('/*', serveThroughAppHandler);
  const url = await run(async () => `${await server.listen({ host: '127.0.0.1', port: 0 })}/index.html`);
  const appPage = new URL(url);

  const browser = await run(() => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }));
  cleanups.unshift(() => browser.close());
  const page = await run(() => browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 820 } }));

  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));

  const ipcLog: IpcLogEntry[] = [];
  // Main's rule (isAppUrl) moved to the harness origin: the top frame, on the app page.
  const isAppUrl = (url: string): boolean => {
    if (!URL.canParse(url)) return false;
    const candidate = new URL(url);
    return candidate.origin === appPage.origin && candidate.pathname === appPage.pathname;
  };
  const isAppFrame = (frame: Frame): boolean => frame.parentFrame() === null && isAppUrl(frame.url());

  await run(() =>
    page.exposeBinding(INVOKE_BINDING, async ({ frame }, channel: unknown, payload: unknown, callId: unknown) => {
      const frameUrl = frame.url();
      let result: IpcResult<unknown>;
      if (!isAppFrame(frame)) {
        result = { ok: false, error: { kind: 'forbidden_sender', message: 'Orgdesk refused the call' } };
      } else if (typeof channel !== 'string') {
        result = { ok: false, error: { kind: 'invalid_input', message: 'The channel must be a string' } };
      } else {
        result = structuredClone(await services.dispatch(channel, structuredClone(payload), structuredClone(callId)));
      }
      ipcLog.push({ channel: String(channel), payload, result, frameUrl, answeredAt: Date.now() });
      return result;
    }),
  );
  await run(() => page.addInitScript({ content: preloadInitScript(preloadSource) }));

  // Main's event sender, its target standing in for the window's webContents.
  const sendEventToWindow = createEventSender({
    isAppUrl,
    logger: services.logger,
  });
  const deliveries: Array<Promise<unknown>> = [];
  const deliver = (channel: string, args: unknown[]) =>
    page.evaluate(
      ([hook, delivered]) => (globalThis as unknown as Record<string, (...a: unknown[]) => void>)[hook]!(...delivered),
      [EVENT_DELIVERY, [channel, ...args]] as const,
    );
  const eventTarget: EventTarget = {
    isDestroyed: () => page.isClosed(),
    getURL: () => page.url(),
    send: (channel, ...args) => {
      deliveries.push(deliver(channel, args));
    },
  };
  // Events main sends on its own schedule (the activity log's), as the app wires them; none is
  // awaited, and one still in flight when the page closes is dropped as a closed window drops it.
  const backgroundTarget: EventTarget = {
    ...eventTarget,
    send: (channel, ...args) => void deliver(channel, args).catch(() => undefined),
  };
  const stopActivityEvents = services.onActivityAppended((event) =>
    sendEventToWindow(backgroundTarget, 'activity', 'appended', event),
  );
  cleanups.unshift(async () => stopActivityEvents());
  const stopOrgEvents = services.onOrgChanged((change) =>
    sendEventToWindow(backgroundTarget, 'orgs', 'changed', change),
  );
  cleanups.unshift(async () => stopOrgEvents());
  await run(() => page.goto(url, { waitUntil: 'load' }));

  let closed: Promise<void> | undefined;
  return {
    page,
    browser,
    services,
    userDataDir,
    url,
    ipcLog,
    clipboard,
    consoleErrors,
    pageErrors,
    async sendEvent(domain, name, payload) {
      const sent = sendEventToWindow(eventTarget, domain, name, payload);
      await Promise.all(deliveries.splice(0));
      return sent;
    },
    clearErrors() {
      consoleErrors.length = 0;
      pageErrors.length = 0;
    },
    close() {
      closed ??= runCleanups(cleanups);
      return closed;
    },
  };
}

/**
 * Hands the request to `serveRenderer` as the app scheme would: same path and query, with
 * the harness's origin swapped for `app://orgdesk`. The raw request line is used, so a
 * `..%2f` or a `//host/` path reaches the handler as a client sent it.
 */
async function serveThroughAppHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  let appRequest: Request;
  try {
    appRequest = new Request(new URL(request.raw.url ?? '/', `${APP_SCHEME}://${APP_HOST}`), {
      method: request.method,
    });
  } catch {
    // Methods a Request cannot carry (CONNECT, TRACE) are not GET or HEAD either.
    return reply.code(405).send();
  }
  const response = await serveRenderer(appRequest, RENDERER_DIR);
  reply.code(response.status).headers(Object.fromEntries(response.headers));
  return reply.send(request.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
}

async function runCleanups(cleanups: Array<() => Promise<unknown>>): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups.splice(0)) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, 'Closing the e2e app failed');
}

/**
 * The built preload, wrapped as Electron's sandboxed loader would run it: CommonJS with a
 * `require` that has `electron` and throws for anything else, so a preload that grew a
 * second file or an npm import fails here as it would in the app. Runs in the top frame
 * only, like a preload without `nodeIntegrationInSubFrames`.
 */
function preloadInitScript(preloadSource: string): string {
  return `(() => {
  if (window !== window.top) return;
  const listeners = new Map();
  const ipcRenderer = Object.freeze({
    invoke: (channel, payload, callId) => window[${JSON.stringify(INVOKE_BINDING)}](channel, payload, callId),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, []);
      listeners.get(channel).push(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      const list = listeners.get(channel) || [];
      const at = list.indexOf(listener);
      if (at >= 0) list.splice(at, 1);
      return ipcRenderer;
    },
  });
  // Electron hands each ipcRenderer.on listener an event whose sender is ipcRenderer itself.
  Object.defineProperty(window, ${JSON.stringify(EVENT_DELIVERY)}, {
    value: (channel, ...args) => {
      for (const listener of [...(listeners.get(channel) || [])]) listener({ sender: ipcRenderer }, ...args);
    },
  });
  const electron = Object.freeze({
    contextBridge: Object.freeze({
      exposeInMainWorld(key, api) {
        Object.defineProperty(window, key, { value: api, enumerable: true, configurable: false, writable: false });
      },
    }),
    ipcRenderer,
  });
  const require = (id) => {
    if (id === 'electron') return electron;
    throw new Error('A sandboxed preload cannot require ' + JSON.stringify(id));
  };
  const module = { exports: {} };
  try {
    (function (require, module, exports) {
${preloadSource}
    })(require, module, module.exports);
  } catch (error) {
    console.error('[orgdesk e2e] the preload failed: ' + (error && error.stack ? error.stack : error));
  }
})();`;
}
