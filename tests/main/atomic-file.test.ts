import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/main/atomic-file';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgdesk-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomically', () => {
  it('writes a new file and replaces an old one, leaving nothing else in the folder', async () => {
    const path = join(dir, 'people.csv');
    await writeFileAtomically(path, 'first\n');
    await writeFileAtomically(path, 'second ✓\n', { mode: 0o600 });
    expect(await readFile(path, 'utf8')).toBe('second ✓\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['people.csv']);
  });

  it('leaves what was there, and no temporary file, when the last step fails', async () => {
    // A folder that is not empty cannot be replaced by a file: the rename fails after the write.
    const path = join(dir, 'people.csv');
    await mkdir(path);
    await writeFile(join(path, 'keep.txt'), 'kept');
    await expect(writeFileAtomically(path, 'rows')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await readdir(dir)).toEqual(['people.csv']);
    expect(await readFile(join(path, 'keep.txt'), 'utf8')).toBe('kept');
  });

  it('creates nothing when the folder is gone', async () => {
    await expect(writeFileAtomically(join(dir, 'missing', 'people.csv'), 'rows')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await readdir(dir)).toEqual([]);
  });
});
