import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';
import {
  SSO_URL_MAX,
  SsoIssuer,
  SsoPkceMethods,
  SsoScopes,
  ssoUrlIssue,
  type SsoDiscoveryFailure,
} from '../../shared/api/sso-connection';
import type { IpcErrorKind } from '../../shared/ipc/result';
import type { DiscoveredProvider } from '../../shared/ipc/sso';
import type { CallOptions } from '../api/core/client';
import { TimeoutError } from '../api/core/errors';
import { CONNECT_TIMEOUT_MS } from '../api/core/pool';
import { ResponseTooLargeError, classifyTransportError, header, send, type RawResponse } from '../api/core/transport';
import { CancelledError, DeadlineError, OrgdeskError, formatDuration } from '../errors';

/** Appended to the issuer with its trailing `/` removed, as OpenID Connect Discovery 1.0 §4 says. */
export const DISCOVERY_PATH = '/.well-known/openid-configuration';
/** Real documents are a few KB; a provider answering more is broken or hostile. */
export const DISCOVERY_MAX_BYTES = 512 * 1024;
/** Per hop: the longest wait for the headers and between chunks (the whole answer gets twice that). */
export const DISCOVERY_TIMEOUT_MS = 10_000;
/** Same-origin redirects followed (a provider moving its document within its own host). */
export const DISCOVERY_MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface DiscoveryOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Default: a fresh undici Agent per discovery, closed after it: providers are not worth a pool. */
  dispatcher?: Dispatcher;
}

/** A failed discovery, by `code`; the message says why and never quotes more than 200 characters of the answer. */
export class DiscoveryError extends OrgdeskError {
  declare readonly code: SsoDiscoveryFailure;

  constructor(
    code: SsoDiscoveryFailure,
    message: string,
    kind: IpcErrorKind = 'unexpected_response',
    details: { cause?: unknown; status?: number } = {},
  ) {
    super(kind, message, {
      code,
      ...details,
      ...(kind === 'invalid_input' ? { fields: [{ path: 'identifier', message }] } : {}),
    });
  }
}

/** The document fields the app reads; the rest (and unknown ones) are ignored. */
const DiscoveryDocument = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string().nullish(),
  token_endpoint: z.string().nullish(),
  jwks_uri: z.string().nullish(),
  registration_endpoint: z.string().nullish(),
  userinfo_endpoint: z.string().nullish(),
  scopes_supported: z.array(z.string()).nullish(),
  code_challenge_methods_supported: z.array(z.string()).nullish(),
});

const ENDPOINTS = [
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'registration_endpoint',
  'userinfo_endpoint',
] as const;

/** Untrusted text for a message: bounded, and quoted so no control or direction character acts on the page. */
const quoted = (value: string): string => JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);

/**
 * Fetches `<issuer>/.well-known/openid-configuration` and reads the provider's endpoints, under
 * the rules that keep a typed issuer from pointing the organization somewhere else: the issuer
 * must be https (http only to this machine), the answer arrives in time and under a size limit,
 * redirects stay on the issuer's origin, and the document names exactly the issuer typed.
 */
export async function discoverProvider(
  issuer: string,
  options: DiscoveryOptions = {},
  call: CallOptions = {},
): Promise<DiscoveredProvider> {
  const identifier = checkedIssuer(issuer);
  const url = new URL(identifier.replace(/\/+$/, '') + DISCOVERY_PATH);
  return readDocument(identifier, await fetchProviderJson(url, 'discovery document', options, call));
}

/**
 * GETs a JSON document from an identity provider under discovery's rules (size, time, redirects
 * only within the origin), each failure a DiscoveryError; `what` names the document in messages.
 */
export async function fetchProviderJson(
  url: URL,
  what: string,
  options: DiscoveryOptions = {},
  call: CallOptions = {},
): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DISCOVERY_TIMEOUT_MS;
  const own =
    options.dispatcher === undefined
      ? new Agent({ connect: { timeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs) } })
      : undefined;
  const dispatcher = options.dispatcher ?? (own as Dispatcher);
  try {
    const limits = { timeoutMs, maxBytes: options.maxBytes ?? DISCOVERY_MAX_BYTES, call, what };
    const text = await fetchDocument(dispatcher, url, limits);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new DiscoveryError('not_json', `The ${what} from ${url.host} is not JSON.`, 'unexpected_response', {
        cause: error,
      });
    }
  } finally {
    await own?.destroy();
  }
}

function checkedIssuer(issuer: string): string {
  const parsed = SsoIssuer.safeParse(issuer);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'The issuer is not a valid URL';
  const code = ssoUrlIssue(issuer.trim()) === 'not_https' ? 'not_https' : 'invalid_issuer';
  throw new DiscoveryError(code, message, 'invalid_input');
}

interface Limits {
  timeoutMs: number;
  maxBytes: number;
  call: CallOptions;
  what: string;
}

