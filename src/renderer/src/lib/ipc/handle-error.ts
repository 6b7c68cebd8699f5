import { toast } from 'svelte-sonner';
import { IpcFailure, toIpcError } from './ipc-failure';
import { describeError } from './describe-error';

/**
 * The one place a failed action becomes visible: a toast with what failed, the server's
 * message, its status and the request ID to quote to support. Queries do not come here;
 * their errors render in place with `ErrorNotice`.
 */
export function handleError(error: unknown, what: string): void {
  if (!(error instanceof IpcFailure)) {
    // A renderer bug, not an IPC answer: keep the details for the developer console only.
    console.error(what, error);
  }
  toast.error(what, { description: describeError(toIpcError(error)) });
}
