import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { TokenResponse } from '../../../shared/api/common';
import { B64TOKEN } from '../../../shared/ipc/credentials';
import { silentLogger, type Logger } from '../../log';
import { AuthenticationError, TimeoutError, UnexpectedResponseError, apiErrorFor } from './errors';
import { untilAborted } from './abort';
import { getPool } from './pool';
import { retryAfterMs } from './retry';
import { tell, type ObservedRequest, type RequestObserver } from './request-observer';
import {
  UnsendableHeaderError,
  classifyTransportError,
  parseBaseUrl,
  readErrorBody,
  send,
  type BaseUrl,
  type RawResponse,
} from './transport';

/** What the client asks for a bearer token, and tells when the server refused one. */
export interface AuthProvider {
  /** `signal` ends this caller's wait only; a token fetch shared with other callers goes on. */
  getToken(signal?: AbortSignal): Promise<string>;
  /**
   * Forgets `token` after a 401. Returns whether asking `getToken` again can give a
   * different token; a pasted token cannot be refreshed.
   */
  invalidate(token: string): boolean;
  /** Drops any cached token, e.g. when its client is closed. */
  clear?(): void;
}

/**
 * A pasted access token ("JWT bearer token" profile): a 401 is final. The token is read once
 * (from the keychain) and kept for this client's life, so requests do not each ask the keychain.
 */
export class BearerAuth implements AuthProvider {
  readonly #getToken: () => Promise<string>;
  #token: Promise<string> | undefined;

  constructor(options: { getToken: () => Promise<string> }) {
    this.#getToken = options.getToken;
  }

