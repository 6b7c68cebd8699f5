import type { ActivityAppended } from '../../shared/ipc/activity';
import type { ActivityLog } from './activity-log';

/** Time between two "appended" events at most: a thousand requests a second are four events. */
export const APPENDED_EVERY_MS = 250;

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Tells listeners that the log grew, at most once every `intervalMs`: the first entry after a
 * quiet spell goes out at once (on the next turn, so a burst in one turn is one event), the
 * rest of a burst at the end of the interval, carrying the newest ID.
 */
export class AppendThrottle {
  readonly #listeners = new Set<(event: ActivityAppended) => void>();
  #timer: unknown;
  #lastAt = Number.NEGATIVE_INFINITY;
  readonly #stop: () => void;

  constructor(
    private readonly log: ActivityLog,
    private readonly intervalMs: number = APPENDED_EVERY_MS,
    private readonly timers: Timers = realTimers,
  ) {
    this.#stop = log.onAppend(() => this.#schedule());
  }

  subscribe(listener: (event: ActivityAppended) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    this.#stop();
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#lastAt + this.intervalMs - this.timers.now());
    this.#timer = this.timers.setTimeout(() => this.#emit(), wait);
  }

  #emit(): void {
    this.#timer = undefined;
    this.#lastAt = this.timers.now();
    const event = { latestId: this.log.latestId };
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A window gone mid-send is not the log's problem.
      }
    }
  }
}
