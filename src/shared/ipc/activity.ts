import { z } from 'zod';
import { pathId } from '../api/common';
import { ExportFormat } from './people';
import { ProfileId } from './profiles';

/** The most entries main keeps; the oldest go first. */
export const ACTIVITY_CAPACITY = 5000;

/** Why a request has no status: no answer came, or it was refused before it went out. */
export const ActivityFailure = z.enum(['timeout', 'network', 'cancelled', 'too_large', 'unsendable']);
export type ActivityFailure = z.infer<typeof ActivityFailure>;

/** An entry's ID: a sequence number, counting up from 1 for as long as the app runs. */
const EntryId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * One HTTP request main made to a Keycard API. Never a header value (the request ID aside) and
 * never a body; the path keeps its IDs, and its query keeps only values known to be harmless.
 */
export const ActivityEntry = z.object({
  id: EntryId,
  /** When the request began. */
  at: z.iso.datetime(),
  profileId: z.string(),
  profileName: z.string(),
  /** The organization the path is about, when it is about one. */
  orgId: z.string().optional(),
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
  path: z.string(),
  /** Absent when no answer came; `failure` then says why. */
  status: z.number().int().optional(),
  failure: ActivityFailure.optional(),
  ms: z.number().nonnegative(),
  /** How many sends of the same call came before this one (a retry, or a send after a refreshed token). */
  retry: z.number().int().nonnegative(),
  requestId: z.string(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

/** Which entries: every filter given must match. */
export const ActivityFilter = z.object({
  /** A status of 400 or more, or no answer at all. */
  errorsOnly: z.boolean().optional(),
  profileId: ProfileId.optional(),
  orgId: pathId('organization ID').optional(),
  /**
   * The same organization's label: the API takes it wherever it takes the ID, so a request
   * (an export names the file after it) may have named it either way. Matches alongside `orgId`.
   */
  orgLabel: pathId('organization label').optional(),
});
export type ActivityFilter = z.input<typeof ActivityFilter>;

export const ActivityListInput = ActivityFilter.extend({
  /** Only entries newer than this one: what a live view asks for after its first page. */
  afterId: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  /** Only entries older than this one: the next page down. */
  beforeId: EntryId.optional(),
  limit: z
    .number()
    .int({ message: 'The page size must be a whole number' })
    .min(1, { message: 'The page size must be at least 1' })
    .max(ACTIVITY_CAPACITY, { message: `The page size can be at most ${ACTIVITY_CAPACITY}` })
    .optional(),
});
export type ActivityListInput = z.input<typeof ActivityListInput>;

export const ActivityPage = z.object({
  /** Newest first. */
  entries: z.array(ActivityEntry),
  /** The newest entry recorded, whatever the filters (0 before the first): the next `afterId`. */
  latestId: z.number().int().nonnegative(),
  /** Whether older matching entries are left past this page. */
  more: z.boolean(),
});
export type ActivityPage = z.infer<typeof ActivityPage>;

export const ActivityExportInput = ActivityFilter.extend({ format: ExportFormat });
export type ActivityExportInput = z.input<typeof ActivityExportInput>;

/** `saved: false` when the save dialog was cancelled. */
export const ActivityExportResult = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(false) }),
  z.object({ saved: z.literal(true), path: z.string(), count: z.number().int().nonnegative() }),
]);
export type ActivityExportResult = z.infer<typeof ActivityExportResult>;

export const ActivityCleared = z.object({ cleared: z.number().int().nonnegative() });

/** A refusal or failure by the server (4xx, 5xx), or no answer at all: what "errors only" keeps. */
export function isActivityError(entry: Pick<ActivityEntry, 'status' | 'failure'>): boolean {
  return entry.failure !== undefined || (entry.status !== undefined && entry.status >= 400);
}

/**
 * Sent when requests were recorded: the newest entry's ID only, at most a few times a second
 * however many requests run. A view then asks `activity:list` for what is newer, with its filters.
 */
export const ActivityAppended = z.object({ latestId: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) });
export type ActivityAppended = z.infer<typeof ActivityAppended>;
