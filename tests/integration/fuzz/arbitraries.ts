import fc from 'fast-check';
import { LONG_STRINGS, NASTY_STRINGS, SECRET_INFIXES, UNKNOWN_UUIDS } from './nasty-strings';
import { withOwnKeys, type ShapeSources } from './zod-shapes';

/** What the fuzzer aims at: everything here is on this machine. */
export interface FuzzTargets {
  /** The embedded sandbox, e.g. `http://127.0.0.1:40123`. */
  sandboxUrl: string;
  /** A loopback port nothing listens on. */
  closedPortUrl: string;
  /** Profiles that exist right now. */
  profileIds: readonly string[];
  /** IDs and labels of the sandbox's organizations. */
  orgRefs: readonly string[];
  /** A seeded sandbox login and an access token it was given. */
  clientId: string;
  clientSecret: string;
  token: string;
}

/** One nasty string, or two or three glued together, or any code points at all. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...NASTY_STRINGS), { minLength: 2, maxLength: 3 }).map((p) => p.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) },
);

const hex16 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 16 });
/** What marks a secret this run made up (`SECRET_MARK`); the hex part keeps each one distinct. */
const secretCore = hex16.map((hex) => `fz${hex}`);
const infix = fc.constantFrom(...SECRET_INFIXES);

/** A made-up client secret, sometimes with a character no header or keychain takes. */
export const generatedSecret: fc.Arbitrary<string> = fc
  .tuple(infix, secretCore, infix)
  .map(([before, core, after]) => `${before}${core}-s3cr3t${after}`);

/** A made-up access token shaped like a JWT, sometimes with a character HTTP cannot carry inside. */
export const generatedToken: fc.Arbitrary<string> = fc
  .tuple(secretCore, infix)
  .map(([core, inside]) => `eyJhbGciOiJIUzI1NiJ9.${core}${inside}.c2lnbmF0dXJl`);

/** Base URLs that reach only this machine: the sandbox or a closed port, spelled in several ways. */
function loopbackUrls(targets: FuzzTargets): string[] {
  const sandbox = new URL(targets.sandboxUrl);
  const closed = new URL(targets.closedPortUrl);
  return [
    targets.sandboxUrl,
    `${targets.sandboxUrl}/`,
    `${targets.sandboxUrl}/api`,
    `  ${targets.sandboxUrl}  `,
    `HTTP://127.0.0.1:${sandbox.port}`,
    `http://127.1:${sandbox.port}`,
    `http://localhost:${sandbox.port}`,
    `http://[::1]:${sandbox.port}`,
    `https://127.0.0.1:${sandbox.port}`,
    targets.closedPortUrl,
    `http://localhost:${closed.port}`,
  ];
}

/** Base URLs that validation must refuse: passwords, other schemes, plain HTTP elsewhere, no host, overlong. */
function hostileUrls(targets: FuzzTargets): fc.Arbitrary<string> {
  const port = new URL(targets.sandboxUrl).port;
  const withPassword = secretCore.chain((core) =>
    fc.constantFrom(
      `http://admin:${core}@127.0.0.1:${port}`,
      `http://${core}@127.0.0.1:${port}`,
      `http://admin:${core}@localhost:${port}/api`,
    ),
  );
  const fixed = fc.constantFrom(
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'ftp://127.0.0.1/',
    'ws://127.0.0.1:1',
    'http://example.com',
    'http://169.254.169.254/latest/meta-data',
    'http://127.0.0.1.nip.io',
    'https://',
    'http://',
    '//127.0.0.1',
    '127.0.0.1:4010',
    'http:/127.0.0.1',
    'http://[::1',
    'http://127.0.0.1:99999',
    'http://127.0.0.1\u0000.example.com',
    `http://127.0.0.1:${port}/${'a'.repeat(2100)}`,
    `http://127.0.0.1:${port}/${'a'.repeat(20_000)}`,
  );
  return fc.oneof(withPassword, fixed);
}

