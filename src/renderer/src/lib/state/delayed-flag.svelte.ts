/** How long a call runs before the window offers to cancel it: long enough that quick calls never flash a button. */
export const SLOW_CALL_MS = 1_000;

/**
 * True once `condition` has held for `delayMs` without a break; false as soon as it stops.
 * Create it while a component (or an `$effect.root`) is being set up: it watches through an effect.
 */
export class DelayedFlag {
  #value = $state(false);

  constructor(condition: () => boolean, delayMs: number = SLOW_CALL_MS) {
    $effect(() => {
      if (!condition()) {
        this.#value = false;
        return;
      }
      const timer = setTimeout(() => (this.#value = true), delayMs);
      return () => clearTimeout(timer);
    });
  }

  get value(): boolean {
    return this.#value;
  }
}
