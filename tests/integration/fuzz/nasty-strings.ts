/**
 * Strings that have broken a parser, a path, an HTTP header, a keychain, a terminal or a layout
 * somewhere. Short fragments, so the fuzzer can also glue a few together.
 */
export const NASTY_STRINGS: readonly string[] = [
  // empty and whitespace-only
  '',
  ' ',
  '   ',
  '\t',
  '\t\n ',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\u2029',
  // control characters
  '\u0000',
  'a\u0000b',
  '\r\n',
  'x\r\nX-Injected: 1',
  '\n',
  '\u0007',
  '\u001b[31mred',
  '\u007f',
  '\u0085',
  '\u009b',
  // lone surrogates
  '\ud800',
  'a\udc00b',
  '\udfff',
  'x\ud83d',
  // zero-width and invisible
  '\u200b',
  ' \u200b ',
  '\u200b\u200c\u200d\u2060\ufeff',
  'a\u200bb',
  '\u00ad',
  '\u2063',
  // bidi controls
  '\u202egnp.exe',
  '\u202a\u202b\u202c\u202d\u202e',
  '\u2066x\u2069',
  '\u200f\u200e',
  // emoji and combining marks
  '🔑',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\u0301',
  'Z\u0351\u0352\u0353\u0354\u0355',
  'ﬁ',
  'K',
  'İ',
  // dot segments and path tricks
  '.',
  '..',
  '...',
  '../../etc',
  '../../../etc/passwd',
  '..%2f..%2fetc',
  '%2e%2e',
  '%2e',
  '%00',
  '%',
  '%zz',
  '/',
  '//',
  '\\..\\..\\windows',
  '?a=b',
  '#frag',
  ';',
  '~',
  // prototype names and JS-ish words
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  'true',
  '0',
  '-1',
  // markup and injection
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '${7*7}',
  '{{7*7}}',
  '`whoami`',
  // auth-ish
  'Bearer ',
  'Basic Og==',
  'sandbox:embedded',
];

/** Over every field limit the contract has (80, 255, 2048, 4096, 16384) and well past them. */
export const LONG_STRINGS: readonly string[] = [
  'a'.repeat(81),
  'a'.repeat(256),
  'a'.repeat(2049),
  'a'.repeat(4097),
  'b'.repeat(16_385),
  '🔑'.repeat(50_000),
  'x'.repeat(1_000_000),
];

/** Valid UUIDs that name nothing here. */
export const UNKNOWN_UUIDS: readonly string[] = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '7c9e6679-7425-40de-944b-e07fc1f90ae7',
];

/** Whatever marks a generated secret; nothing else the app says or logs looks like it. */
export const SECRET_MARK = /fz[0-9a-f]{16}/;

/** Sandwiched into generated secrets and tokens: what HTTP headers and keychains choke on. */
export const SECRET_INFIXES: readonly string[] = [
  '',
  '',
  '\u200b',
  '\u0000',
  '\r\n',
  '\n',
  ' ',
  '\t',
  '🔑',
  '\ud800',
  '\u202e',
  'é',
  '\u007f',
];
