import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
// The wire's marker and byte values; the package's index does not re-export them.
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';

/** Electron's fuse wire as it ships (Electron 45), by FuseV1Options index: what a packaged app inherits unless flipped. */
export const SHIPPED_FUSES: Record<FuseV1Options, FuseState> = {
  [FuseV1Options.RunAsNode]: FuseState.ENABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.ENABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.DISABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.DISABLE,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseState.DISABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.ENABLE,
};

/**
 * A folder laid out like Linux's Electron distribution, for electron-builder's `electronDist`:
 * the `electron` executable (renamed to the app's), LICENSE and version. The executable is a
 * placeholder that refuses to run, carrying a fuse wire (sentinel, wire version 1, length, one
 * byte per fuse) where the real binary has it, so electron-builder's fuse step runs on it as it
 * would on Electron and the test can read back what it wrote.
 */
export async function makeStandInElectron(dir: string, electronVersion: string): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const states = Object.values(SHIPPED_FUSES);
  const executable = join(dir, 'electron');
  await writeFile(
    executable,
    Buffer.concat([
      Buffer.from(
        '#!/bin/sh\necho "A stand-in for Electron in Orgdesk\'s packaging test; it runs nothing." >&2\nexit 1\n# ',
      ),
      Buffer.from(SENTINEL, 'latin1'),
      Buffer.from([1, states.length, ...states]),
      Buffer.from('\n'),
    ]),
  );
  await chmod(executable, 0o755);
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for the Electron license file.\n');
  await writeFile(join(dir, 'version'), electronVersion);
  return dir;
}
