import type { z } from 'zod';
import { unprocessable } from './errors';

/**
 * Parses a request body with the same schema the app's client validates with
 * before sending, so the sandbox rejects exactly what the client should never send.
 * An absent body counts as `{}`: every field of the bodies so far is optional.
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
  throw unprocessable(`${where}${issue?.message ?? 'Invalid request body'}`);
}

/** A description that is empty once trimmed means none. */
export function descriptionOf(given: string | undefined): string | undefined {
  return given === '' ? undefined : given;
}

/** In a PATCH an empty description clears it, as `null` does; absent keeps it. */
export function descriptionPatch(given: string | null | undefined): string | null | undefined {
  return given === '' ? null : given;
}
