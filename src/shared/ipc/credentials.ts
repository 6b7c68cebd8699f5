import { z } from 'zod';
import { hasControlCharacter, isWellFormed } from '../text';

/**
 * Credentials as HTTP and the keychain can carry them. A value that cannot go into a header
 * would fail deep inside the HTTP client, and one the keychain would alter (NUL, unpaired
 * surrogates) would test fine and then fail once saved, so both are refused here, by field.
 * Messages name the field and the problem and never quote the value.
 */

/** RFC 6750 `b64token`: the only form a bearer token can take in an `Authorization` header. */
export const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export const CLIENT_ID_MAX = 255;
export const CLIENT_SECRET_MAX = 4096;
export const BEARER_TOKEN_MAX = 16384;

type Rule = (value: string) => string | undefined;

/** Checks `rule` on non-empty values: an empty optional secret means "keep the stored one". */
function refined(schema: z.ZodString, rule: Rule) {
  return schema.superRefine((value, ctx) => {
    const problem = value === '' ? undefined : rule(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

const clientIdProblem: Rule = (value) => {
  if (hasControlCharacter(value)) return 'The client ID cannot contain control characters such as tabs or line breaks';
  // HTTP Basic sends `id:secret`; the first colon ends the ID.
  if (value.includes(':')) return 'The client ID cannot contain a colon (:)';
  if (!isWellFormed(value)) return 'The client ID contains a broken character (an unpaired surrogate)';
  return undefined;
};

const clientSecretProblem: Rule = (value) => {
  if (hasControlCharacter(value))
    return 'The client secret cannot contain control characters such as NUL, tabs or line breaks';
  if (!isWellFormed(value)) return 'The client secret contains a broken character (an unpaired surrogate)';
  return undefined;
};

const bearerTokenProblem: Rule = (value) => {
  if (/^bearer\s/i.test(value)) return 'Paste the token without the word "Bearer" before it';
  if (B64TOKEN.test(value)) return undefined;
  if (/^[A-Za-z0-9\-._~+/=]+$/.test(value)) return 'The token may only have = signs at its end (RFC 6750)';
  return 'The token may only contain letters, digits and - . _ ~ + / (RFC 6750)';
};

const clientIdText = () =>
  z
    .string()
    .trim()
    .max(CLIENT_ID_MAX, { message: `The client ID can be at most ${CLIENT_ID_MAX} characters`, abort: true });
const clientSecretText = () =>
  z.string().max(CLIENT_SECRET_MAX, {
    message: `The client secret can be at most ${CLIENT_SECRET_MAX} characters`,
    abort: true,
  });
const bearerTokenText = () =>
  z
    .string()
    .trim()
    .max(BEARER_TOKEN_MAX, { message: `The token can be at most ${BEARER_TOKEN_MAX} characters`, abort: true });

export const ClientId = refined(
  clientIdText().min(1, { message: 'Enter the client ID', abort: true }),
  clientIdProblem,
);
export const ClientSecret = refined(
  clientSecretText().min(1, { message: 'Enter the client secret', abort: true }),
  clientSecretProblem,
);
export const BearerToken = refined(
  bearerTokenText().min(1, { message: 'Paste the bearer token', abort: true }),
  bearerTokenProblem,
);

/** In an edit, empty keeps the stored secret; anything else must be a secret like a new one. */
export const ClientSecretOrKeep = refined(clientSecretText(), clientSecretProblem);
export const BearerTokenOrKeep = refined(bearerTokenText(), bearerTokenProblem);
