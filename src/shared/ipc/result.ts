import { z } from 'zod';

/**
 * What can go wrong behind an IPC call, as the renderer needs to tell it apart.
 * - invalid_input: the payload failed the contract's schema (`fields` says where)
 * - api: the Keycard API answered with an error status
 * - auth: login failed or the token was refused after one refresh
 * - network / timeout: the request never got an answer
 * - unexpected_response: the server answered something the schema does not accept
 * - keychain: the OS keychain is locked, missing or refused the operation
 * - not_found: a local object (profile) does not exist
 * - file: a file on this machine could not be written (no space, no permission, a folder in the way)
 * - cancelled: the user stopped the call; nothing to report
 * - forbidden_sender: the call came from a frame that is not the app's own
 * - internal: a bug; the message is generic and details go to the log only
 */
export const IpcErrorKind = z.enum([
  'invalid_input',
  'api',
  'auth',
  'network',
  'timeout',
  'unexpected_response',
  'keychain',
  'not_found',
  'file',
  'cancelled',
  'forbidden_sender',
  'internal',
]);
export type IpcErrorKind = z.infer<typeof IpcErrorKind>;

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const IpcError = z.object({
  kind: IpcErrorKind,
  message: z.string(),
  status: z.number().int().optional(),
  code: z.string().optional(),
  requestId: z.string().optional(),
  fields: z.array(FieldIssue).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Turns zod issues into `{ path, message }` pairs a form can show next to its fields. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
