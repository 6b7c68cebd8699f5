import { toast } from 'svelte-sonner';
import { IpcFailure, toIpcError } from './ipc-failure';
import { describeError, errorMessage } from './describe-error';
import { isCancelled } from './cancellable';
import { openLogFolder, pointsToLog } from '../services/app.service';

/**
 * The one place a failed action becomes visible: a toast with what failed, the server's
 * message, its status and the request ID to quote to support, and a way to the log when the
 * details are only there. A call the user cancelled did not fail: it shows nothing. Queries do
 * not come here; their errors render in place with `ErrorNotice`.
 */
export function handleError(error: unknown, what: string): void {
  if (isCancelled(error)) return;
  if (!(error instanceof IpcFailure)) {
    // A renderer bug, not an IPC answer: keep the details for the developer console only.
    console.error(what, error);
  }
  const ipcError = toIpcError(error);
  toast.error(what, {
    description: describeError(ipcError),
    action: pointsToLog(ipcError) ? { label: 'Open log folder', onClick: () => void showLogFolder() } : undefined,
  });
}

async function showLogFolder(): Promise<void> {
  const outcome = await openLogFolder();
  // Without a file manager the answer names the folder; the toast keeps it on screen to copy.
  if (!outcome.opened) toast.info('Log folder', { description: errorMessage(outcome.error), duration: Infinity });
}
