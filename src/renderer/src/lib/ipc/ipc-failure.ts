import { IpcError, type FieldIssue, type IpcErrorKind, type IpcResult } from '../../../../shared/ipc/result';

/** An IPC envelope that came back `ok: false`, thrown so queries and mutations see an ordinary rejection. */
export class IpcFailure extends Error {
  readonly error: IpcError;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcFailure';
    this.error = error;
  }

  get kind(): IpcErrorKind {
    return this.error.kind;
  }

  get status(): number | undefined {
    return this.error.status;
  }

  get requestId(): string | undefined {
    return this.error.requestId;
  }

  get fields(): FieldIssue[] {
    return this.error.fields ?? [];
  }
}

export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new IpcFailure(result.error);
}

/**
 * Whatever was thrown (or an IpcError kept in state), as an IpcError the UI can show. A rejection that is not an envelope
 * (the bridge missing, a bug in the renderer) gets a generic message rather than its text,
 * which could quote anything.
 */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcFailure) return error.error;
  const plain = IpcError.safeParse(error);
  if (plain.success) return plain.data;
  return { kind: 'internal', message: 'Something went wrong in the Orgdesk window' };
}
