import type { z } from 'zod';
import type { IpcResult } from '../../../src/shared/ipc/result';
import { stringLeaves } from './zod-shapes';

/**
 * Values the app must refuse by name (`invalid_input` with a field error), whatever the rest of
 * the payload holds: what cannot travel in an HTTP header, be stored by a keychain, reach a
 * path segment, or be shown as a name. Written from what the app promises, not from its schemas,
 * so a schema that lets one through fails here.
 */
type Rule = (value: string) => string | undefined;

const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
/** Override, embedding and isolate controls: they reorder what is shown around them. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** Characters that draw nothing: whitespace, controls, zero-width and bidi characters. */
const INVISIBLE = /[\s\p{Cc}\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
/** RFC 6750 `b64token`, what a bearer token may be. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
export const MAX_BASE_URL_LENGTH = 2048;

const name: Rule = (value) => {
  if (value.replace(INVISIBLE, '') === '') return 'has no visible character';
  if (BIDI_CONTROL.test(value)) return 'holds a bidi control character';
  return undefined;
};

const RULES: Record<string, Rule> = {
  name,
  baseUrl(value) {
    if (value.length > MAX_BASE_URL_LENGTH) return `is longer than ${MAX_BASE_URL_LENGTH} characters`;
    const url = URL.parse(value.trim());
    if (url && (url.username !== '' || url.password !== '')) return 'carries a user name or password';
    return undefined;
  },
  token(value) {
    const token = value.trim();
    // Empty means "keep the stored token" in an edit; a new profile refuses it anyway.
    return token !== '' && !B64TOKEN.test(token) ? 'is not an RFC 6750 b64token' : undefined;
  },
  clientSecret(value) {
    const secret = value.trim();
    if (CONTROL.test(secret)) return 'holds a control character';
    if (LONE_SURROGATE.test(secret)) return 'holds a lone surrogate the keychain would change';
    return undefined;
  },
  clientId(value) {
    return CONTROL.test(value.trim()) ? 'holds a control character' : undefined;
  },
  orgId(value) {
    const id = value.trim();
    if (id === '.' || id === '..') return 'is a dot segment';
    if (LONE_SURROGATE.test(id)) return 'holds a lone surrogate';
    return undefined;
  },
};

/** The fields this policy judges, wherever they appear in a channel's input. */
export const POLICED_FIELDS: ReadonlySet<string> = new Set(Object.keys(RULES));

export interface DueRefusal {
  /** Where zod would report it, e.g. `draft.token`. */
  path: string;
  field: string;
  value: string;
  reason: string;
}

export function refusalsDue(schema: z.ZodType, payload: unknown): DueRefusal[] {
  return stringLeaves(schema, payload).flatMap((leaf) => {
    const reason = RULES[leaf.key]?.(leaf.value);
    return reason === undefined ? [] : [{ path: leaf.path, field: leaf.key, value: leaf.value, reason }];
  });
}

/** `value` quoted with every character outside printable ASCII escaped, so invisible ones show. */
export function escaped(value: string, max = 80): string {
  const body = value
    .slice(0, max)
    .replace(/[^\x20-\x7e]|["\\]/g, (c) =>
      c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  return value.length > max ? `"${body}…" (${value.length} chars)` : `"${body}"`;
}

/** Refused as bad input, with a field error that names the field (its full path or its own name). */
export function refusedByName(answer: IpcResult<unknown>, due: DueRefusal): boolean {
  if (answer.ok || answer.error.kind !== 'invalid_input') return false;
  return (answer.error.fields ?? []).some(
    (issue) => issue.path === due.path || issue.path.split('.').at(-1) === due.field,
  );
}
