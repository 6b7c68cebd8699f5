import { SeededRandom, newId } from './random';

export interface StoreContextOptions {
  /** Seed of the PRNG behind every ID and secret, so runs are reproducible. */
  randomSeed?: number;
  /** Client secrets from the OS CSPRNG instead of the seeded PRNG: for a sandbox others can reach. */
  randomSecrets?: boolean;
  /** Wall clock for records created at runtime and for token expiry. */
  now?: () => Date;
}

export const DEFAULT_RANDOM_SEED = 0x5eed_2026;

/**
 * What every resource store shares. There is one PRNG for all of them: the seed's
 * IDs and secrets depend on the order in which stores draw from it, so a store
 * must not keep a generator of its own.
 */
export class StoreContext {
  readonly random: SeededRandom;
  readonly randomSecrets: boolean;
  readonly #now: () => Date;

  constructor(options: StoreContextOptions = {}) {
    this.random = new SeededRandom(options.randomSeed ?? DEFAULT_RANDOM_SEED);
    this.randomSecrets = options.randomSecrets ?? false;
    this.#now = options.now ?? (() => new Date());
  }

  now(): Date {
    return this.#now();
  }

  timestamp(): string {
    return this.#now().toISOString();
  }

  newId(): string {
    return newId(this.random);
  }

  /** `updated_at` must move forward even when two writes land in the same millisecond. */
  laterTimestamp(previous: string): string {
    const now = this.#now().getTime();
    const before = Date.parse(previous);
    return new Date(Math.max(now, before + 1)).toISOString();
  }
}

export function required<T>(value: T | undefined, kind: string, id: string): T {
  if (value === undefined) throw new Error(`unknown ${kind} ${id}`);
  return value;
}
