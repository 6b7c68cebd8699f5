import { mkdir } from 'node:fs/promises';
import type { Handlers } from '../../../shared/ipc/contract';

export interface AppHandlerOptions {
  version: string;
  userDataDir: string;
  keychainService: string;
  logDir: string;
  /** Shows a folder in the OS file manager (Electron's `shell.openPath` in the app). */
  openFolder(path: string): Promise<void>;
}

export function appHandlers(options: AppHandlerOptions): Handlers['app'] {
  const { openFolder, logDir, ...info } = options;
  return {
    info: async () => ({
      ...info,
      logDir,
      platform: process.platform,
      versions: {
        electron: process.versions['electron'] ?? null,
        chromium: process.versions['chrome'] ?? null,
        node: process.versions.node,
      },
    }),
    async openLogFolder() {
      await mkdir(logDir, { recursive: true });
      await openFolder(logDir);
      return { path: logDir };
    },
  };
}
