import type { IpcError } from '../../../../shared/ipc/result';
import { isolate } from '../utils/bidi';

const MAX_MESSAGE = 300;

/** The trace details of an error in the order support asks for them. */
export function errorDetails(error: IpcError): string[] {
  const details: string[] = [];
  if (error.status !== undefined) details.push(`HTTP ${error.status}`);
  if (error.code) details.push(`code ${error.code}`);
  if (error.requestId) details.push(`Request ID ${error.requestId}`);
  return details;
}

export function errorMessage(error: IpcError): string {
  return error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE)}…` : error.message;
}

/** One line for a toast: the message (isolated: a server wrote it), then status and request ID. */
export function describeError(error: IpcError): string {
  return [isolate(errorMessage(error)), ...errorDetails(error)].join(' · ');
}
