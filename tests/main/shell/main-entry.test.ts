import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices, AppServicesOptions } from '../../../src/main/app-services';
import { listChannels } from '../../../src/shared/ipc/channel';
import { contract } from '../../../src/shared/ipc/contract';
import { silentLogger } from '../../../src/main/log';

vi.mock('electron', () => import('./fake-electron'));

const created = vi.hoisted(() => ({
  options: [] as unknown[],
  dispatched: [] as Array<[string, unknown]>,
  disposed: 0,
  /** What loading keytar throws at start, as on a Linux without libsecret; nothing by default. */
  keytarLoadError: undefined as Error | undefined,
  /** The window's place as the session file had it; none on a first start. */
  savedWindow: undefined as unknown,
  windowStates: [] as unknown[],
  activityListeners: [] as Array<(event: { latestId: number }) => void>,
}));

vi.mock('../../../src/main/app-services', () => ({
  createAppServices: async (options: AppServicesOptions): Promise<Partial<AppServices>> => {
    created.options.push(options);
    return {
      channels: [],
      logger: silentLogger,
      dispatch: async (channel, payload) => {
        created.dispatched.push([channel, payload]);
        return { ok: true, value: null };
      },
      dispose: async () => {
        created.disposed += 1;
      },
      session: {
        window: async () => created.savedWindow,
        saveWindow: (state: unknown) => void created.windowStates.push(state),
      } as unknown as AppServices['session'],
      onActivityAppended: (listener) => {
        created.activityListeners.push(listener);
        return () => undefined;
      },
      onOrgChanged: () => () => undefined,
    };
  },
}));

vi.mock('../../../src/main/secrets/keytar-store', () => ({
  KEYCHAIN_SERVICE: 'Orgdesk',
  KEYCHAIN_TIMEOUT_MS: 60_000,
  requireKeytar: () => {
    if (created.keytarLoadError) throw created.keytarLoadError;
    return {};
  },
  createKeytarStore: (
    service: string,
    _logger: unknown,
    _module: unknown,
    _timeoutMs: number,
    listAccounts: (service: string) => Promise<string[]>,
  ) => ({ fakeKeytarFor: service, listAccounts }),
}));

// The built child's path comes from electron-vite's `?modulePath`, which vitest does not resolve.
vi.mock('../../../src/main/secrets/keychain-accounts-entry', () => ({
  keychainAccountsEntry: '/app/out/main/keychain-accounts-child.js',
}));

type Fake = typeof import('./fake-electron');

/** What the entry had done to `protocol` by the time its module finished loading. */
let launchedBeforeReady: { privileged: unknown; handled: string[] } | undefined;

/**
 * Loads src/main/index.ts afresh, as a new app process would. The fake is taken from
 * `electron` itself after the reset, so the test and the entry share one instance.
 */
async function launch(prepare: (fake: Fake) => void = () => {}): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  prepare(fake);
  await import('../../../src/main/index');
  launchedBeforeReady = { privileged: fake.protocol.privileged, handled: [...fake.protocol.handlers.keys()] };
  fake.app.becomeReady();
  await vi.waitFor(() => {
    if (fake.BrowserWindow.instances.length === 0 && fake.app.hasLock) throw new Error('no window yet');
  });
  return fake;
}

