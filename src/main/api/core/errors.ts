import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import { OrgdeskError } from '../../errors';
import type { FieldIssue, IpcErrorKind } from '../../../shared/ipc/result';

/**
 * Errors of the Keycard API client. Every message here may be shown to the user, so
 * none is ever built from a header, a request body or a credential.
 */

export interface ApiErrorDetails {
  status: number;
  /** The server's own `code`, e.g. `forbidden`; absent when the body was not the error shape. */
  code?: string;
  /** The `X-Client-Request-ID` of the attempt whose answer this error reports. */
  requestId?: string;
  /** The server's `message`, kept apart so callers can tell it from our fallback text. */
  serverMessage?: string;
  cause?: unknown;
}

export class ApiError extends OrgdeskError {
  declare readonly status: number;
  readonly serverMessage?: string;

  constructor(message: string, details: ApiErrorDetails, kind: IpcErrorKind = 'api') {
    super(kind, message, details);
    this.serverMessage = details.serverMessage;
  }
}

export class BadRequestError extends ApiError {}
export class AuthenticationError extends ApiError {
  constructor(message: string, details: ApiErrorDetails) {
    super(message, details, 'auth');
  }
}
export class PermissionDeniedError extends ApiError {}
/** Named apart from `NotFoundError` in `src/main/errors.ts`, which is about local objects. */
export class ApiNotFoundError extends ApiError {}
export class ConflictError extends ApiError {}
export class UnprocessableEntityError extends ApiError {}
export class RateLimitError extends ApiError {
  /** How long the server asked us to wait, when it said so. */
  readonly retryAfterMs?: number;

  constructor(message: string, details: ApiErrorDetails & { retryAfterMs?: number }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}
export class InternalServerError extends ApiError {}

export interface TransportErrorDetails {
  /** Only when a server may have seen the request: an ID no server logged helps nobody. */
  requestId?: string;
  code?: string;
  cause?: unknown;
  /** Whether the request may have reached the server (false: provably never left this machine). */
  maybeSent?: boolean;
  /** Refused or unknown host: trying again within seconds would fail the same way. */
  unreachable?: boolean;
}

/** The request got no answer: refused, reset, DNS failure, TLS failure. */
export class ConnectionError extends OrgdeskError {
  readonly maybeSent: boolean;
  readonly unreachable: boolean;

  constructor(message: string, details: TransportErrorDetails = {}) {
    super('network', message, details);
    this.maybeSent = details.maybeSent ?? true;
    this.unreachable = details.unreachable ?? false;
  }
}

export class TimeoutError extends OrgdeskError {
  readonly maybeSent: boolean;
  readonly unreachable: boolean;

  constructor(message: string, details: TransportErrorDetails = {}) {
    super('timeout', message, details);
    this.maybeSent = details.maybeSent ?? true;
    this.unreachable = details.unreachable ?? false;
  }
}

/**
 * The same failure, saying the create it reports may have happened: its answer was lost after
 * the request may have reached the server. `code` becomes `outcome_unknown` so the window
 * refreshes what the create would have changed before anyone tries again.
 */
export function outcomeUnknown<E extends ConnectionError | TimeoutError>(error: E, what: string): E {
  const Kind = error.constructor as new (message: string, details: TransportErrorDetails) => E;
  return new Kind(`${error.message} ${what}: refresh before trying again.`, {
    requestId: error.requestId,
    code: 'outcome_unknown',
    cause: error,
    maybeSent: true,
  });
}

/** A 2xx answer the schema does not accept; the message names the first offending field. */
export class UnexpectedResponseError extends OrgdeskError {
  readonly issues: FieldIssue[];

  constructor(message: string, details: { status: number; requestId?: string; issues?: FieldIssue[]; code?: string }) {
    super('unexpected_response', message, { status: details.status, requestId: details.requestId, code: details.code });
    this.issues = details.issues ?? [];
  }

  static fromZod(
    where: string,
    error: z.ZodError,
    details: { status: number; requestId?: string },
  ): UnexpectedResponseError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: describeIssue(issue),
    }));
    const first = issues[0];
    const what = first ? `${first.path || 'the body'} ${first.message}` : 'the body does not match';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return new UnexpectedResponseError(`Unexpected response from ${where}: ${what}${more}`, {
      ...details,
      issues,
    });
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // zod's text for a missing key ("expected string, received undefined") reads oddly in a UI.
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  return `is invalid: ${issue.message}`;
}

export function statusText(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

/**
 * Maps an error status to its class. `serverMessage` comes from the `{ message, code, status }`
 * body when there is one; otherwise the message says which status came back.
 */
export function apiErrorFor(
  status: number,
  details: Omit<ApiErrorDetails, 'status'> & { retryAfterMs?: number },
): ApiError {
  const message = details.serverMessage || `The Keycard API answered ${statusText(status)}.`;
  const all = { ...details, status };
  if (status === 400) return new BadRequestError(message, all);
  if (status === 401) return new AuthenticationError(message, all);
  if (status === 403) return new PermissionDeniedError(message, all);
  if (status === 404) return new ApiNotFoundError(message, all);
  if (status === 409) return new ConflictError(message, all);
  if (status === 422) return new UnprocessableEntityError(message, all);
  if (status === 429) return new RateLimitError(message, all);
  if (status >= 500) return new InternalServerError(message, all);
  return new ApiError(message, all);
}
