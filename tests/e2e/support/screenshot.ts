import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './paths';

/** Saves the viewport as `test-results/screenshots/<name>.png` and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '') || 'screenshot';
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}
