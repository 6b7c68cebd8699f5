import { orgdesk } from '../ipc/bridge';
import { toIpcError, unwrap } from '../ipc/ipc-failure';
import type { IpcError } from '../../../../shared/ipc/result';
import type { AppInfo } from '../../../../shared/ipc/app';

/** The app's version, platform and folders, for About. */
export async function appInfo(): Promise<AppInfo> {
  return unwrap(await orgdesk().app.info());
}

export type LogFolderOutcome = { opened: true; path: string } | { opened: false; error: IpcError };

/** Asks main to show the log folder; when it cannot (no file manager), its answer says where the folder is. */
export async function openLogFolder(): Promise<LogFolderOutcome> {
  try {
    const { path } = unwrap(await orgdesk().app.openLogFolder());
    return { opened: true, path };
  } catch (error) {
    return { opened: false, error: toIpcError(error) };
  }
}

/** Main's messages for failures whose details went to main.log only end by pointing there. */
export function pointsToLog(error: IpcError): boolean {
  return /\bsee the log\b/i.test(error.message);
}
