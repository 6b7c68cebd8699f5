import {
  ACTIVITY_CAPACITY,
  type ActivityEntry,
  type ActivityFilter,
  type ActivityListInput,
  type ActivityPage,
  isActivityError,
} from '../../shared/ipc/activity';
import type { ObservedRequest } from '../api';
import { organizationOf, recordedPath } from './request-target';

/** Whose request it was: the client registry knows, the API client does not. */
export interface RequestOwner {
  profileId: string;
  profileName: string;
}

/** Told of entries just recorded, oldest first. */
export type AppendListener = (entries: readonly ActivityEntry[]) => void;

/**
 * Every API request main made, in memory only and bounded: a ring of the last `capacity`
 * entries, so a busy session cannot grow it and nothing of it reaches the disk unless the user
 * exports. What is kept is built here from the request line and outcome alone.
 */
export class ActivityLog {
  readonly #slots: Array<ActivityEntry | undefined>;
  /** The ID the next entry gets; IDs are never reused, so a view can ask for what is newer. */
  #nextId = 1;
  /** Entries with a lower ID were cleared. */
  #clearedBefore = 1;
  readonly #listeners = new Set<AppendListener>();

  constructor(readonly capacity: number = ACTIVITY_CAPACITY) {
    this.#slots = new Array<ActivityEntry | undefined>(capacity);
  }

  /** The observer a client of `owner` is given. */
  observerFor(owner: RequestOwner): (request: ObservedRequest) => void {
    return (request) => this.record(owner, request);
  }

  record(owner: RequestOwner, request: ObservedRequest): ActivityEntry {
    const orgId = organizationOf(request.target);
    const entry: ActivityEntry = {
      id: this.#nextId,
      at: new Date(request.startedAt).toISOString(),
      profileId: owner.profileId,
      profileName: owner.profileName,
      ...(orgId === undefined ? {} : { orgId }),
      method: request.method,
      path: recordedPath(request.target),
      ...(request.status === undefined ? {} : { status: request.status }),
      ...(request.failure === undefined ? {} : { failure: request.failure }),
      ms: Math.max(0, Math.round(request.ms)),
      retry: Math.max(0, request.attempt - 1),
      requestId: request.requestId,
    };
    this.#slots[(this.#nextId - 1) % this.capacity] = entry;
    this.#nextId += 1;
    for (const listener of this.#listeners) {
      try {
        listener([entry]);
      } catch {
        // A listener's failure is its own; recording goes on.
      }
    }
    return entry;
  }

  /** The newest ID recorded, 0 before the first. */
  get latestId(): number {
    return this.#nextId - 1;
  }

  list(input: Omit<ActivityListInput, 'limit'> & { limit?: number }): ActivityPage {
    const limit = input.limit ?? this.capacity;
    const entries: ActivityEntry[] = [];
    let more = false;
    const from = Math.min(this.latestId, (input.beforeId ?? Number.MAX_SAFE_INTEGER) - 1);
    const to = Math.max(this.#oldestId(), (input.afterId ?? 0) + 1);
    for (let id = from; id >= to; id -= 1) {
      const entry = this.#slots[(id - 1) % this.capacity]!;
      if (!matches(entry, input)) continue;
      if (entries.length === limit) {
        more = true;
        break;
      }
      entries.push(entry);
    }
    return { entries, latestId: this.latestId, more };
  }

  /** Every entry matching `filter`, newest first. */
  all(filter: ActivityFilter): ActivityEntry[] {
    return this.list(filter).entries;
  }

  clear(): number {
    const cleared = this.latestId - this.#oldestId() + 1;
    this.#clearedBefore = this.#nextId;
    this.#slots.fill(undefined);
    return Math.max(0, cleared);
  }

  onAppend(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #oldestId(): number {
    return Math.max(this.#clearedBefore, this.#nextId - this.capacity);
  }
}

function matches(entry: ActivityEntry, filter: ActivityFilter): boolean {
  if (filter.errorsOnly && !isActivityError(entry)) return false;
  if (filter.profileId !== undefined && entry.profileId !== filter.profileId) return false;
  if (filter.orgId !== undefined || filter.orgLabel !== undefined) {
    if (entry.orgId === undefined || (entry.orgId !== filter.orgId && entry.orgId !== filter.orgLabel)) return false;
  }
  return true;
}
