import { join } from 'node:path';

export const PROJECT_ROOT = join(import.meta.dirname, '../../..');
export const OUT_DIR = join(PROJECT_ROOT, 'out');
export const RENDERER_DIR = join(OUT_DIR, 'renderer');
export const PRELOAD_FILE = join(OUT_DIR, 'preload', 'index.cjs');
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'screenshots');
