import type { Dispatcher } from 'undici';
import { formatDuration } from '../../errors';
import { ConnectionError, TimeoutError } from './errors';
import { untilAborted } from './abort';
import { CONNECT_TIMEOUT_MS } from './pool';
import { watchSent } from './sent-requests';

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
  /** The whole action's signal (cancel or deadline); the attempt ends with it, even while queued. */
  signal?: AbortSignal;
  /** The largest answer read; a larger one is cut off and reported. */
  maxBytes?: number;
  /** Told when undici starts writing the request to a socket (it keys on `x-client-request-id`). */
  onSent?: () => void;
}

/**
 * An attempt's whole answer must arrive within this many `timeoutMs`: `bodyTimeout` only
 * bounds the gap between chunks, so a server dripping bytes could otherwise hold a call forever.
 */
export const DEADLINE_FACTOR = 2;

/**
 * No answer the app reads comes near this (a page of 1,000 organizations with permissions is
 * about 0.5 MB); past it the server is broken or hostile, and reading on would only fill memory.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * What undici lets into a header value is wider than what every proxy passes on; printable
 * ASCII and tab is what our own values (IDs, tokens, base64) ever need.
 */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/**
 * Refuses a header value HTTP cannot carry before undici sees it: undici rejects it too, but
 * only after taking a pool connection it then never gives back, so enough of them would stall
 * every later request to that origin.
 */
export function assertSendableHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_VALUE.test(value)) throw new UnsendableHeaderError(name);
  }
}

export class UnsendableHeaderError extends TypeError {
  constructor(readonly header: string) {
    super(`The ${header} header holds characters HTTP cannot carry`);
    this.name = 'UnsendableHeaderError';
  }
}

/** Sends one request and reads the whole answer, so the connection goes back to the pool. */
export async function send(dispatcher: Dispatcher, options: SendOptions): Promise<RawResponse> {
  assertSendableHeaders(options.headers);
  const attemptDeadline = AbortSignal.timeout(options.timeoutMs * DEADLINE_FACTOR);
  const signal = options.signal ? AbortSignal.any([options.signal, attemptDeadline]) : attemptDeadline;
  const maxBytes = options.maxBytes ?? MAX_RESPONSE_BYTES;
  const requestId = options.headers['x-client-request-id'];
  const unwatch = options.onSent && requestId ? watchSent(requestId, options.onSent) : undefined;
  const exchange = (async (): Promise<RawResponse> => {
    const response = await dispatcher.request({
      origin: options.origin,
      path: options.path,
      method: options.method,
      headers: options.headers,
      body: options.body ?? null,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal,
    });
    const text = await readCapped(response, maxBytes);
    return { status: response.statusCode, headers: response.headers, text };
  })();
  try {
    return await untilAborted(exchange, signal);
  } catch (error) {
    // The action's own reason (cancelled, out of budget) wins over the attempt's timer.
    if (options.signal?.aborted) throw options.signal.reason;
    if (attemptDeadline.aborted)
      throw Object.assign(new Error('The answer did not finish in time'), { code: DEADLINE, cause: error });
    throw error;
  } finally {
    unwatch?.();
  }
}

/** A 2xx or error answer too large to be anything the app asked for. */
export class ResponseTooLargeError extends Error {
  readonly code = 'ORGDESK_TOO_LARGE';
  constructor(
    readonly status: number,
    readonly maxBytes: number,
  ) {
    super(`The answer is larger than ${maxBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/** Reads the body up to `maxBytes`, refusing early on a declared length and while streaming otherwise. */
async function readCapped(response: Dispatcher.ResponseData, maxBytes: number): Promise<string> {
  const declared = Number(header(response.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw new ResponseTooLargeError(response.statusCode, maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      response.body.destroy();
      throw new ResponseTooLargeError(response.statusCode, maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size).toString('utf8');
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

/**
 * Failures that will not change in the next second or two: retrying them only makes an
 * interactive call slower to say the server cannot be reached.
 */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

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
  /** Refused or not found: another try a moment later would fail the same way. */
  unreachable: boolean;
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
  const maybeSent = !NOT_SENT.has(code) && !TLS.test(code);
  // A request ID helps support only when a server may have logged it.
  const unreachable = UNREACHABLE.has(code);
  const details = { ...(maybeSent ? { requestId: context.requestId } : {}), code, cause: err, maybeSent, unreachable };
  if (TIMEOUTS.has(code)) {
    const message =
      code === 'UND_ERR_CONNECT_TIMEOUT'
        ? `Could not connect to ${context.host} within ${duration(CONNECT_TIMEOUT_MS)} (${context.where}).`
        : code === DEADLINE
          ? `${context.host} did not finish answering ${context.where} within ${duration(context.timeoutMs * DEADLINE_FACTOR)}.`
          : `${context.host} did not answer ${context.where} within ${duration(context.timeoutMs)}.`;
    return { error: new TimeoutError(message, details), maybeSent, retryable: true, unreachable, code };
  }
  if (TLS.test(code)) {
    return {
      error: new ConnectionError(`The TLS certificate of ${context.host} was not accepted (${code}).`, details),
      maybeSent,
      retryable: false,
      unreachable,
      code,
    };
  }
  const message = NOT_SENT.has(code)
    ? `Could not reach ${context.host} (${code}).`
    : `The connection to ${context.host} failed during ${context.where} (${code}).`;
  return { error: new ConnectionError(message, details), maybeSent, retryable: true, unreachable, code };
}

const duration = formatDuration;

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
