import { z } from 'zod';

/** Keycard IDs: 26-char nanoids in practice; the schema allows 1..255. */
export const Id = z.string().min(1).max(255);

/** RFC 3986 unreserved characters: nanoids and DNS labels are made of these and nothing else. */
const UNRESERVED = /^[A-Za-z0-9._~-]+$/;

/**
 * An ID (or label) the app puts into a request path, refused by name unless it is one plain
 * segment: unreserved characters only, and not a dot-segment, which a URL would resolve away.
 */
export function pathId(what: string) {
  return z
    .string()
    .trim()
    .min(1, { message: `The ${what} is missing`, abort: true })
    .max(255, { message: `The ${what} can be at most 255 characters`, abort: true })
    .superRefine((value, ctx) => {
      const problem =
        value === '.' || value === '..'
          ? `The ${what} cannot be "." or ".."`
          : UNRESERVED.test(value)
            ? undefined
            : `The ${what} may only contain letters, digits and - . _ ~`;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** ISO 8601 timestamp in UTC, as every `*_at` field is sent. */
export const Timestamp = z.iso.datetime({ offset: true });

/** `{ "<resource type>": { "<permission>": boolean } }`, present when `expand[]=permissions`. */
export const Permissions = z.record(z.string(), z.record(z.string(), z.boolean()));
export type Permissions = z.infer<typeof Permissions>;

/** Cursor pagination as the seeds define it (the partial OpenAPI says `has_previous_page`; the seeds win). */
export const PageInfo = z.object({
  has_next_page: z.boolean(),
  has_prev_page: z.boolean(),
  start_cursor: z.string().min(1).max(255).nullish(),
  end_cursor: z.string().min(1).max(255).nullish(),
});
export type PageInfo = z.infer<typeof PageInfo>;

/** The list envelope shared by every paginated resource. */
export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page_info: PageInfo,
    permissions: Permissions.optional(),
  });
}

export const ListParams = z.object({
  after: z.string().min(1).max(255).optional(),
  before: z.string().min(1).max(255).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});
export type ListParams = z.infer<typeof ListParams>;

export const ExpandValue = z.enum(['permissions', 'total_count']);
export type ExpandValue = z.infer<typeof ExpandValue>;

/** Error body of every non-2xx answer. */
export const ErrorBody = z.object({
  message: z.string(),
  code: z.string(),
  status: z.number().int(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Answer of `/service-account-token` and of the organization token exchange. */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().nonnegative().optional(),
  refresh_token: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const REQUEST_ID_HEADER = 'x-client-request-id';