describe('main entry', () => {
  beforeEach(() => {
    created.options.length = 0;
    created.dispatched.length = 0;
    created.disposed = 0;
    created.keytarLoadError = undefined;
    created.savedWindow = undefined;
    created.windowStates.length = 0;
  });

  it('opens the window where it was left, maximized if it was, and keeps its place as it moves', async () => {
    created.savedWindow = { bounds: { x: 200, y: 120, width: 1400, height: 900 }, maximized: true };
    const fake = await launch();
    const window = fake.BrowserWindow.instances[0]!;
    expect(window.options).toMatchObject({ x: 200, y: 120, width: 1400, height: 900, minWidth: 960 });
    window.emit('ready-to-show');
    expect(window.isMaximized()).toBe(true);
    window.maximized = false;
    window.normalBounds = { x: 260, y: 140, width: 1300, height: 850 };
    window.emit('unmaximize');
    expect(created.windowStates.at(-1)).toEqual({
      bounds: { x: 260, y: 140, width: 1300, height: 850 },
      maximized: false,
    });
  });

  it('brings a window left on a monitor since unplugged back onto the primary display', async () => {
    created.savedWindow = { bounds: { x: 2600, y: 200, width: 1280, height: 800 }, maximized: false };
    const fake = await launch((electron) => {
      electron.screen.displays = [{ id: 7, workArea: { x: 0, y: 0, width: 1440, height: 860 } }];
    });
    expect(fake.BrowserWindow.instances[0]!.options).toMatchObject({ x: 80, y: 30, width: 1280, height: 800 });
  });

  it('creates the services with the keychain store and the userData directory', async () => {
    const electron = await launch();
    expect(created.options).toEqual([
      {
        userDataDir: '/tmp/orgdesk-fake-user-data',
        secretStore: expect.any(Function),
        appVersion: '9.9.9-test',
        openFolder: expect.any(Function),
        saveFile: expect.any(Function),
        clipboard: electron.clipboard,
      },
    ]);
    // The store is made with the services' logger, so keychain failures reach the log file.
    const makeStore = (created.options[0] as { secretStore: (logger: unknown) => unknown }).secretStore;
    expect(makeStore(silentLogger)).toEqual({ fakeKeytarFor: 'Orgdesk', listAccounts: expect.any(Function) });
    // "See the log" opens the folder through the OS file manager.
    const openFolder = (created.options[0] as { openFolder: (path: string) => Promise<void> }).openFolder;
    await openFolder('/tmp/orgdesk-fake-user-data/logs');
    expect(electron.openedPaths).toEqual(['/tmp/orgdesk-fake-user-data/logs']);
  });

  it('lists keychain accounts in a utility process, so a crash there is an error here', async () => {
    const electron = await launch();
    const makeStore = (created.options[0] as { secretStore: (logger: unknown) => unknown }).secretStore;
    const { listAccounts } = makeStore(silentLogger) as { listAccounts: (service: string) => Promise<string[]> };

    const listing = listAccounts('Orgdesk');
    const [first] = electron.utilityProcess.forks;
    expect(first).toMatchObject({
      modulePath: '/app/out/main/keychain-accounts-child.js',
      args: ['--service=Orgdesk'],
      options: { stdio: 'ignore' },
    });
    first!.emit('message', { accounts: ['credential/v1/p/o/s/c/id'] });
    await expect(listing).resolves.toEqual(['credential/v1/p/o/s/c/id']);
    expect(first!.killed).toBe(true);

    const crashed = listAccounts('Orgdesk');
    electron.utilityProcess.forks[1]!.emit('exit', 139);
    await expect(crashed).rejects.toMatchObject({ kind: 'keychain' });
  });

  it('asks where to save an export with the native dialog, modal to the window, starting in Downloads', async () => {
    const electron = await launch();
    const { saveFile } = created.options[0] as Required<AppServicesOptions>;
    const window = electron.BrowserWindow.instances[0]!;

    electron.dialog.saveAnswer = { canceled: true, filePath: '' };
    await expect(saveFile({ defaultName: 'acme-people-2026-11-25.csv', format: 'csv' })).resolves.toBeUndefined();
    electron.dialog.saveAnswer = { canceled: false, filePath: '/home/ada/acme.json' };
    await expect(saveFile({ defaultName: 'acme-people-2026-11-25.json', format: 'json' })).resolves.toBe(
      '/home/ada/acme.json',
    );
    expect(electron.dialog.saveDialogs).toEqual([
      {
        window,
        options: expect.objectContaining({
          defaultPath: '/tmp/orgdesk-fake-downloads/acme-people-2026-11-25.csv',
          filters: [{ name: expect.any(String), extensions: ['csv'] }],
        }),
      },
      {
        window,
        options: expect.objectContaining({
          defaultPath: '/tmp/orgdesk-fake-downloads/acme-people-2026-11-25.json',
          filters: [{ name: 'JSON', extensions: ['json'] }],
        }),
      },
    ]);

    // With the window closed the dialog still opens, on its own.
    window.destroyed = true;
    await saveFile({ defaultName: 'acme-people-2026-11-25.csv', format: 'csv' });
    expect(electron.dialog.saveDialogs[2]?.window).toBeNull();
  });

  it('registers every channel and opens one sandboxed window with the CommonJS preload', async () => {
    const fake = await launch();
    expect([...fake.ipcMain.registrations].sort()).toEqual(
      listChannels(contract)
        .map(([, , n]) => n)
        .sort(),
    );
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    const window = fake.BrowserWindow.instances[0]!;
    expect(window.options['webPreferences']).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(String((window.options['webPreferences'] as { preload: string }).preload)).toMatch(
      /[/\\]preload[/\\]index\.cjs$/,
    );
    expect(window.loaded).toEqual({ kind: 'url', url: 'app://orgdesk/index.html' });
  });

  it('registers the app scheme as privileged before ready and answers it after', async () => {
    const fake = await launch();
    const privileged = [{ scheme: 'app', privileges: { standard: true, secure: true } }];
    expect(launchedBeforeReady).toEqual({ privileged, handled: [] });
    expect(fake.protocol.privileged).toEqual(privileged);
    expect([...fake.protocol.handlers.keys()]).toEqual(['app']);
  });

  it('serves the renderer directory beside main, with the policy as a header', async () => {
    const fake = await launch();
    // Under vitest main is src/main/index.ts, so "beside main" is the renderer's sources.
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const expected = await readFile(join(import.meta.dirname, '../../../src/renderer/index.html'), 'utf8');
    const page = await fake.protocol.fetch('app://orgdesk/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(expected);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await fake.protocol.fetch('app://orgdesk/../main/index.ts')).status).toBe(404);
  });

  it('guards the window it created and answers only its page', async () => {
    const fake = await launch();
    const window = fake.BrowserWindow.instances[0]!;
    expect(window.webContents.navigate('https://evil.example/').defaultPrevented).toBe(true);
    expect(window.webContents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(await fake.session.defaultSession.request('media', 'https://evil.example/')).toBe(false);

    const appUrl = (window.loaded as { url: string }).url;
    await fake.ipcMain.invoke('app:info', undefined, fake.mainFrame(appUrl));
    expect(created.dispatched).toEqual([['app:info', undefined]]);
    expect(await fake.ipcMain.invoke('app:info', undefined, fake.mainFrame('https://evil.example/'))).toMatchObject({
      ok: false,
      error: { kind: 'forbidden_sender' },
    });
    expect(
      await fake.ipcMain.invoke('app:info', undefined, fake.mainFrame('file:///tmp/out/renderer/index.html')),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden_sender' } });
    expect(created.dispatched).toHaveLength(1);
  });

  it('sets its own menu, whose items send the window in front a menu command event', async () => {
    const fake = await launch((electron) => {
      electron.app.isPackaged = true;
    });
    const menu = fake.Menu.getApplicationMenu()!;
    const items = (list: typeof menu.items): typeof menu.items =>
      list.flatMap((item) => [item, ...items(item.submenu ?? [])]);
    expect(items(menu.items).some((item) => /reload|devtools/i.test(item.role ?? ''))).toBe(false);
    const click = (label: string) => items(menu.items).find((item) => item.label === label)!.click!({}, undefined, {});

    const window = fake.BrowserWindow.instances[0]!;
    await vi.waitFor(() => expect(window.webContents.url).toBe('app://orgdesk/index.html'));
    click('Close Tab');
    window.focus();
    click('Last Tab');
    expect(window.webContents.sent).toEqual([
      ['event:menu:command', { command: 'tab.close' }],
      ['event:menu:command', { command: 'tab.goTo', index: 9 }],
    ]);
    window.destroy();
    expect(() => click('Next Tab')).not.toThrow();
    expect(window.webContents.sent).toHaveLength(2);
  });

  it('tells the window when the activity log grew', async () => {
    const fake = await launch();
    const window = fake.BrowserWindow.instances[0]!;
    await vi.waitFor(() => expect(window.webContents.url).toBe('app://orgdesk/index.html'));
    created.activityListeners.at(-1)!({ latestId: 7 });
    expect(window.webContents.sent).toEqual([['event:activity:appended', { latestId: 7 }]]);
    window.destroy();
    expect(() => created.activityListeners.at(-1)!({ latestId: 8 })).not.toThrow();
  });

  it('ignores ELECTRON_RENDERER_URL once packaged', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    try {
      const dev = await launch();
      expect(dev.BrowserWindow.instances[0]!.loaded).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
      // The dev server serves the page; the scheme is registered but answers nothing.
      expect(dev.protocol.handlers.size).toBe(0);
      const packaged = await launch((fake) => {
        fake.app.isPackaged = true;
      });
      expect(packaged.BrowserWindow.instances[0]!.loaded).toEqual({ kind: 'url', url: 'app://orgdesk/index.html' });
      expect([...packaged.protocol.handlers.keys()]).toEqual(['app']);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('says at start what to install when keytar cannot load for want of libsecret (Linux)', async () => {
    vi.spyOn(process, 'platform', 'get').mockReturnValue('linux');
    try {
      expect((await launch()).dialog.messageBoxes).toEqual([]);
      created.keytarLoadError = new Error(
        'libsecret-1.so.0: cannot open shared object file: No such file or directory',
      );
      const electron = await launch();
      await vi.waitFor(() => expect(electron.dialog.messageBoxes).toHaveLength(1));
      expect(electron.dialog.messageBoxes[0]).toMatchObject({
        type: 'warning',
        message: 'Install libsecret to keep secrets in your keychain',
        detail: expect.stringContaining('sudo apt install libsecret-1-0'),
      });
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('disposes the services once when quitting', async () => {
    const fake = await launch();
    fake.app.quit();
    await vi.waitFor(() => expect(created.disposed).toBe(1));
    expect(fake.ipcMain.handlers.size).toBe(0);
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2));
    expect(created.disposed).toBe(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    const fake = await launch((f) => {
      f.app.hasLock = false;
    });
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.ipcMain.registrations).toEqual([]);
    expect(created.options).toEqual([]);
  });
});