/** Strings for a field by its key: mostly hostile, sometimes right, so calls also get past validation. */
export function fieldStrings(targets: FuzzTargets): ShapeSources['string'] {
  const existingIds = fc.constantFrom(...targets.profileIds);
  const uuids = fc.oneof(existingIds, fc.constantFrom(...UNKNOWN_UUIDS), fc.uuid());
  // Cross-shrinking lets a counterexample's other fields shrink back to the first, sound, choice.
  const of = (...parts: Array<fc.Arbitrary<string>>) => fc.oneof({ withCrossShrink: true }, ...parts, nastyString);
  const byKey: Record<string, fc.Arbitrary<string>> = {
    id: of(existingIds, uuids),
    profileId: of(existingIds, existingIds, uuids),
    name: of(fc.constantFrom('Fuzzed', '  padded  ', 'Ünïcødé 名前 🔑', 'a'.repeat(80), 'b'.repeat(255))),
    baseUrl: of(fc.constantFrom(...loopbackUrls(targets)), hostileUrls(targets)),
    color: of(fc.constantFrom('#2563eb', '#ABCDEF', '#000000')),
    clientId: of(fc.constant(targets.clientId)),
    clientSecret: of(fc.constant(targets.clientSecret), generatedSecret),
    token: of(fc.constant(targets.token), generatedToken),
    orgId: of(fc.constantFrom(...targets.orgRefs), fc.constantFrom(...UNKNOWN_UUIDS)),
  };
  return (key, format) => byKey[key] ?? (format === 'uuid' ? of(uuids) : nastyString);
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** An object that would pollute a prototype if something merged it carelessly. */
const pollutant = fc.constantFrom<unknown>(
  { polluted: 'yes' },
  { prototype: { polluted: 'yes' } },
  { toString: 'not a function' },
  'polluted',
);

/** Own `__proto__` / `constructor` / `prototype` keys for a schema-shaped object. */
export const prototypeKeys: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(fc.constantFrom(...PROTOTYPE_KEYS), { minLength: 1, maxLength: 3 })
  .chain((keys) => fc.tuple(...keys.map(() => pollutant)).map((values) => toOwnRecord(keys, values)));

function toOwnRecord(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  return withOwnKeys({}, Object.fromEntries(keys.map((key, i) => [key, values[i]])));
}

export function shapeSources(targets: FuzzTargets): ShapeSources {
  return {
    string: fieldStrings(targets),
    wrong: fc.oneof(nastyString, fc.constantFrom<unknown>(null, 0, true, [], {})),
    extraKeys: prototypeKeys,
  };
}

/** Deep enough to break naive recursion, shallow enough for structured clone (about 1,000 levels) to copy. */
const DEPTH = 800;

function nested(wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < DEPTH; i++) value = wrap(value);
  return value;
}

/** Prints as `label` in a counterexample instead of megabytes (structured clone drops symbol keys). */
function labelled<T extends object>(value: T, label: string): T {
  return Object.assign(value, { [fc.toStringMethod]: () => label });
}

/** Huge or deep values, built once: alone, or held by one of the channel's keys. */
function monsters(keys: readonly string[]): fc.Arbitrary<unknown> {
  const values: Array<[string, () => unknown]> = [
    [`${DEPTH} nested objects`, () => nested((inner) => ({ a: inner }))],
    [`${DEPTH} nested arrays`, () => nested((inner) => [inner])],
    ['20,000 keys', () => Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))],
    ['100,000 items', () => Array.from({ length: 100_000 }, (_, i) => i)],
    ['1 MB string', () => 'x'.repeat(1_000_000)],
  ];
  const built = values.map(([label, build]) => ({ label, value: build() }));
  return fc
    .tuple(fc.constantFrom(...built), fc.option(fc.constantFrom(...(keys.length > 0 ? keys : ['value']))))
    .map(([{ label, value }, key]) =>
      key === null
        ? typeof value === 'object' && value !== null
          ? labelled(value, label)
          : labelled({ value }, `{ value: ${label} }`)
        : labelled(withOwnKeys({}, { [key]: value }), `{ ${key}: ${label} }`),
    );
}

/**
 * Anything a page could send through structured clone: JSON-ish values, Maps, Sets, dates, typed
 * and sparse arrays, null-prototype objects, `__proto__` keys, the channel's own keys with nasty
 * values, and the occasional huge or deeply nested value.
 */
export function anyPayload(keys: readonly string[], targets: FuzzTargets): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.string() },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    ...(keys.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...keys) }] : []),
  );
  const values = [
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.bigInt(),
    fc.constant(null),
    fc.constant(undefined),
    fc.string({ unit: 'binary', maxLength: 40 }),
    nastyString,
    fc.constantFrom(...targets.profileIds, ...targets.orgRefs),
  ];
  const anything = fc.anything({
    key,
    values,
    maxDepth: 4,
    maxKeys: 6,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
  });
  return fc.oneof({ weight: 30, arbitrary: anything }, { weight: 1, arbitrary: monsters(keys) });
}

/** The optional third argument of a call: a call ID, usually absent, sometimes anything. */
export const callIdArgument: fc.Arbitrary<unknown> = fc.option(fc.oneof(fc.uuid(), fc.anything({ maxDepth: 2 })), {
  nil: undefined,
  freq: 3,
});
