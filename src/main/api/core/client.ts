import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { CancelledError, DeadlineError, InvalidInputError, OrgdeskError, formatDuration } from '../../errors';
import { silentLogger, type Logger } from '../../log';
import { B64TOKEN } from '../../../shared/ipc/credentials';
import { TOKEN_PATH, type AuthProvider } from './auth';
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  apiErrorFor,
} from './errors';
import { sleep } from './abort';
import { getPool } from './pool';
import { PublicInvitations } from '../resources/invitations';
import { Organizations } from '../resources/organizations';
import { MAX_RETRY_AFTER_MS, backoffMs, isRetryableStatus, retryAfterMs } from './retry';
import { buildQuery, type Query } from './query';
import { tell, type RequestFailure, type RequestObserver } from './request-observer';
import {
  ResponseTooLargeError,
  UnsendableHeaderError,
  classifyTransportError,
  isTlsFailure,
  parseBaseUrl,
  readErrorBody,
  send,
  type BaseUrl,
  type RawResponse,
} from './transport';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface KeycardClientOptions {
  /** The profile's base URL, e.g. `https://api.keycard.ai`; a path prefix is kept. */
  baseUrl: string;
  auth: AuthProvider;
  /** Per attempt: the longest wait for the headers, and for each chunk of the body. */
  timeoutMs?: number;
  /** Retries after the first attempt; a 401 refresh does not count against them. */
  maxRetries?: number;
  /** Defaults to the shared pool of the base URL's origin. */
  dispatcher?: Dispatcher;
  logger?: Logger;
  /** Waits between attempts; ends early, rejecting with the signal's reason, when `signal` fires. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /**
   * Whether a refused connection or an unknown host is tried again. Off by default: every call
   * today is a user waiting, and such a failure will not change within the backoff.
   */
  retryUnreachable?: boolean;
  /** The largest answer read; see `MAX_RESPONSE_BYTES`. */
  maxResponseBytes?: number;
  /** Told of every request sent, once it ends (the activity log). */
  onRequest?: RequestObserver;
}

/**
 * One user action's limits, given to every resource method: `signal` ends it (cancel or
 * deadline), and `deadline` lets the client skip a wait that would outlast it.
 */
export interface CallOptions {
  signal?: AbortSignal;
  deadline?: { at: number; ms: number };
}

export interface RequestOptions {
  method: HttpMethod;
  /** Below the base URL; build it with the `path` template so segments are encoded. */
  path: string;
  query?: Query;
  body?: unknown;
  /**
   * Whether sending the request twice is harmless. Defaults to true for every method but
   * POST. A request that is not idempotent is repeated only when it provably never
   * reached the server, or when the server answered 429 (it did not act).
   */
  idempotent?: boolean;
  /** False for the public invitation endpoints, which take no bearer token. */
  authenticated?: boolean;
  call?: CallOptions;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** What an attempt's `timeoutMs` bounds (the connect timeout is the pool's own). */
const ATTEMPT_TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ORGDESK_DEADLINE']);
export const DEFAULT_MAX_RETRIES = 2;

/** What one attempt ended with: an answer, or a failure and whether another try is allowed. */
type Outcome =
  | { kind: 'answer'; response: RawResponse; requestId: string; token?: string }
  | { kind: 'failure'; error: Error; retryable: boolean; waitMs?: number; maybeSent?: boolean };

/**
 * The core every resource goes through: authentication, retries, timeouts, request IDs,
 * error mapping and response validation.
 */
export class KeycardClient {
  readonly baseUrl: string;
  readonly #base: BaseUrl;
  readonly #auth: AuthProvider;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #dispatcher: Dispatcher;
  /** Shared with resources, for what they log themselves (pagination). */
  readonly logger: Logger;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #retryUnreachable: boolean;
  readonly #maxResponseBytes: number | undefined;
  readonly #onRequest: RequestObserver | undefined;

  readonly organizations: Organizations = new Organizations(this);
  /** The token-based invitation links, which need no login. */
  readonly invitations: PublicInvitations = new PublicInvitations(this);

