import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, LOG_ROTATE_BYTES } from '../../src/main/log-file';

describe('log file', () => {
  it('appends redacted JSON lines across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgdesk-log-'));
    for (const run of [1, 2]) {
      const log = createFileLogger(dir);
      log.logger.info('app.started', { run, clientSecret: 'cs_do_not_write' });
      await log.close();
    }
    const lines = (await readFile(join(dir, 'logs', 'main.log'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).run)).toEqual([1, 2]);
    expect(lines.join('\n')).not.toContain('cs_do_not_write');
  });

  it('keeps one previous log when the current one has grown too large', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgdesk-log-'));
    await mkdir(join(dir, 'logs'));
    await writeFile(join(dir, 'logs', 'main.log'), 'x'.repeat(LOG_ROTATE_BYTES + 1));
    const log = createFileLogger(dir);
    log.logger.info('app.started');
    await log.close();
    expect((await readdir(join(dir, 'logs'))).sort()).toEqual(['main.1.log', 'main.log']);
    expect(await readFile(join(dir, 'logs', 'main.log'), 'utf8')).toContain('app.started');
  });
});
