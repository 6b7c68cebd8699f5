import type {
  ActivityExportInput,
  ActivityExportResult,
  ActivityListInput,
  ActivityPage,
} from '../../../../shared/ipc/activity';
import { orgdesk } from '../ipc/bridge';
import { cancellableCall } from '../ipc/cancellable';
import { unwrap } from '../ipc/ipc-failure';

/** The requests main made, newest first, as filtered; `afterId` for only what is newer. */
export function listActivity(input: ActivityListInput, signal?: AbortSignal): Promise<ActivityPage> {
  return cancellableCall(signal, (options) => orgdesk().activity.list(input, options));
}

/** Saves the entries the filters match where the user picks in main's save dialog. */
export function exportActivity(input: ActivityExportInput, signal?: AbortSignal): Promise<ActivityExportResult> {
  return cancellableCall(signal, (options) => orgdesk().activity.export(input, options));
}

/** Forgets every entry main holds; answers how many. */
export async function clearActivity(): Promise<number> {
  return unwrap(await orgdesk().activity.clear()).cleared;
}

/** Calls `listener` each time main has recorded requests (a few times a second at most); returns the unsubscribe. */
export function onActivityAppended(listener: () => void): () => void {
  return orgdesk().events.activity.appended.subscribe(() => listener());
}
