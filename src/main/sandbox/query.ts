import { parse } from 'node:querystring';
import { badRequest } from './errors';

/** A parsed query string: repeated keys stay arrays (`expand=a&expand=b`). */
export type Query = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Fastify's query parser. `node:querystring` keeps repeated keys as arrays and
 * percent-decodes keys, so `expand%5B%5D=permissions` arrives as `expand[]`.
 */
export function parseQueryString(raw: string): Record<string, unknown> {
  return parse(raw);
}

export function readQuery(value: unknown): Query {
  if (value === null || typeof value !== 'object') return {};
  const query: Record<string, string | readonly string[] | undefined> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') query[key] = entry;
    else if (Array.isArray(entry)) query[key] = entry.filter((v): v is string => typeof v === 'string');
  }
  return query;
}

/** A parameter that must appear at most once; a repeated one is a client bug worth a 400. */
export function singleParam(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || typeof value === 'string') return value;
  if (value.length === 1) return value[0];
  throw badRequest(`Query parameter "${name}" must be given once`, 'invalid_parameter');
}
