import { z } from 'zod';
import { Id, Timestamp } from './common';
import { hasControlCharacter, isWellFormed } from '../text';
import { isLoopbackHost } from '../urls';

/**
 * An organization's single sign-on connection, as answered: whether a client secret is set,
 * never the secret. Answered URLs and lists stay loose (one odd value must not hide the
 * connection); what the app sends is checked by the body schemas below.
 */
const AnsweredOAuth2 = z.object({
  authorization_endpoint: z.string().nullish(),
  token_endpoint: z.string().nullish(),
  jwks_uri: z.string().nullish(),
  registration_endpoint: z.string().nullish(),
  scopes_supported: z.array(z.string()).nullish(),
  code_challenge_methods_supported: z.array(z.string()).nullish(),
});

const AnsweredOpenId = z.object({ userinfo_endpoint: z.string().nullish() });

export const SsoProtocols = z.object({ oauth2: AnsweredOAuth2.nullish(), openid: AnsweredOpenId.nullish() });
export type SsoProtocols = z.infer<typeof SsoProtocols>;

export const SsoConnection = z.object({
  id: Id,
  identifier: z.string(),
  client_id: z.string().nullable(),
  client_secret_set: z.boolean(),
  protocols: SsoProtocols.nullish(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type SsoConnection = z.infer<typeof SsoConnection>;

/** The contract's limit for the issuer; endpoints get the same. */
export const SSO_URL_MAX = 2048;
export const SSO_CLIENT_ID_MAX = 255;
export const SSO_CLIENT_SECRET_MAX = 4096;
/** More scopes or methods than any provider publishes; past it the list is not a provider's. */
export const SSO_TOKEN_LIST_MAX = 200;
export const SSO_TOKEN_MAX = 255;

/** What is wrong with an SSO URL; discovery tells a plain-http endpoint (`not_https`) from a malformed one. */
export type SsoUrlIssue = 'not_url' | 'userinfo' | 'not_https';

/**
 * Absolute, `https` (plain `http` only to this machine, where nothing crosses a network in the
 * clear), no user name or password: undefined when `value` is all that, else what it is not.
 */
export function ssoUrlIssue(value: string): SsoUrlIssue | undefined {
  const url = URL.parse(value);
  if (url === null) return 'not_url';
  if (url.username !== '' || url.password !== '') return 'userinfo';
  if (url.protocol === 'https:') return undefined;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? undefined : 'not_https';
}

const URL_MESSAGES: Record<SsoUrlIssue, (what: string) => string> = {
  not_url: (what) => `The ${what} must be a full URL such as https://login.example.com`,
  // Credentials in the URL would be stored by Keycard and shown to every admin.
  userinfo: (what) => `The ${what} cannot contain a user name or password`,
  not_https: (what) => `The ${what} must use https:// (plain http:// is only allowed for localhost)`,
};

export function ssoUrlProblem(value: string, what: string): string | undefined {
  const issue = ssoUrlIssue(value);
  return issue === undefined ? undefined : URL_MESSAGES[issue](what);
}

/** An issuer or endpoint URL the app sends; `what` names it in every message. */
export function ssoUrl(what: string) {
  return z
    .string()
    .trim()
    .min(1, { message: `The ${what} is required`, abort: true })
    .max(SSO_URL_MAX, { message: `The ${what} can be at most ${SSO_URL_MAX} characters`, abort: true })
    .superRefine((value, ctx) => {
      const problem = ssoUrlProblem(value, what);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** RFC 6749 `scope-token`: printable ASCII but space, `"` and `\`; PKCE method names are the same kind of word. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** A list of scopes or PKCE methods; `what` is the singular ("scope"), `list` the field's name in messages. */
function tokenList(what: string, list: string) {
  const token = z
    .string()
    .min(1, { message: `A ${what} cannot be empty`, abort: true })
    .max(SSO_TOKEN_MAX, { message: `A ${what} can be at most ${SSO_TOKEN_MAX} characters`, abort: true })
    .regex(SCOPE_TOKEN, {
      message: `A ${what} is one word of printable characters, without spaces, quotes or backslashes`,
    });
  return z
    .array(token)
    .max(SSO_TOKEN_LIST_MAX, { message: `The ${list} can hold at most ${SSO_TOKEN_LIST_MAX} entries` });
}

export const SsoScopes = tokenList('scope', 'supported scopes');
export const SsoPkceMethods = tokenList('PKCE method', 'PKCE methods');

/** The provider's client ID as typed: trimmed, visible, one line. */
export const SsoClientId = z
  .string()
  .trim()
  .min(1, { message: 'The client ID is required (or remove it)', abort: true })
  .max(SSO_CLIENT_ID_MAX, { message: `The client ID can be at most ${SSO_CLIENT_ID_MAX} characters`, abort: true })
  .superRefine((value, ctx) => {
    const problem = !isWellFormed(value)
      ? 'The client ID contains a broken character (an unpaired surrogate)'
      : hasControlCharacter(value)
        ? 'The client ID cannot contain control characters such as tabs or line breaks'
        : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Write-only. Not trimmed: a space may be part of it. Messages never quote it. */
export const SsoClientSecret = z
  .string()
  .min(1, { message: 'The client secret cannot be empty (leave it out to keep it, or remove it)', abort: true })
  .max(SSO_CLIENT_SECRET_MAX, {
    message: `The client secret can be at most ${SSO_CLIENT_SECRET_MAX} characters`,
    abort: true,
  })
  .superRefine((value, ctx) => {
    const problem = !isWellFormed(value)
      ? 'The client secret contains a broken character (an unpaired surrogate)'
      : hasControlCharacter(value)
        ? 'The client secret cannot contain control characters such as NUL, tabs or line breaks'
        : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The endpoints the app sends; `null` or absent means the provider has none (or it is unknown). */
export const SsoProtocolsInput = z.object({
  oauth2: z
    .object({
      authorization_endpoint: ssoUrl('authorization endpoint').nullish(),
      token_endpoint: ssoUrl('token endpoint').nullish(),
      jwks_uri: ssoUrl('JWKS URI').nullish(),
      registration_endpoint: ssoUrl('registration endpoint').nullish(),
      scopes_supported: SsoScopes.nullish(),
      code_challenge_methods_supported: SsoPkceMethods.nullish(),
    })
    .nullish(),
  openid: z.object({ userinfo_endpoint: ssoUrl('userinfo endpoint').nullish() }).nullish(),
});
export type SsoProtocolsInput = z.infer<typeof SsoProtocolsInput>;

export const SsoIssuer = ssoUrl('issuer');

/** `POST` enable. `client_id: null` enables without one; an absent or null secret means none is set. */
export const SsoEnableBody = z.object({
  identifier: SsoIssuer,
  client_id: SsoClientId.nullable(),
  client_secret: SsoClientSecret.nullish(),
  protocols: SsoProtocolsInput.optional(),
});
export type SsoEnableBody = z.infer<typeof SsoEnableBody>;

/**
 * `PATCH`: an absent field keeps what is stored; `null` removes the client ID or the secret.
 * `protocols`, when given, replaces the stored endpoints as a whole (the form sends them all).
 */
export const SsoUpdateBody = z.object({
  identifier: SsoIssuer.optional(),
  client_id: SsoClientId.nullish(),
  client_secret: SsoClientSecret.nullish(),
  protocols: SsoProtocolsInput.nullish(),
});
export type SsoUpdateBody = z.infer<typeof SsoUpdateBody>;

/**
 * Why an OpenID discovery failed, for the form to say so. `not_https` covers the issuer typed and
 * any endpoint the document names; `invalid_issuer` is any other problem with the issuer typed.
 */
export const SsoDiscoveryFailure = z.enum([
  'invalid_issuer',
  'not_https',
  'unreachable',
  'timed_out',
  'http_status',
  'redirected',
  'too_large',
  'not_json',
  'invalid_document',
  'issuer_mismatch',
]);
export type SsoDiscoveryFailure = z.infer<typeof SsoDiscoveryFailure>;
