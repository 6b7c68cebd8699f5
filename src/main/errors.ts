import type { FieldIssue, IpcError, IpcErrorKind } from '../shared/ipc/result';

export interface ErrorDetails {
  status?: number;
  code?: string;
  requestId?: string;
  fields?: FieldIssue[];
  cause?: unknown;
}

/**
 * Base of every error main expects and can explain to the user. Its message is shown
 * as is, so it must never contain a secret or a token. Anything else that reaches the
 * IPC boundary is a bug and is reported as `internal` with a generic message.
 */
export class OrgdeskError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly fields?: FieldIssue[];

  constructor(
    readonly kind: IpcErrorKind,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.fields = details.fields;
  }

  toIpcError(): IpcError {
    const error: IpcError = { kind: this.kind, message: this.message };
    if (this.status !== undefined) error.status = this.status;
    if (this.code !== undefined) error.code = this.code;
    if (this.requestId !== undefined) error.requestId = this.requestId;
    if (this.fields !== undefined) error.fields = this.fields;
    return error;
  }
}

export class NotFoundError extends OrgdeskError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class InvalidInputError extends OrgdeskError {
  constructor(message: string, fields: FieldIssue[]) {
    super('invalid_input', message, { fields });
  }
}

/** The user stopped the call. */
export class CancelledError extends OrgdeskError {
  /** `code` is `outcome_unknown` when the request had already been sent and may have acted. */
  constructor(message = 'Cancelled.', code: 'cancelled' | 'outcome_unknown' = 'cancelled') {
    super('cancelled', message, { code });
  }
}

/**
 * The call used up its whole budget (every attempt, retry and wait together). Thrown as the
 * abort reason of a call's signal; the API client turns it into a message naming the server.
 */
export class DeadlineError extends OrgdeskError {
  constructor(readonly limitMs: number) {
    super('timeout', `Orgdesk stopped waiting after ${formatDuration(limitMs)}, the limit for one action.`, {
      code: 'deadline',
    });
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
