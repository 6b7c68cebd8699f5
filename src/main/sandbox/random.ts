import { randomInt } from 'node:crypto';

/**
 * A seeded PRNG (sfc32) so that every start of the sandbox produces the same IDs,
 * names and credentials. `Math.random` would make fixtures and screenshots drift.
 */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    // The first outputs of sfc32 are poorly mixed; discard them.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  }

  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(this.next() * alphabet.length));
    return out;
  }
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Keycard IDs are 26-char nanoids; lowercase keeps them DNS-safe like the vendor's. */
export function newId(random: SeededRandom): string {
  return random.string(26, ID_ALPHABET);
}

export function newClientId(random: SeededRandom): string {
  return `sa_${random.string(24, ID_ALPHABET)}`;
}

const SECRET_PREFIX = 'sks_';
const SECRET_LENGTH = 40;

export function newClientSecret(random: SeededRandom): string {
  return SECRET_PREFIX + random.string(SECRET_LENGTH, SECRET_ALPHABET);
}

/** The same format from the OS CSPRNG (`randomInt` draws without modulo bias). */
export function newRandomClientSecret(): string {
  const chars = Array.from({ length: SECRET_LENGTH }, () => SECRET_ALPHABET.charAt(randomInt(SECRET_ALPHABET.length)));
  return SECRET_PREFIX + chars.join('');
}
