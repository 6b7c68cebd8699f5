/**
 * The main process's logger. Lines carry an event name and context. Before anything is written,
 * values under credential key names are replaced, and credential-shaped text is replaced wherever
 * it appears (an error message, a URL, a nested array), so a careless call site cannot leak a
 * secret into a log file.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, event: string, context?: LogContext): void;
  debug(event: string, context?: LogContext): void;
  info(event: string, context?: LogContext): void;
  warn(event: string, context?: LogContext): void;
  error(event: string, context?: LogContext): void;
}

export const REDACTED = '[redacted]';

/**
 * Key names whose values are credentials, compared exactly once case and `-` / `_` are
 * dropped (`client_secret`, `clientSecret`, `Client-Secret`): `secretReplaced` or `tokenTtl`
 * say something about a secret without being one.
 */
const SECRET_KEYS = new Set([
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'bearertoken',
  'sessiontoken',
  'password',
  'passwd',
  'passphrase',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'apikey',
  'xapikey',
  'privatekey',
  'credential',
  'credentials',
  'clientassertion',
]);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** `Bearer <token>` / `Basic <base64>`, the scheme kept so the line still says which was sent. */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)([A-Za-z0-9\-._~+/]+=*)/gi;
/** An English word after the scheme ("bearer token", "Basic authentication") is prose, not a credential. */
const WORD = /^[A-Z]?[a-z]+$/;
/** A JWT (Keycard's access tokens are JWTs): base64url JSON header, payload, optional signature. */
const JWT = /\beyJ[\w-]*\.[\w-]+(?:\.[\w-]*)?/g;
/** What the sandbox issues: `sks_` client secrets (sandbox/random.ts) and `sbx_` tokens (sandbox/resources/tokens/store.ts). */
const PREFIXED_SECRET = /\b(?:sks|sbx)_[\w-]+/g;
/** The key of `client_secret=…` in a form body or query, or of `"access_token": "…"` in JSON text. */
const KEY = /(?<![\w-])("?)([A-Za-z][\w-]{0,63})\1(\s*[=:]\s*)/g;
/** The value after a credential key: a JSON string, or everything up to the next delimiter. */
const VALUE = /"(?:[^"\\]|\\.)*"|[^\s"&,;}\]#]+/y;

/** Replaces credential-shaped parts of free text: patterns that run in one pass each. */
export function redactText(text: string): string {
  const schemes = text.replace(AUTH_SCHEME, (match, scheme: string, space: string, credential: string) =>
    WORD.test(credential) ? match : `${scheme}${space}${REDACTED}`,
  );
  return redactPairs(schemes).replace(JWT, REDACTED).replace(PREFIXED_SECRET, REDACTED);
}

/**
 * Replaces the values of credential keys. Only those values are consumed: any other key's
 * value is read on, since `https:` or `failed:` looks like a key and the URL or text after it
 * can hold `?access_token=…`. Each character is read a bounded number of times.
 */
function redactPairs(text: string): string {
  let out = '';
  let copied = 0;
  KEY.lastIndex = 0;
  for (let match = KEY.exec(text); match; match = KEY.exec(text)) {
    const [pair, quote = '', key = '', separator = ''] = match;
    // A bare `key: value` is prose or a field issue ("clientSecret: too_small"); only `=` and quoted JSON keys count.
    if (!isSecretKey(key) || (quote === '' && !separator.includes('='))) continue;
    VALUE.lastIndex = match.index + pair.length;
    const value = VALUE.exec(text)?.[0];
    if (value === undefined) continue;
    out += text.slice(copied, VALUE.lastIndex - value.length) + (value.startsWith('"') ? `"${REDACTED}"` : REDACTED);
    copied = VALUE.lastIndex;
    KEY.lastIndex = copied;
  }
  return out + text.slice(copied);
}

/** Deeper than this, a context is cut off: a self-referencing or runaway structure still makes one short line. */
const MAX_DEPTH = 8;

export function redact(context: LogContext): LogContext {
  return redactEntries(context, 0, [context]);
}

function redactEntries(object: object, depth: number, ancestors: readonly object[]): LogContext {
  const out: LogContext = {};
  for (const [key, value] of Object.entries(object)) {
    out[key] = isSecretKey(key) ? REDACTED : redactValue(value, depth + 1, ancestors);
  }
  return out;
}

function redactValue(value: unknown, depth: number, ancestors: readonly object[]): unknown {
  if (typeof value === 'string') return redactText(value);
  // JSON.stringify throws on a bigint, and a log call must never throw.
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  // Only an ancestor makes a cycle; the same object twice side by side is logged twice.
  if (ancestors.includes(value)) return '[circular]';
  if (depth > MAX_DEPTH) return '[too deep]';
  const path = [...ancestors, value];
  try {
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return {
        name: value.name,
        message: redactText(value.message),
        ...(typeof code === 'string' ? { code } : {}),
        ...(value.cause === undefined ? {} : { cause: redactValue(value.cause, depth + 1, path) }),
      };
    }
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, path));
    // Dates, URLs and the like log as their JSON form, which is then checked like any text.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return redactValue(toJSON.call(value), depth + 1, path);
    return redactEntries(value, depth, path);
  } catch {
    // A throwing getter or a revoked proxy: say so rather than lose the line.
    return '[unreadable]';
  }
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink, minLevel: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const threshold = order.indexOf(minLevel);
  const log = (level: LogLevel, event: string, context: LogContext = {}): void => {
    if (order.indexOf(level) < threshold) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...redact(context) }));
  };
  return {
    log,
    debug: (event, context) => log('debug', event, context),
    info: (event, context) => log('info', event, context),
    warn: (event, context) => log('warn', event, context),
    error: (event, context) => log('error', event, context),
  };
}

/** A logger that drops everything, for tests and tools that do not care. */
export const silentLogger: Logger = createLogger(() => {}, 'error');
