import type { Handlers } from '../../../shared/ipc/contract';
import type { ProfileService } from '../../profiles/profile-service';
import type { SessionStore } from '../../session/session-store';

/** The workspace the window restores at start and saves as it changes. */
export function sessionHandlers(session: SessionStore, profiles: ProfileService): Handlers['session'] {
  return {
    restore: async () => ({
      workspace: await session.workspace(new Set((await profiles.list()).profiles.map((profile) => profile.id))),
    }),
    saveWorkspace: async (workspace) => {
      await session.saveWorkspace(workspace);
      return { saved: true };
    },
  };
}
