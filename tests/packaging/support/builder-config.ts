import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { parse } from 'yaml';

export const PROJECT_ROOT = join(import.meta.dirname, '../../..');
export const BUILDER_CONFIG_FILE = join(PROJECT_ROOT, 'electron-builder.yml');

/** electron-builder.yml as electron-builder reads it (YAML, no `extends`). */
export async function loadBuilderConfig(): Promise<Configuration> {
  return parse(await readFile(BUILDER_CONFIG_FILE, 'utf8')) as Configuration;
}