  constructor(options: KeycardClientOptions) {
    this.#base = parseBaseUrl(options.baseUrl);
    this.baseUrl = this.#base.display;
    this.#auth = options.auth;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#dispatcher = options.dispatcher ?? getPool(options.baseUrl);
    this.logger = options.logger ?? silentLogger;
    this.#sleep = options.sleep ?? sleep;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#retryUnreachable = options.retryUnreachable ?? false;
    this.#maxResponseBytes = options.maxResponseBytes;
    this.#onRequest = options.onRequest;
  }

  /**
   * Forgets the cached token. The connection pool is shared by every client of the same
   * origin and stays open; `closeAllPools()` ends them all at shutdown.
   */
  async close(): Promise<void> {
    this.#auth.clear?.();
  }

  request<S extends z.ZodType>(options: RequestOptions & { schema: S }): Promise<z.output<S>>;
  request(options: RequestOptions & { schema?: undefined }): Promise<void>;
  async request(options: RequestOptions & { schema?: z.ZodType }): Promise<unknown> {
    const where = `${options.method} ${loggablePath(options.path)}`;
    const idempotent = options.idempotent ?? options.method !== 'POST';
    const call = options.call ?? {};
    let refreshed = false;
    let retries = 0;

    for (let attempt = 1; ; attempt += 1) {
      if (call.signal?.aborted) throw this.#aborted(call, where, { maybeSent: idempotent && attempt > 1 });
      const outcome = await this.#attempt(options, idempotent, attempt, call, where);

      if (outcome.kind === 'answer') {
        const { response, requestId, token } = outcome;
        if (response.status === 401 && token !== undefined && !refreshed && this.#auth.invalidate(token)) {
          // The server refused the token, so it did not act: asking again is safe for any method.
          refreshed = true;
          continue;
        }
        if (response.status >= 200 && response.status < 300)
          return this.#parse(response, requestId, where, options.schema);

        const error = this.#errorFor(response, requestId, token !== undefined);
        const allowed = response.status === 429 || (idempotent && isRetryableStatus(response.status));
        const waitMs = retryAfterMs(response.headers, this.#now()) ?? backoffMs(retries, this.#random);
        if (!allowed || retries >= this.#maxRetries || !this.#canWait(waitMs, call)) throw error;
        await this.#wait(waitMs, call, where, idempotent);
        retries += 1;
        continue;
      }

      const waitMs = outcome.waitMs ?? backoffMs(retries, this.#random);
      if (!outcome.retryable || retries >= this.#maxRetries || !this.#canWait(waitMs, call)) {
        throw outcome.error;
      }
      await this.#wait(waitMs, call, where, idempotent);
      retries += 1;
    }
  }

  /**
   * A wait (asked for by the server, or our backoff) is made only if it is sane and ends before
   * the action's deadline: otherwise the user hears what went wrong, not that time ran out.
   */
  #canWait(waitMs: number, call: CallOptions): boolean {
    if (waitMs > MAX_RETRY_AFTER_MS) return false;
    return call.deadline === undefined || this.#now() + waitMs < call.deadline.at;
  }

  /** A request that is not idempotent is only ever retried after the server provably did not act on it. */
  async #wait(ms: number, call: CallOptions, where: string, idempotent: boolean): Promise<void> {
    try {
      await this.#sleep(ms, call.signal);
    } catch (error) {
      if (call.signal?.aborted) throw this.#aborted(call, where, { maybeSent: idempotent });
      throw error;
    }
  }

  /**
   * The error for an action its signal ended: cancelled, or out of budget with the budget named.
   * A create the server may have carried out says so, since retrying it blindly could make two.
   */
  #aborted(
    call: CallOptions,
    where: string,
    context: { maybeSent: boolean; requestId?: string; unsafe?: boolean },
  ): OrgdeskError {
    const reason: unknown = call.signal?.reason;
    if (reason instanceof DeadlineError) return this.#outOfTime(reason.limitMs, where, context);
    if (context.maybeSent && context.unsafe) {
      // The user stopped waiting, not the server from acting: a create may exist now.
      return new CancelledError(
        'Cancelled after the request was sent, so it may have been carried out: refresh before trying again.',
        'outcome_unknown',
      );
    }
    return reason instanceof CancelledError ? reason : new CancelledError();
  }

