import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { listChannels } from './src/shared/ipc/channel';
import { BRIDGE_KEY, contract, events } from './src/shared/ipc/contract';
import { listEvents } from './src/shared/ipc/event';

const IPC_NAMES = 'virtual:ipc-names';

/**
 * The preload needs the contract's names only; importing the contract would bundle all of
 * zod with them (about 190 KB). So the names are computed here, at build time, from the same
 * contract main registers its handlers from, and the preload imports them as a module
 * (typed by src/preload/ipc-names.d.ts).
 */
function ipcNames(): Plugin {
  const resolved = `\0${IPC_NAMES}`;
  return {
    name: 'orgdesk:ipc-names',
    resolveId: (id) => (id === IPC_NAMES ? resolved : undefined),
    load: (id) =>
      id === resolved
        ? `export const BRIDGE_KEY = ${JSON.stringify(BRIDGE_KEY)};\n` +
          `export const CHANNELS = ${JSON.stringify(listChannels(contract))};\n` +
          `export const EVENTS = ${JSON.stringify(listEvents(events))};\n`
        : undefined,
  };
}

export default defineConfig({
  main: {
    build: {
      // keytar is a native addon: it must stay a runtime require and, once packaged, be
      // listed in electron-builder's `asarUnpack` so its .node binary can be dlopen'ed.
      rolldownOptions: { external: ['keytar'] },
    },
  },
  preload: {
    plugins: [ipcNames()],
    build: {
      // A sandboxed preload gets a polyfilled `require` that knows only `electron` (and a few
      // built-ins) and cannot load ESM, so it must be one self-contained CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    // No CSP <meta>: main sends the policy as a response header (src/main/shell/csp.ts).
    plugins: [svelte()],
  },
});
