import type { ActivityEntry } from '../../shared/ipc/activity';
import type { OrgChanged } from '../../shared/ipc/organizations';
import type { ActivityLog } from './activity-log';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request that changed something in an organization: a write the server accepted. */
export function changeOf(entry: ActivityEntry): OrgChanged | undefined {
  if (!CHANGING.has(entry.method) || entry.orgId === undefined) return undefined;
  if (entry.status === undefined || entry.status < 200 || entry.status >= 300) return undefined;
  return { profileId: entry.profileId, orgId: entry.orgId };
}

/**
 * Tells listeners which organizations a profile just changed, so the window can read them again
 * under every other profile that shows them. Learnt from the activity log, which sees every
 * request main makes, so no service has to remember to say so. A burst of writes to one
 * organization in one turn (a bulk change) is one notice.
 */
export class OrgChangeFeed {
  readonly #listeners = new Set<(change: OrgChanged) => void>();
  readonly #pending = new Map<string, OrgChanged>();
  readonly #stop: () => void;

  constructor(log: ActivityLog) {
    this.#stop = log.onAppend((entries) => {
      for (const entry of entries) {
        const change = changeOf(entry);
        if (!change) continue;
        const key = `${change.profileId}\u0000${change.orgId}`;
        if (this.#pending.size === 0) queueMicrotask(() => this.#flush());
        this.#pending.set(key, change);
      }
    });
  }

  subscribe(listener: (change: OrgChanged) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    this.#stop();
    this.#listeners.clear();
    this.#pending.clear();
  }

  #flush(): void {
    const changes = [...this.#pending.values()];
    this.#pending.clear();
    for (const change of changes) {
      for (const listener of this.#listeners) {
        try {
          listener(change);
        } catch {
          // One listener's failure does not keep the others from hearing.
        }
      }
    }
  }
}
