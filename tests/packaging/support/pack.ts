import { join } from 'node:path';
import { Arch, build, Platform } from 'electron-builder';
import { PROJECT_ROOT } from './builder-config';

/**
 * Packs the app as `electron-builder --dir` does, from electron-builder.yml and out/, with three
 * changes for this machine: Electron is `electronDist` (a stand-in; the real one is never
 * downloaded), native modules are not rebuilt for Electron (that fetches Electron's headers;
 * keytar stays built for this Node, which is what runs the packaged main here), and the output
 * goes to `outputDir`. Through the API rather than the CLI, which asks the npm registry for
 * updates. Answers the unpacked app's folder.
 */
export async function packDir(outputDir: string, electronDist: string): Promise<string> {
  await build({
    projectDir: PROJECT_ROOT,
    targets: Platform.LINUX.createTarget('dir', process.arch === 'arm64' ? Arch.arm64 : Arch.x64),
    publish: 'never',
    config: { electronDist, npmRebuild: false, directories: { output: outputDir } },
  });
  return join(outputDir, process.arch === 'arm64' ? 'linux-arm64-unpacked' : 'linux-unpacked');
}
