import type {
  CompareExportInput,
  CompareExportResult,
  CompareInput,
  CompareResult,
} from '../../../../shared/ipc/compare';
import { orgdesk } from '../ipc/bridge';
import { cancellableCall } from '../ipc/cancellable';

/** Two organizations compared by main, each read under its own profile; `signal` stops both walks. */
export function compareOrgs(input: CompareInput, signal?: AbortSignal): Promise<CompareResult> {
  return cancellableCall(signal, (options) => orgdesk().compare.run(input, options));
}

/**
 * Saves the comparison where the user picks in main's save dialog. Main compares again and
 * writes; the window sends only the two references (labels give the file its name).
 */
export function exportComparison(input: CompareExportInput, signal?: AbortSignal): Promise<CompareExportResult> {
  return cancellableCall(signal, (options) => orgdesk().compare.export(input, options));
}
