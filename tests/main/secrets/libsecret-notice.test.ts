import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { LIBSECRET_NOTICE, noticeMissingLibsecret } from '../../../src/main/secrets/libsecret-notice';

/** What dlopen says when keytar.node's libsecret dependency is not installed. */
const NO_LIBSECRET = new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');

function run(platform: NodeJS.Platform, loadKeytar: () => unknown) {
  const shown: unknown[] = [];
  const lines: string[] = [];
  const notice = noticeMissingLibsecret({
    platform,
    loadKeytar,
    show: async (n) => void shown.push(n),
    logger: createLogger((line) => lines.push(line)),
  });
  return { notice, shown, lines };
}

describe('the libsecret notice', () => {
  it('says what to install on Linux when keytar cannot load for want of libsecret', async () => {
    const { notice, shown, lines } = run('linux', () => {
      throw NO_LIBSECRET;
    });
    await expect(notice).resolves.toBe(true);
    expect(shown).toEqual([LIBSECRET_NOTICE]);
    expect(LIBSECRET_NOTICE.detail).toContain('sudo apt install libsecret-1-0');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ level: 'warn', event: 'keychain.libsecret_missing' }),
    ]);
  });

  it('stays silent when keytar loads, on another platform, or when keytar fails for another reason', async () => {
    for (const [platform, load] of [
      ['linux', () => ({})],
      [
        'darwin',
        () => {
          throw NO_LIBSECRET;
        },
      ],
      [
        'linux',
        () => {
          throw new Error('Cannot find module keytar');
        },
      ],
    ] as const) {
      const { notice, shown } = run(platform, load);
      await expect(notice).resolves.toBe(false);
      expect(shown).toEqual([]);
    }
  });
});