  getToken(signal?: AbortSignal): Promise<string> {
    if (!this.#token) {
      const reading = this.#getToken();
      reading.catch(() => {
        if (this.#token === reading) this.#token = undefined;
      });
      this.#token = reading;
    }
    return untilAborted(this.#token, signal);
  }

  invalidate(): boolean {
    return false;
  }

  clear(): void {
    this.#token = undefined;
  }
}

export interface ClientCredentialsAuthOptions {
  /** The profile's base URL; the token URL is `{baseUrl}/service-account-token`. */
  baseUrl: string;
  clientId: string;
  /** Read at the moment a token is fetched (from the keychain) and never kept. */
  getSecret: () => Promise<string>;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  logger?: Logger;
  /** Clock, injectable for tests. */
  now?: () => number;
  /** Told of every token request, once it ends (the activity log). */
  onRequest?: RequestObserver;
}

export const TOKEN_PATH = '/service-account-token';
/** Refresh this long before `expires_in` runs out, so a token does not expire in flight. */
export const TOKEN_MARGIN_MS = 30_000;
/** ...but never more than this share of a short-lived token's lifetime. */
export const TOKEN_MARGIN_RATIO = 0.1;

interface CachedToken {
  token: string;
  /** Infinity when the server gave no `expires_in`: kept until a 401. */
  refreshAt: number;
}

/**
 * Service-account login (OAuth 2 client credentials) against the profile's own base URL.
 * The token is cached until shortly before it expires, and concurrent callers share one
 * token request.
 */
export class ClientCredentialsAuth implements AuthProvider {
  readonly #base: BaseUrl;
  readonly #clientId: string;
  readonly #getSecret: () => Promise<string>;
  readonly #dispatcher: Dispatcher;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #onRequest: RequestObserver | undefined;
  #cached: CachedToken | undefined;
  #inflight: Promise<string> | undefined;

  constructor(options: ClientCredentialsAuthOptions) {
    this.#base = parseBaseUrl(options.baseUrl);
    this.#clientId = options.clientId;
    this.#getSecret = options.getSecret;
    this.#dispatcher = options.dispatcher ?? getPool(options.baseUrl);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#onRequest = options.onRequest;
  }

  getToken(signal?: AbortSignal): Promise<string> {
    const cached = this.#cached;
    if (cached && this.#now() < cached.refreshAt) return Promise.resolve(cached.token);
    this.#inflight ??= this.#fetch().finally(() => {
      this.#inflight = undefined;
    });
    return untilAborted(this.#inflight, signal);
  }

  invalidate(token: string): boolean {
    // A caller holding an older token must not throw away one fetched since.
    if (this.#cached?.token === token) this.#cached = undefined;
    return true;
  }

  clear(): void {
    this.#cached = undefined;
  }

  async #fetch(): Promise<string> {
    const requestId = randomUUID();
    const startedAt = this.#now();
    const response = await this.#post(requestId, startedAt);
    const ms = this.#now() - startedAt;
    this.#logger.info('api.token', { method: 'POST', path: TOKEN_PATH, status: response.status, requestId, ms });
    this.#observe({ startedAt, requestId, ms, status: response.status });

    if (response.status !== 200) throw this.#refusal(response, requestId);

    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      throw new UnexpectedResponseError(`Unexpected response from POST ${TOKEN_PATH}: the body is not JSON`, {
        status: response.status,
        requestId,
      });
    }
    const parsed = TokenResponse.safeParse(json);
    if (!parsed.success) {
      throw UnexpectedResponseError.fromZod(`POST ${TOKEN_PATH}`, parsed.error, { status: response.status, requestId });
    }
    const { access_token: token, expires_in: expiresIn } = parsed.data;
    if (!B64TOKEN.test(token)) {
      throw new UnexpectedResponseError(
        `Unexpected response from POST ${TOKEN_PATH}: access_token has characters an HTTP header cannot carry`,
        { status: response.status, requestId },
      );
    }
    this.#cached = { token, refreshAt: refreshAt(startedAt, expiresIn) };
    return token;
  }

  async #post(requestId: string, startedAt: number): Promise<RawResponse> {
    const authorization = basicAuthorization(this.#clientId, await this.#getSecret());
    try {
      return await send(this.#dispatcher, {
        origin: this.#base.origin,
        path: this.#base.prefix + TOKEN_PATH,
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'x-client-request-id': requestId,
        },
        body: 'grant_type=client_credentials',
        timeoutMs: this.#timeoutMs,
      });
    } catch (err) {
      const failure = classifyTransportError(err, {
        where: `POST ${TOKEN_PATH}`,
        host: this.#base.display,
        requestId,
        timeoutMs: this.#timeoutMs,
      });
      this.#logger.warn('api.token_failed', {
        method: 'POST',
        path: TOKEN_PATH,
        requestId,
        ms: this.#now() - startedAt,
        error: failure?.code ?? 'unknown',
      });
      const ms = this.#now() - startedAt;
      const kind =
        err instanceof UnsendableHeaderError
          ? 'unsendable'
          : failure?.error instanceof TimeoutError
            ? 'timeout'
            : 'network';
      this.#observe({ startedAt, requestId, ms, failure: kind });
      throw failure?.error ?? err;
    }
  }

  #observe(outcome: Omit<ObservedRequest, 'method' | 'target' | 'attempt'>): void {
    tell(this.#onRequest, { ...outcome, method: 'POST', target: TOKEN_PATH, attempt: 1 });
  }

  #refusal(response: RawResponse, requestId: string): Error {
    const { serverMessage, code } = readErrorBody(response.text);
    const badCredentials =
      response.status === 401 ||
      (response.status === 400 && (code === 'invalid_client' || code === 'unauthorized_client'));
    if (badCredentials) {
      return new AuthenticationError(`The client ID or secret was refused by ${this.#base.display}.`, {
        status: response.status,
        code,
        requestId,
        serverMessage,
      });
    }
    return apiErrorFor(response.status, {
      code,
      requestId,
      serverMessage,
      retryAfterMs: retryAfterMs(response.headers, this.#now()),
    });
  }
}

function refreshAt(fetchedAt: number, expiresIn: number | undefined): number {
  if (expiresIn === undefined) return Number.POSITIVE_INFINITY;
  const lifetime = expiresIn * 1000;
  return fetchedAt + lifetime - Math.min(TOKEN_MARGIN_MS, lifetime * TOKEN_MARGIN_RATIO);
}

/**
 * `Basic base64(client_id:client_secret)`, as keycard-api.md specifies and the vendor's SDKs
 * send. RFC 6749 §2.3.1 would form-encode both parts first; Keycard's alphabet (`sa_…`,
 * `sks_…`) makes that identical, but a secret with `+`, `%` or `/` would differ, and the raw
 * form is what Keycard documents. A server that decodes per the RFC is served by form fields.
 */
export function basicAuthorization(clientId: string, secret: string): string {
  return 'Basic ' + Buffer.from(`${clientId}:${secret}`, 'utf8').toString('base64');
}
