import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * A locked GNOME Keyring, for real: the child gets a keyring session of its own (a fresh
 * with-keyring.sh), creates a profile, locks the login collection over D-Bus, and tries again.
 */
describe('a locked Secret Service', () => {
  it('refuses the secret with a clear message, keeps nothing in plain text and lists the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgdesk-locked-'));
    const root = join(import.meta.dirname, '../..');
    const second = `cs_locked_${Math.random().toString(36).slice(2)}`;
    const env = { ...process.env };
    delete env['ORGDESK_KEYRING_SESSION'];
    const { stdout } = await promisify(execFile)(
      join(root, 'tests/support/with-keyring.sh'),
      [
        process.execPath,
        '--import',
        'tsx',
        join(import.meta.dirname, 'locked-keychain-child.ts'),
        dir,
        'cs_first',
        second,
      ],
      { env, cwd: root, timeout: 30_000 },
    );
    const result = JSON.parse(stdout) as {
      createWhileLocked: { ok: boolean; kind?: string; message?: string };
      keychainAfterRefusal: { available: boolean; message?: string };
      profileNames: string[];
      readWhileLocked: { ok: boolean; kind?: string; message?: string };
    };
    expect(result.createWhileLocked).toMatchObject({ ok: false, kind: 'keychain' });
    expect(result.createWhileLocked.message).toContain('locked');
    expect(result.createWhileLocked.message).toContain('Nothing was saved in plain text');
    expect(result.keychainAfterRefusal.available).toBe(false);
    expect(result.profileNames).toEqual(['first']);
    // A locked collection answers a read with "nothing" rather than an error; the message says both.
    expect(result.readWhileLocked).toMatchObject({ ok: false, kind: 'invalid_input' });
    expect(result.readWhileLocked.message).toContain('If your keychain is locked, unlock it');
    for (const name of await readdir(dir, { recursive: true })) {
      const content = await readFile(join(dir, name), 'utf8').catch(() => '');
      expect(content).not.toContain(second);
    }
  });
});
