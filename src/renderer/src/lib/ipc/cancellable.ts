import { onDestroy } from 'svelte';
import type { CallOptions } from '../../../../shared/ipc/contract';
import type { IpcResult } from '../../../../shared/ipc/result';
import { orgdesk } from './bridge';
import { IpcFailure, unwrap } from './ipc-failure';

/**
 * Runs one bridge call that `signal` can stop. The call carries an ID of its own; when the
 * signal aborts, main is asked to cancel that ID and the call then answers `cancelled` (or its
 * real outcome, if it finished first: a create that landed is still reported as created).
 */
export async function cancellableCall<T>(
  signal: AbortSignal | undefined,
  start: (options: CallOptions) => Promise<IpcResult<T>>,
): Promise<T> {
  if (signal === undefined) return unwrap(await start({}));
  if (signal.aborted) throw new IpcFailure({ kind: 'cancelled', message: 'Cancelled.', code: 'cancelled' });
  const callId = crypto.randomUUID();
  const cancel = () => void orgdesk().calls.cancel({ callId });
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return unwrap(await start({ callId }));
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/** The user stopped the call: nothing failed, so nothing is reported. */
export function isCancelled(error: unknown): boolean {
  return error instanceof IpcFailure && error.kind === 'cancelled';
}

/**
 * The calls one view (a dialog, a form) has under way, so its Cancel button and its closing
 * can stop them without the view handling call IDs.
 */
export class CallScope {
  readonly #controllers = new Set<AbortController>();

  /** Runs `work` with a signal that `cancelAll` aborts; the signal is forgotten once `work` settles. */
  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.#controllers.add(controller);
    try {
      return await work(controller.signal);
    } finally {
      this.#controllers.delete(controller);
    }
  }

  cancelAll(): void {
    for (const controller of this.#controllers) controller.abort();
  }
}

/** A scope for the component being set up: unmounting it (closing a dialog or a tab) cancels its calls. */
export function componentCallScope(): CallScope {
  const scope = new CallScope();
  onDestroy(() => scope.cancelAll());
  return scope;
}
