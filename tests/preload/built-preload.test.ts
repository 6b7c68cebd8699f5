import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { listChannels } from '../../src/shared/ipc/channel';
import { BRIDGE_KEY, contract } from '../../src/shared/ipc/contract';

const preloadDir = join(import.meta.dirname, '../../out/preload');
const preloadFile = join(preloadDir, 'index.cjs');

/** The build is part of the test run (test-all.sh and CI build first); missing, it is a failure. */
function readBuiltPreload(): string {
  if (!existsSync(preloadFile)) {
    throw new Error(
      `${preloadFile} is missing. These tests check the preload the app ships: build it first with \`npx electron-vite build\` (or \`npm run build\`).`,
    );
  }
  return readFileSync(preloadFile, 'utf8');
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

  it('is CommonJS that requires only electron', () => {
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    expect(source).not.toMatch(/\bimport\s*\(/);
    const requires = [...source.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((match) => match[1]);
    expect(requires).toEqual(['"electron"']);
  });

  it('runs with a require that knows only electron and exposes the frozen API', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: Array<[string, unknown]> = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: async (channel: string, payload: unknown) => {
          invoked.push([channel, payload]);
          return { ok: true, value: null };
        },
      },
    };
    const sandboxedRequire = (id: string): unknown => {
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    runInNewContext(source, { require: sandboxedRequire, module, exports: module.exports }, { filename: preloadFile });

    expect([...exposed.keys()]).toEqual([BRIDGE_KEY]);
    const api = exposed.get(BRIDGE_KEY) as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    expect(Object.isFrozen(api)).toBe(true);
    for (const [domain, verb, channel] of listChannels(contract)) {
      await api[domain]![verb]!({ via: channel });
      expect(invoked.at(-1)).toEqual([channel, { via: channel }]);
    }
  });
});