async function fetchDocument(dispatcher: Dispatcher, start: URL, limits: Limits): Promise<string> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await fetchOnce(dispatcher, url, limits);
    if (REDIRECT_STATUSES.has(response.status)) {
      const location = header(response.headers, 'location');
      const next = location === undefined ? null : URL.parse(location, url.href);
      // A document served from elsewhere could name any endpoints; only its own origin may move it.
      if (next === null || next.origin !== url.origin) {
        throw new DiscoveryError(
          'redirected',
          `${url.host} redirected the request for the ${limits.what} to another site${next === null ? '' : ` (${next.origin})`}; Orgdesk only follows redirects within ${url.origin}.`,
        );
      }
      if (hop >= DISCOVERY_MAX_REDIRECTS) {
        throw new DiscoveryError(
          'redirected',
          `${url.host} redirected the request for the ${limits.what} more than ${DISCOVERY_MAX_REDIRECTS} times.`,
        );
      }
      url = next;
      continue;
    }
    if (response.status !== 200) {
      throw new DiscoveryError(
        'http_status',
        `${url.host} answered ${response.status} for ${url.pathname}: no ${limits.what} there.`,
        'unexpected_response',
        { status: response.status },
      );
    }
    return response.text;
  }
}

async function fetchOnce(
  dispatcher: Dispatcher,
  url: URL,
  { timeoutMs, maxBytes, call, what }: Limits,
): Promise<RawResponse> {
  try {
    return await send(dispatcher, {
      origin: url.origin,
      path: url.pathname + url.search,
      method: 'GET',
      headers: { accept: 'application/json' },
      timeoutMs,
      maxBytes,
      ...(call.signal === undefined ? {} : { signal: call.signal }),
    });
  } catch (error) {
    if (call.signal?.aborted) {
      const reason: unknown = call.signal.reason;
      if (reason instanceof DeadlineError) {
        throw new DiscoveryError(
          'timed_out',
          `${url.host} did not answer within ${formatDuration(reason.limitMs)}.`,
          'timeout',
          {
            cause: reason,
          },
        );
      }
      throw reason instanceof CancelledError ? reason : new CancelledError();
    }
    if (error instanceof ResponseTooLargeError) {
      throw new DiscoveryError(
        'too_large',
        `The ${what} from ${url.host} is larger than ${Math.round(maxBytes / 1024)} KB.`,
      );
    }
    const failure = classifyTransportError(error, { where: `the request for the ${what}`, host: url.host, timeoutMs });
    if (failure === undefined) throw error;
    if (failure.error instanceof TimeoutError) {
      throw new DiscoveryError('timed_out', failure.error.message, 'timeout', { cause: error });
    }
    throw new DiscoveryError('unreachable', failure.error.message, 'network', { cause: error });
  }
}

function readDocument(identifier: string, json: unknown): DiscoveredProvider {
  const parsed = DiscoveryDocument.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the document';
    throw new DiscoveryError(
      'invalid_document',
      `The discovery document is not one: ${where} is missing or of the wrong type.`,
    );
  }
  const document = parsed.data;
  // Exactly, as OpenID Connect Discovery requires: a trailing slash or another case is another issuer.
  if (document.issuer !== identifier) {
    throw new DiscoveryError(
      'issuer_mismatch',
      `The provider says its issuer is ${quoted(document.issuer)}, not ${quoted(identifier)}.`,
    );
  }
  for (const field of ENDPOINTS) {
    const value = document[field];
    if (value === null || value === undefined) continue;
    const issue = value.length > SSO_URL_MAX ? 'not_url' : ssoUrlIssue(value);
    if (issue === 'not_https') {
      throw new DiscoveryError('not_https', `The provider's ${field} is not https: ${quoted(value)}.`);
    }
    if (issue !== undefined) {
      throw new DiscoveryError('invalid_document', `The provider's ${field} is not a usable URL: ${quoted(value)}.`);
    }
  }
  const scopes = tokens(SsoScopes, document.scopes_supported, 'scopes_supported');
  const methods = tokens(SsoPkceMethods, document.code_challenge_methods_supported, 'code_challenge_methods_supported');
  return {
    identifier,
    protocols: {
      oauth2: {
        authorization_endpoint: document.authorization_endpoint ?? null,
        token_endpoint: document.token_endpoint ?? null,
        jwks_uri: document.jwks_uri ?? null,
        registration_endpoint: document.registration_endpoint ?? null,
        scopes_supported: scopes,
        code_challenge_methods_supported: methods,
      },
      openid: { userinfo_endpoint: document.userinfo_endpoint ?? null },
    },
  };
}

function tokens(schema: typeof SsoScopes, value: string[] | null | undefined, field: string): string[] | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new DiscoveryError(
    'invalid_document',
    `The provider's ${field} is not a list of words: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
  );
}
