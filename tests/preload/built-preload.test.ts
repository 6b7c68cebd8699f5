import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { listChannels } from '../../src/shared/ipc/channel';
import { BRIDGE_KEY, contract, events } from '../../src/shared/ipc/contract';
import { EVENTS_KEY, listEvents } from '../../src/shared/ipc/event';

const preloadDir = join(import.meta.dirname, '../../out/preload');
const preloadFile = join(preloadDir, 'index.cjs');

/**
 * The preload holds the contract's names and the bridge, nothing more; zod alone made it
 * about 190 KB. The budget leaves room for the contract to grow several times over.
 */
const SIZE_BUDGET_BYTES = 8 * 1024;

/** The build is part of the test run (test-all.sh and CI build first); missing, it is a failure. */
function readBuiltPreload(): string {
  if (!existsSync(preloadFile)) {
    throw new Error(
      `${preloadFile} is missing. These tests check the preload the app ships: build it first with \`npx electron-vite build\` (or \`npm run build\`).`,
    );
  }
  return readFileSync(preloadFile, 'utf8');
}

type ExposedApi = Record<string, Record<string, (input?: unknown, options?: unknown) => Promise<unknown>>>;

/**
 * Runs the bundle as Electron's sandboxed preload loader would: CommonJS with a `require` that
 * knows only `electron`. Returns what it exposed and the IPC calls the API then makes.
 */
function runPreload(source: string): {
  exposed: Map<string, unknown>;
  invoked: unknown[][];
  listeners: Map<string, Array<(...args: unknown[]) => void>>;
} {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, value: null };
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
        listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter((other) => other !== listener),
        );
      },
    },
  };
  const sandboxedRequire = (id: string): unknown => {
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  runInNewContext(source, { require: sandboxedRequire, module, exports: module.exports }, { filename: preloadFile });
  return { exposed, invoked, listeners };
}

/**
 * Electron's sandboxed preload gets a polyfilled `require` that can load `electron` and a
 * few built-ins but no files and no npm packages; these tests hold the build to that.
 */
describe('built preload (out/preload/index.cjs)', () => {
  // Read while collecting, so a missing build fails the file rather than marking tests skipped.
  const source = readBuiltPreload();

  it('is a single file', () => {
    expect(readdirSync(preloadDir).filter((name) => !name.endsWith('.map'))).toEqual(['index.cjs']);
  });

  it(`stays under ${SIZE_BUDGET_BYTES} bytes and carries no zod`, () => {
    expect(statSync(preloadFile).size).toBeLessThan(SIZE_BUDGET_BYTES);
    expect(source).not.toMatch(/\bzod\b|_zod\b|\$?Zod[A-Z]\w*/);
  });

  it('is CommonJS that requires only electron', () => {
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    expect(source).not.toMatch(/\bimport\s*\(/);
    const requires = [...source.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((match) => match[1]);
    expect(requires).toEqual(['"electron"']);
  });

  it('exposes a frozen API with exactly the contract’s channels, built in', async () => {
    const { exposed, invoked } = runPreload(source);
    expect([...exposed.keys()]).toEqual([BRIDGE_KEY]);
    const api = exposed.get(BRIDGE_KEY) as ExposedApi;
    expect(Object.isFrozen(api)).toBe(true);
    const methods = Object.entries(api)
      .filter(([domain]) => domain !== EVENTS_KEY)
      .flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => [domain, verb]));
    expect(methods).toEqual(listChannels(contract).map(([domain, verb]) => [domain, verb]));
    for (const [domain, verb, channel] of listChannels(contract)) {
      await api[domain]![verb]!({ via: channel });
      expect(invoked.at(-1)).toEqual([channel, { via: channel }, undefined]);
    }
  });

  it('forwards a string callId to main', async () => {
    const { exposed, invoked } = runPreload(source);
    const api = exposed.get(BRIDGE_KEY) as ExposedApi;
    await api['orgs']!['list']!({ profileId: 'p' }, { callId: 'call-7' });
    await api['orgs']!['list']!({ profileId: 'p' }, { callId: { toString: () => 'sneaky' } });
    expect(invoked).toEqual([
      ['orgs:list', { profileId: 'p' }, 'call-7'],
      ['orgs:list', { profileId: 'p' }, undefined],
    ]);
  });

  it('exposes a subscription per contract event, on its built-in channel, passing the payload only', () => {
    const { exposed, invoked, listeners } = runPreload(source);
    const subscriptions = (exposed.get(BRIDGE_KEY) as Record<string, unknown>)[EVENTS_KEY] as Record<
      string,
      Record<string, { subscribe(listener: (...args: unknown[]) => void): () => void }>
    >;
    for (const [domain, name, channel] of listEvents(events)) {
      const received: unknown[][] = [];
      const unsubscribe = subscriptions[domain]![name]!.subscribe((...args) => received.push(args));
      expect(listeners.get(channel)).toHaveLength(1);
      listeners.get(channel)![0]!({ sender: 'ipcRenderer' }, { via: channel }, 'extra');
      expect(received).toEqual([[{ via: channel }]]);
      unsubscribe();
      expect(listeners.get(channel)).toEqual([]);
    }
    expect(invoked).toEqual([]);
  });
});
