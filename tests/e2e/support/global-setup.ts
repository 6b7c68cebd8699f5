import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'electron-vite';
import { PRELOAD_FILE, PROJECT_ROOT, RENDERER_DIR } from './paths';

/**
 * Builds the app once per e2e run, so the tests exercise the bundles that ship: the built
 * renderer with its CSP and the single-file CommonJS preload. `ORGDESK_E2E_SKIP_BUILD=1`
 * reuses an existing `out/` while iterating on tests only.
 */
export default async function setup(): Promise<void> {
  if (process.env['ORGDESK_E2E_SKIP_BUILD'] === '1' && existsSync(PRELOAD_FILE)) return;
  const cwd = process.cwd();
  // electron-vite resolves its entries and out/ from the working directory.
  process.chdir(PROJECT_ROOT);
  try {
    await build({ configFile: join(PROJECT_ROOT, 'electron.vite.config.ts'), logLevel: 'warn' });
  } finally {
    process.chdir(cwd);
  }
  for (const file of [PRELOAD_FILE, join(RENDERER_DIR, 'index.html')]) {
    if (!existsSync(file)) throw new Error(`The build did not produce ${file}`);
  }
}
