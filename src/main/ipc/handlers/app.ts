import type { Handlers } from '../../../shared/ipc/contract';

export function appHandlers(info: { version: string; userDataDir: string; keychainService: string }): Handlers['app'] {
  return {
    info: async () => ({ ...info, platform: process.platform }),
  };
}
