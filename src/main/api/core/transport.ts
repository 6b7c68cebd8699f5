import type { Dispatcher } from 'undici';
import { ConnectionError, TimeoutError } from './errors';

/** A profile's base URL split the way undici wants it; a path prefix (`/api`) is kept. */
export interface BaseUrl {
  origin: string;
  prefix: string;
  /** What messages show: origin and prefix, never credentials embedded in the URL. */
  display: string;
}

export function parseBaseUrl(baseUrl: string): BaseUrl {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`The API base URL must use http or https, not ${url.protocol}`);
  }
  const prefix = url.pathname.replace(/\/+$/, '');
  return { origin: url.origin, prefix, display: url.origin + prefix };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface SendOptions {
  origin: string;
  path: string;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/**
 * An attempt's whole answer must arrive within this many `timeoutMs`: `bodyTimeout` only
 * bounds the gap between chunks, so a server dripping bytes could otherwise hold a call forever.
 */
export const DEADLINE_FACTOR = 2;

/** Sends one request and reads the whole answer, so the connection goes back to the pool. */
export async function send(dispatcher: Dispatcher, options: SendOptions): Promise<RawResponse> {
  const deadline = AbortSignal.timeout(options.timeoutMs * DEADLINE_FACTOR);
  try {
    const response = await dispatcher.request({
      origin: options.origin,
      path: options.path,
      method: options.method,
      headers: options.headers,
      body: options.body ?? null,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: deadline,
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    if (deadline.aborted)
      throw Object.assign(new Error('The answer did not finish in time'), { code: DEADLINE, cause: error });
    throw error;
  }
}

const DEADLINE = 'ORGDESK_DEADLINE';

/**
 * Failures that happen before a single byte of the request leaves this machine. Only
 * these make a retry of a non-idempotent request safe.
 */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUTS = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ORGDESK_DEADLINE',
]);

/** Certificate problems do not go away by themselves; retrying them only delays the answer. */
const TLS = /^(CERT_|ERR_TLS_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY)_)/;

/** Codes that are not about the network at all (bad arguments, our own bugs). */
const NOT_TRANSPORT = /^(UND_ERR_INVALID_ARG|UND_ERR_INVALID_RETURN_VALUE|UND_ERR_NOT_SUPPORTED|ERR_INVALID_)/;

export function isTlsFailure(code: string | undefined): boolean {
  return code !== undefined && TLS.test(code);
}

export interface TransportFailure {
  error: ConnectionError | TimeoutError;
  /** False only when the request provably never reached the server. */
  maybeSent: boolean;
  retryable: boolean;
  code: string;
}

/**
 * Turns an undici/Node failure into a ConnectionError or TimeoutError, or returns
 * undefined when the error is not a transport failure (a bug: let it propagate).
 */
export function classifyTransportError(
  err: unknown,
  context: { where: string; host: string; requestId?: string; timeoutMs: number },
): TransportFailure | undefined {
  const code = errorCode(err);
  if (!code || NOT_TRANSPORT.test(code)) return undefined;
  const details = { requestId: context.requestId, code, cause: err };
  if (TIMEOUTS.has(code)) {
    const message =
      code === 'UND_ERR_CONNECT_TIMEOUT'
        ? `Could not connect to ${context.host} in time (${context.where}).`
        : `${context.host} did not answer ${context.where} within ${duration(context.timeoutMs)}.`;
    return { error: new TimeoutError(message, details), maybeSent: !NOT_SENT.has(code), retryable: true, code };
  }
  if (TLS.test(code)) {
    return {
      error: new ConnectionError(`The TLS certificate of ${context.host} was not accepted (${code}).`, details),
      maybeSent: false,
      retryable: false,
      code,
    };
  }
  const message = NOT_SENT.has(code)
    ? `Could not reach ${context.host} (${code}).`
    : `The connection to ${context.host} failed during ${context.where} (${code}).`;
  return { error: new ConnectionError(message, details), maybeSent: !NOT_SENT.has(code), retryable: true, code };
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * Node reports a refused dual-stack connect as an AggregateError whose own code may be
 * missing, so the inner errors and the cause are looked at too.
 */
function errorCode(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  if (err instanceof AggregateError) {
    for (const inner of err.errors) {
      const code = errorCode(inner);
      if (code) return code;
    }
  }
  return err.cause === undefined ? undefined : errorCode(err.cause);
}

/** The `{ message, code }` of an error body; OAuth's `{ error, error_description }` as well. */
export function readErrorBody(text: string): { serverMessage?: string; code?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (body === null || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const message = firstString(record.message, record.error_description);
  const code = firstString(record.code, record.error);
  return {
    ...(message ? { serverMessage: message.slice(0, 500) } : {}),
    ...(code ? { code: code.slice(0, 100) } : {}),
  };
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.length > 0);
}

export function header(headers: RawResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
