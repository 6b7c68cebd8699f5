import { CallId, type CallContext } from '../../shared/ipc/calls';
import { CancelledError, DeadlineError } from '../errors';

/** How many cancellable calls may be under way at once; more means a page is misbehaving. */
export const MAX_OPEN_CALLS = 1_000;

export interface OpenCall {
  readonly context: CallContext;
  /** Settles (never rejects) once the call's signal aborts, with the reason it aborted. */
  readonly aborted: Promise<CancelledError | DeadlineError>;
  end(): void;
}

/**
 * Every call under way gets one AbortController that fires on its deadline or when the renderer
 * cancels it by ID. Handlers hand the signal down to the API client, so retries, backoff waits
 * and queued requests all end with the call.
 */
export class CallRegistry {
  readonly #byId = new Map<string, AbortController>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#byId.size;
  }

  open(deadlineMs: number, callId: unknown): OpenCall {
    const controller = new AbortController();
    const id = CallId.safeParse(callId).success ? (callId as string) : undefined;
    // An ID already in use belongs to another call; the newcomer is simply not cancellable.
    const registered = id !== undefined && !this.#byId.has(id) && this.#byId.size < MAX_OPEN_CALLS;
    if (registered) this.#byId.set(id, controller);

    const timer = setTimeout(() => controller.abort(new DeadlineError(deadlineMs)), deadlineMs);
    timer.unref?.();
    const aborted = new Promise<CancelledError | DeadlineError>((resolve) => {
      controller.signal.addEventListener('abort', () => resolve(reasonOf(controller.signal)), { once: true });
    });
    return {
      context: { signal: controller.signal, deadline: { at: this.#now() + deadlineMs, ms: deadlineMs } },
      aborted,
      end: () => {
        clearTimeout(timer);
        if (registered && this.#byId.get(id) === controller) this.#byId.delete(id);
      },
    };
  }

  /** Whether a call under way was stopped by this. */
  cancel(callId: string): boolean {
    const controller = this.#byId.get(callId);
    if (!controller || controller.signal.aborted) return false;
    controller.abort(new CancelledError());
    return true;
  }
}

function reasonOf(signal: AbortSignal): CancelledError | DeadlineError {
  const reason: unknown = signal.reason;
  return reason instanceof DeadlineError || reason instanceof CancelledError ? reason : new CancelledError();
}
