import { inspect } from 'node:util';
import type { Logger } from '../log';

/** How long a fresh secret waits in memory for its "shown once" panel to be closed. */
export const PENDING_SECRET_TTL_MS = 10 * 60_000;

interface Held {
  secret: string;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

/**
 * A newly created credential's secret, held in main's memory only while its "shown once" panel
 * is open (so Copy and Save to keychain can act on it without the window sending it back), and
 * forgotten when the panel closes, when its time is up, or when the app quits. Nothing here is
 * ever written or logged: `JSON.stringify` and `util.inspect` show only how many are held.
 */
export class PendingSecrets {
  readonly #held = new Map<string, Held>();

  constructor(
    private readonly logger: Logger,
    private readonly ttlMs: number = PENDING_SECRET_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Holds `secret` under `key` (replacing what was there) and answers when it will be forgotten. */
  put(key: string, secret: string): { expiresAt: number } {
    this.forget(key);
    const expiresAt = this.now() + this.ttlMs;
    const timer = setTimeout(() => this.#expire(key), this.ttlMs);
    timer.unref?.();
    this.#held.set(key, { secret, expiresAt, timer });
    return { expiresAt };
  }

  has(key: string): boolean {
    return this.#live(key) !== undefined;
  }

  /** The secret, kept for another use. */
  peek(key: string): string | undefined {
    return this.#live(key)?.secret;
  }

  /** The secret, forgotten as it is handed over. */
  take(key: string): string | undefined {
    const secret = this.#live(key)?.secret;
    this.forget(key);
    return secret;
  }

  /** Resolves to whether a secret was held. */
  forget(key: string): boolean {
    const held = this.#held.get(key);
    if (!held) return false;
    clearTimeout(held.timer);
    this.#held.delete(key);
    return true;
  }

  /** On quit. Answers how many were forgotten. */
  forgetAll(): number {
    const count = this.#held.size;
    for (const key of [...this.#held.keys()]) this.forget(key);
    return count;
  }

  get size(): number {
    return this.#held.size;
  }

  toJSON(): { pending: number } {
    return { pending: this.#held.size };
  }

  [inspect.custom](): string {
    return `PendingSecrets { pending: ${this.#held.size} }`;
  }

  /** A timer can fire late (a machine asleep): the clock decides too. */
  #live(key: string): Held | undefined {
    const held = this.#held.get(key);
    if (held && this.now() >= held.expiresAt) {
      this.#expire(key);
      return undefined;
    }
    return held;
  }

  #expire(key: string): void {
    if (this.forget(key)) this.logger.info('credentials.pending_secret_expired', { key });
  }
}
