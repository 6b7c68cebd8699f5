import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { listChannels } from '../../shared/ipc/channel';
import { contract } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import type { Logger } from '../log';
import type { Dispatch } from './dispatcher';

export interface RegisterOptions {
  dispatch: Dispatch;
  /** Whether a frame URL is the app's own renderer page. */
  isAppUrl(url: string): boolean;
  logger: Logger;
}

/**
 * One `ipcMain.handle` per contract channel, each answering only the app's own top-level
 * page. A subframe or a page the window was somehow navigated to gets `forbidden_sender`
 * and never reaches a handler (Electron security checklist: validate the sender of all IPC).
 * Returns a function removing the handlers again.
 */
export function registerIpcHandlers({ dispatch, isAppUrl, logger }: RegisterOptions): () => void {
  const channels = listChannels(contract).map(([, , name]) => name);
  for (const channel of channels) {
    ipcMain.handle(
      channel,
      async (event: IpcMainInvokeEvent, payload: unknown, callId: unknown): Promise<IpcResult<unknown>> => {
        const refusal = senderRefusal(event, isAppUrl);
        if (refusal) {
          logger.warn('ipc.forbidden_sender', { channel, reason: refusal });
          return { ok: false, error: { kind: 'forbidden_sender', message: `Orgdesk refused the call: ${refusal}` } };
        }
        return dispatch(channel, payload, callId);
      },
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Why a call must be refused, or undefined when it comes from the app's main frame. */
export function senderRefusal(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): string | undefined {
  let frame: IpcMainInvokeEvent['senderFrame'];
  try {
    frame = event.senderFrame;
  } catch {
    // Reading senderFrame of a frame being torn down can throw; that sender is gone anyway.
    frame = null;
  }
  if (!frame) return 'the calling frame no longer exists';
  if (frame.parent !== null) return 'only the main frame may call';
  if (!isAppUrl(frame.url)) return 'the calling page is not Orgdesk';
  return undefined;
}
