import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './builder-config';
import type { PackagedStart } from './start-packaged';

/** Starts the packaged main in `appDir` in a fresh Node process under the fake `electron` (see start-packaged.ts). */
export async function startPackaged(appDir: string, userDataDir: string): Promise<PackagedStart> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'start-packaged.ts'), appDir, userDataDir],
    // From the project, so `tsx` and the fake resolve; the app's own imports resolve from appDir.
    { cwd: PROJECT_ROOT, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as PackagedStart;
}
