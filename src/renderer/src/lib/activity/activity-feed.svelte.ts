import { ACTIVITY_CAPACITY, type ActivityEntry, type ActivityFilter } from '../../../../shared/ipc/activity';
import { isCancelled } from '../ipc/cancellable';
import { listActivity, onActivityAppended } from '../services/activity.service';

/** What a view is fixed to: an organization's section shows that organization only. */
export interface ActivityScope {
  profileId?: string;
  orgId?: string;
  orgLabel?: string;
}

/**
 * The entries one activity view shows, newest first, kept in step with main: the whole
 * (filtered) log once, then, each time main says requests were recorded, only what is newer,
 * at most as many as main keeps. A filter change reads again; an answer to a filter no longer
 * set is dropped.
 */
export class ActivityFeed {
  entries = $state.raw<ActivityEntry[]>([]);
  loaded = $state(false);
  error = $state<unknown>(null);
  errorsOnly = $state(false);
  /** Chosen in the app-wide view; an organization's view is fixed by its scope. */
  profileId = $state<string | undefined>(undefined);
  orgId = $state<string | undefined>(undefined);

  #latestId = 0;
  /** Counts filter changes, so an answer to an older filter is recognised and dropped. */
  #generation = 0;
  #controller = new AbortController();
  #refreshing: Promise<void> | undefined;
  /** Main said more came while a refresh was under way: read once more after it. */
  #again = false;

  constructor(readonly scope: ActivityScope = {}) {}

  get filter(): ActivityFilter {
    const { scope } = this;
    return {
      ...(this.errorsOnly ? { errorsOnly: true } : {}),
      ...((scope.profileId ?? this.profileId) ? { profileId: scope.profileId ?? this.profileId } : {}),
      ...((scope.orgId ?? this.orgId) ? { orgId: scope.orgId ?? this.orgId } : {}),
      ...(scope.orgLabel ? { orgLabel: scope.orgLabel } : {}),
    };
  }

  setErrorsOnly(on: boolean): Promise<void> {
    this.errorsOnly = on;
    return this.reload();
  }

  setProfile(profileId: string | undefined): Promise<void> {
    this.profileId = profileId;
    this.orgId = undefined;
    return this.reload();
  }

  setOrganization(orgId: string | undefined): Promise<void> {
    this.orgId = orgId;
    return this.reload();
  }

  /** Everything the filters match, replacing what is shown. */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const page = await listActivity({ ...this.filter, limit: ACTIVITY_CAPACITY }, this.#controller.signal);
      if (generation !== this.#generation) return;
      this.entries = page.entries;
      this.#latestId = page.latestId;
      this.error = null;
      this.loaded = true;
    } catch (error) {
      if (generation === this.#generation && !isCancelled(error)) this.error = error;
    }
  }

  /** Only what main recorded since the last answer, put on top; one read at a time, none missed. */
  refresh(): Promise<void> {
    if (!this.loaded) return this.reload();
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        await this.#newer();
      } while (this.#again);
    })().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #newer(): Promise<void> {
    const generation = this.#generation;
    try {
      const page = await listActivity({ ...this.filter, afterId: this.#latestId }, this.#controller.signal);
      if (generation !== this.#generation) return;
      this.#latestId = page.latestId;
      if (page.entries.length > 0) this.entries = [...page.entries, ...this.entries].slice(0, ACTIVITY_CAPACITY);
      this.error = null;
    } catch (error) {
      if (generation === this.#generation && !isCancelled(error)) this.error = error;
    }
  }

  /** After main's log was cleared: nothing is shown until new requests come. */
  cleared(): void {
    this.#generation += 1;
    this.entries = [];
    void this.reload();
  }

  /** Reads now, then what is new each time main says so; the returned function stops it. */
  follow(): () => void {
    void this.reload();
    const unsubscribe = onActivityAppended(() => void this.refresh());
    return () => {
      unsubscribe();
      this.#controller.abort();
      this.#controller = new AbortController();
    };
  }
}
