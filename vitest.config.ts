import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

/**
 * Test layers, named by what they run against:
 * unit (pure code and fakes), renderer (the window's state and services, runes compiled, bridge faked),
 * integration (the sandbox over real HTTP),
 * keychain (the real OS Secret Service), e2e (the built renderer in real Chromium),
 * packaging (electron-builder's configuration, the release workflow, and the app packed with a stand-in Electron).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/shared/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/preload/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Runes need the compiler and Svelte's client runtime (compiled for the client, imported with the
        // browser condition) so that effects run; the window's state needs no DOM for that.
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.ts'],
          environment: './tests/renderer/support/client-environment.ts',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          // Benchmarks run against the sandbox over HTTP; listing them in one project runs them once.
        },
      },
      {
        test: {
          name: 'keychain',
          include: ['tests/keychain/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'packaging',
          include: ['tests/packaging/**/*.test.ts'],
          // Packs out/ as built for the e2e run (the same setup, skipped the same way).
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
