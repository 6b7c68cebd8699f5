import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Reads the contract's zod input schemas, so every channel (a new one included) gets values of
 * its own shape without a table to keep in step. Only the parts of zod 4's `def` the walk needs.
 */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: readonly z.ZodType[];
  discriminator?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
  element?: z.ZodType;
  format?: string;
  checks?: ReadonlyArray<{ _zod: { def: { check: string; minimum?: number; maximum?: number } } }>;
}

/** An array's own length bounds (split view's panes: one to two beside the first), as a shape keeps them. */
function lengthBounds(def: SchemaDef): { minLength: number; maxLength: number } {
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const min = checks.find((check) => check.check === 'min_length')?.minimum ?? 0;
  const max = checks.find((check) => check.check === 'max_length')?.maximum ?? Infinity;
  return { minLength: Math.min(min, 4), maxLength: Math.max(Math.min(max, 4), Math.min(min, 4)) };
}

function defOf(schema: z.ZodType): SchemaDef {
  return schema.def as unknown as SchemaDef;
}

/** What a pipe is checked against first: its input, or after `z.preprocess` (a transform first), its output. */
function pipedFrom(def: SchemaDef): z.ZodType {
  return defOf(def.in!).type === 'transform' ? def.out! : def.in!;
}

/** Wrappers whose inner schema decides the shape. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

export interface ShapeSources {
  /** Strings for a field, chosen by its key (and zod string format, e.g. `uuid`). */
  string(key: string, format: string | undefined): fc.Arbitrary<string>;
  /** Now and then in place of an enum or literal, so a wrong discriminator is tried too. */
  wrong: fc.Arbitrary<unknown>;
  /** Own keys a hostile page adds to an object (`__proto__`, `constructor`…). */
  extraKeys: fc.Arbitrary<Record<string, unknown>>;
}

export class NoShapeGeneratorError extends Error {}

/**
 * Values of `schema`'s shape whose strings come from `sources`. A field with a default is always
 * given: left out, it would take its default, and the default base URL is a real server.
 */
export function shapedArbitrary(
  schema: z.ZodType,
  sources: ShapeSources,
  where: string,
  key = '',
): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'object': {
      const shape = def.shape ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const requiredKeys: string[] = [];
      for (const [name, field] of Object.entries(shape)) {
        model[name] = shapedArbitrary(field, sources, `${where}.${name}`, name);
        if (defOf(field).type !== 'optional') requiredKeys.push(name);
      }
      return (
        fc
          .tuple(fc.record(model, { requiredKeys }), fc.option(sources.extraKeys, { freq: 6 }))
          // A copy: fast-check keeps `record` to shrink from, and it must not keep the extra keys.
          .map(([record, extra]) => (extra ? withOwnKeys({ ...record }, extra) : record))
      );
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => shapedArbitrary(option, sources, where, key)));
    case 'pipe':
      return shapedArbitrary(pipedFrom(def), sources, where, key);
    case 'string':
      return sources.string(key, def.format);
    case 'literal':
      return rightOrWrong(fc.constantFrom(...(def.values ?? [])), sources);
    case 'enum':
      return rightOrWrong(fc.constantFrom(...Object.values(def.entries ?? {})), sources);
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.NaN, -0, Number.POSITIVE_INFINITY, 2 ** 53));
    case 'array':
      return fc.array(shapedArbitrary(def.element!, sources, `${where}[]`, key), lengthBounds(def));
    default:
      if (WRAPPERS.has(def.type)) {
        const inner = shapedArbitrary(def.innerType!, sources, where, key);
        if (def.type === 'optional') return fc.option(inner, { nil: undefined, freq: 6 });
        if (def.type === 'nullable') return fc.option(inner, { nil: null, freq: 6 });
        return inner;
      }
      throw new NoShapeGeneratorError(`${where}: the fuzzer has no shape generator for zod type "${def.type}"`);
  }
}

function rightOrWrong(right: fc.Arbitrary<unknown>, sources: ShapeSources): fc.Arbitrary<unknown> {
  return fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: right }, { weight: 1, arbitrary: sources.wrong });
}

/** Adds keys as own data properties, so `__proto__` is a key and not the prototype. */
export function withOwnKeys<T extends object>(target: T, extra: Record<string, unknown>): T {
  for (const name of Object.keys(extra)) {
    Object.defineProperty(target, name, { value: extra[name], enumerable: true, writable: true, configurable: true });
  }
  return target;
}

/** Every key an object of the schema can have, for arbitrary objects to hit now and then. */
export function keysOf(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type === 'object') {
    return Object.entries(def.shape ?? {}).flatMap(([name, field]) => [name, ...keysOf(field)]);
  }
  if (def.type === 'union') return (def.options ?? []).flatMap(keysOf);
  if (def.type === 'pipe') return keysOf(pipedFrom(def));
  if (WRAPPERS.has(def.type)) return keysOf(def.innerType!);
  if (def.type === 'array') return keysOf(def.element!);
  return [];
}

export interface StringLeaf {
  /** Where zod reports the field, e.g. `draft.token`. */
  path: string;
  key: string;
  value: string;
}

/**
 * The string fields of `value` that `schema` checks one by one: where the value leaves the
 * schema's structure (no object, no matching union option), zod reports the structure instead.
 */
export function stringLeaves(schema: z.ZodType, value: unknown, path: readonly string[] = []): StringLeaf[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (!isRecord(value)) return [];
      return Object.entries(def.shape ?? {}).flatMap(([name, field]) =>
        Object.hasOwn(value, name) ? stringLeaves(field, value[name], [...path, name]) : [],
      );
    }
    case 'union': {
      const option = matchingOption(def, value);
      return option ? stringLeaves(option, value, path) : [];
    }
    case 'pipe':
      return stringLeaves(pipedFrom(def), value, path);
    case 'array':
      // An element's field is named by its key: `tabs.0.orgId` is an `orgId`.
      return Array.isArray(value)
        ? value.flatMap((item: unknown, index) => stringLeaves(def.element!, item, [...path, String(index)]))
        : [];
    case 'string':
      return typeof value === 'string' ? [{ path: path.join('.'), key: path.at(-1) ?? '', value }] : [];
    default:
      if (WRAPPERS.has(def.type) && value !== undefined && value !== null) {
        return stringLeaves(def.innerType!, value, path);
      }
      return [];
  }
}

/** The one union option `value` is meant for: by discriminator, else the only one whose required keys it has. */
function matchingOption(def: SchemaDef, value: unknown): z.ZodType | undefined {
  if (!isRecord(value)) return undefined;
  const options = def.options ?? [];
  if (def.discriminator !== undefined) {
    const tag = value[def.discriminator];
    return options.find((option) => discriminatorValues(option, def.discriminator!).includes(tag));
  }
  const candidates = options.filter((option) => requiredKeysOf(option).every((name) => Object.hasOwn(value, name)));
  return candidates.length === 1 ? candidates[0] : undefined;
}

function discriminatorValues(option: z.ZodType, discriminator: string): unknown[] {
  const field = defOf(option).shape?.[discriminator];
  if (!field) return [];
  const def = defOf(field);
  if (def.type === 'literal') return [...(def.values ?? [])];
  if (def.type === 'enum') return Object.values(def.entries ?? {});
  return [];
}

function requiredKeysOf(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type !== 'object') return [];
  return Object.entries(def.shape ?? {})
    .filter(([, field]) => !['optional', 'default', 'prefault'].includes(defOf(field).type))
    .map(([name]) => name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
