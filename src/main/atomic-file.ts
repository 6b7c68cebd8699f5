import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes `text` to `path` all or nothing: into a new temporary file beside it (same folder, so
 * the rename cannot cross file systems), flushed to disk, then renamed over `path`. A crash or
 * an error midway leaves whatever was at `path` before, and no temporary file behind.
 */
export async function writeFileAtomically(path: string, text: string, options: { mode?: number } = {}): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  // `wx`: never through a file (or a link) that is already there.
  const handle = await open(temporary, 'wx', options.mode ?? 0o666);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