  #outOfTime(limitMs: number, where: string, context: { maybeSent: boolean; requestId?: string }): TimeoutError {
    const limit = formatDuration(limitMs);
    return new TimeoutError(`${this.#base.display} did not answer ${where} within ${limit}, this action's limit.`, {
      code: 'deadline',
      ...(context.maybeSent && context.requestId ? { requestId: context.requestId } : {}),
      maybeSent: context.maybeSent,
    });
  }

  async #attempt(
    options: RequestOptions,
    idempotent: boolean,
    attempt: number,
    call: CallOptions,
    where: string,
  ): Promise<Outcome> {
    let token: string | undefined;
    if (options.authenticated !== false) {
      try {
        token = await this.#auth.getToken(call.signal);
      } catch (err) {
        // Stuck logging in: the message names the token request, not the one that waited for it.
        if (call.signal?.aborted) {
          const error = this.#aborted(call, `POST ${TOKEN_PATH}`, { maybeSent: false });
          return { kind: 'failure', error, retryable: false };
        }
        return tokenFailure(err, this.#retryUnreachable);
      }
      if (!B64TOKEN.test(token)) return { kind: 'failure', error: unsendableToken(), retryable: false };
    }

    const requestId = randomUUID();
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-client-request-id': requestId,
    };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }

    const logged = { method: options.method, path: loggablePath(options.path), requestId, attempt };
    const startedAt = this.#now();
    const target = options.path + buildQuery(options.query);
    const observe = (ms: number, outcome: { status?: number; failure?: RequestFailure }): void =>
      tell(this.#onRequest, { startedAt, method: options.method, target, requestId, ms, attempt, ...outcome });
    const timeoutMs = this.#attemptTimeout(call);
    // Whether undici began writing this request: one still queued for a connection when the
    // call ended reached no server, so it created nothing and its ID is in no log.
    let sent = false;
    try {
      const response = await send(this.#dispatcher, {
        origin: this.#base.origin,
        path: this.#base.prefix + target,
        method: options.method,
        headers,
        body,
        timeoutMs,
        signal: call.signal,
        maxBytes: this.#maxResponseBytes,
        onSent: () => {
          sent = true;
        },
      });
      const ms = this.#now() - startedAt;
      this.logger.info('api.request', { ...logged, status: response.status, ms });
      observe(ms, { status: response.status });
      return { kind: 'answer', response, requestId, token };
    } catch (err) {
      const ms = this.#now() - startedAt;
      if (call.signal?.aborted) {
        this.logger.warn('api.request_failed', { ...logged, ms, error: sent ? 'aborted' : 'aborted_unsent' });
        const error = this.#aborted(call, where, { maybeSent: sent, requestId, unsafe: !idempotent });
        observe(ms, { failure: error instanceof TimeoutError ? 'timeout' : 'cancelled' });
        return { kind: 'failure', error, retryable: false };
      }
      if (err instanceof ResponseTooLargeError) {
        this.logger.warn('api.request_failed', { ...logged, ms, status: err.status, error: 'too_large' });
        observe(ms, { status: err.status, failure: 'too_large' });
        return { kind: 'failure', error: tooLarge(err, where, requestId), retryable: false };
      }
      if (err instanceof UnsendableHeaderError) {
        this.logger.warn('api.request_failed', { ...logged, ms, error: 'unsendable_header', header: err.header });
        observe(ms, { failure: 'unsendable' });
        return { kind: 'failure', error: unsendableHeader(err), retryable: false };
      }
      const failure = classifyTransportError(err, { where, host: this.#base.display, requestId, timeoutMs });
      this.logger.warn('api.request_failed', { ...logged, ms, error: failure?.code ?? 'unknown' });
      observe(ms, { failure: failure?.error instanceof TimeoutError ? 'timeout' : 'network' });
      if (!failure) throw err;
      // The attempt's timer was the rest of the budget (and undici's coarse timers may fire it a
      // little early): the action is out of time, whatever the timer's own figure was.
      if (call.deadline !== undefined && timeoutMs < this.#timeoutMs && ATTEMPT_TIMEOUTS.has(failure.code)) {
        const error = this.#outOfTime(call.deadline.ms, where, { maybeSent: failure.maybeSent, requestId });
        return { kind: 'failure', error, maybeSent: failure.maybeSent, retryable: false };
      }
      // A request that may have reached the server is repeated only if doing so is harmless.
      return {
        kind: 'failure',
        error: failure.error,
        maybeSent: failure.maybeSent,
        retryable:
          failure.retryable && (idempotent || !failure.maybeSent) && (this.#retryUnreachable || !failure.unreachable),
      };
    }
  }

  /** An attempt never waits past the action's deadline; the deadline's own message then names the real limit. */
  #attemptTimeout(call: CallOptions): number {
    if (call.deadline === undefined) return this.#timeoutMs;
    return Math.max(1, Math.min(this.#timeoutMs, call.deadline.at - this.#now()));
  }

  #errorFor(response: RawResponse, requestId: string, authenticated: boolean): ApiError {
    const { serverMessage, code } = readErrorBody(response.text);
    const details = { status: response.status, code, requestId, serverMessage };
    if (response.status === 401 && authenticated) {
      const message =
        serverMessage || `The access token was refused by ${this.#base.display}. Log in again or paste a new token.`;
      return new AuthenticationError(message, details);
    }
    return apiErrorFor(response.status, {
      code,
      requestId,
      serverMessage,
      retryAfterMs: retryAfterMs(response.headers, this.#now()),
    });
  }

  #parse(response: RawResponse, requestId: string, where: string, schema: z.ZodType | undefined): unknown {
    if (response.status === 204 || schema === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      throw new UnexpectedResponseError(`Unexpected response from ${where}: the body is not JSON`, {
        status: response.status,
        requestId,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw UnexpectedResponseError.fromZod(where, parsed.error, { status: response.status, requestId });
    }
    return parsed.data;
  }
}

/**
 * A failed token fetch happened before the request itself was sent, so it may be retried
 * for any method, on the statuses and network failures that are worth another try.
 */
function tokenFailure(err: unknown, retryUnreachable: boolean): Outcome {
  if (err instanceof RateLimitError) return { kind: 'failure', error: err, retryable: true, waitMs: err.retryAfterMs };
  if (err instanceof AuthenticationError) return { kind: 'failure', error: err, retryable: false };
  if (err instanceof ApiError) return { kind: 'failure', error: err, retryable: isRetryableStatus(err.status) };
  if (err instanceof ConnectionError || err instanceof TimeoutError) {
    const unreachable = err.unreachable && !retryUnreachable;
    return { kind: 'failure', error: err, retryable: !isTlsFailure(err.code) && !unreachable };
  }
  if (err instanceof OrgdeskError) return { kind: 'failure', error: err, retryable: false };
  throw err;
}

function unsendableToken(): OrgdeskError {
  return new InvalidInputError(
    'The bearer token has characters an HTTP header cannot carry, so it was not sent. Edit the profile and paste the token again.',
    [{ path: 'token', message: 'Only letters, digits and - . _ ~ + / = are allowed in a bearer token' }],
  );
}

function unsendableHeader(err: UnsendableHeaderError): OrgdeskError {
  const field = err.header === 'authorization' ? 'clientSecret' : err.header;
  return new InvalidInputError(
    `The ${err.header} value has characters an HTTP header cannot carry, so nothing was sent. Check the profile's credentials.`,
    [{ path: field, message: 'Has characters HTTP headers cannot carry' }],
  );
}

function tooLarge(err: ResponseTooLargeError, where: string, requestId: string): UnexpectedResponseError {
  return new UnexpectedResponseError(
    `Unexpected response from ${where}: the answer is larger than ${Math.round(err.maxBytes / (1024 * 1024))} MB, so Orgdesk stopped reading it.`,
    { status: err.status, requestId, code: 'response_too_large' },
  );
}

/** Public invitation links carry their token in the path; logs and messages must not. */
export function loggablePath(path: string): string {
  return path.replace(/^\/invitations\/[^/?]+/, '/invitations/:token');
}
