import type { QueryClient } from '@tanstack/svelte-query';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { OrganizationRole } from '../../../../shared/api/users';
import type { OrgRef } from '../../../../shared/ipc/organizations';
import type { IpcError } from '../../../../shared/ipc/result';
import type { InviteEntry, InviteEntryStatus } from '../../../../shared/people/invite-list';
import { CallScope, isCancelled } from '../ipc/cancellable';
import { toIpcError } from '../ipc/ipc-failure';
import { isOutcomeUnknown } from '../services/orgs.service';
import { inviteOne, peopleChanged } from '../services/people.service';

export type InviteRowStatus =
  InviteEntryStatus | 'sending' | 'sent' | 'already_member' | 'already_invited' | 'failed' | 'maybe_sent' | 'not_sent';

export const INVITE_ROW_STATUSES: readonly InviteRowStatus[] = [
  'ready',
  'invalid',
  'duplicate',
  'sending',
  'sent',
  'already_member',
  'already_invited',
  'failed',
  'maybe_sent',
  'not_sent',
];

/** One address of the batch and what became of it. */
export interface InviteRow {
  readonly line: number;
  readonly email: string;
  readonly role: OrganizationRole | undefined;
  /** The role as the paste gave it, for a row whose role is unknown. */
  readonly roleText: string;
  status: InviteRowStatus;
  /** Why the row is not sent, or what the server answered. */
  message: string | undefined;
  /** The failed call's error (status, code, request ID where the server saw it), for support. */
  error: IpcError | undefined;
}

/** Under the row's "May have been sent". */
export const MAYBE_SENT_MESSAGE = 'Check the people list before sending it again.';
const CANCELLED_MESSAGE = 'Not sent: cancelled before it went out.';

/** How many invitations are in flight at once: quick for a long list without crowding the server. */
export const INVITE_CONCURRENCY = 4;

/** Answers after which the address may exist on the server: it is never sent again from this batch. */
const CLAIMING = new Set<InviteRowStatus>(['sending', 'sent', 'maybe_sent']);
const RETRYABLE = new Set<InviteRowStatus>(['failed', 'not_sent']);

export interface InviteBatchOptions {
  ref: OrgRef;
  queryClient: QueryClient;
  concurrency?: number;
}

/**
 * Sends invitations a few at a time and keeps, per address, what happened. One failure does
 * not stop the others; Cancel stops what is in flight and leaves the rest `not_sent`; only
 * `failed` and `not_sent` rows are sent again by `retryFailed`. An address that was sent, or
 * may have been, is never sent again by this batch, whatever is loaded later.
 */
export class InviteBatch {
  readonly #ref: OrgRef;
  readonly #queryClient: QueryClient;
  readonly #concurrency: number;
  readonly #scope = new CallScope();
  /** Addresses (without case) that are in flight, sent or maybe sent, and what is known of each. */
  readonly #claimed = new SvelteMap<string, InviteRowStatus>();
  #rows = $state<InviteRow[]>([]);
  #running = $state(false);
  #stopping = false;

  readonly counts: Readonly<Record<InviteRowStatus, number>> = $derived.by(() => {
    const counts = Object.fromEntries(INVITE_ROW_STATUSES.map((status) => [status, 0])) as Record<
      InviteRowStatus,
      number
    >;
    for (const row of this.#rows) counts[row.status] += 1;
    return counts;
  });

  constructor(options: InviteBatchOptions) {
    this.#ref = options.ref;
    this.#queryClient = options.queryClient;
    this.#concurrency = Math.max(1, options.concurrency ?? INVITE_CONCURRENCY);
  }

  get rows(): readonly InviteRow[] {
    return this.#rows;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Rows `retryFailed` would send again. */
  get retryable(): number {
    return this.counts.failed + this.counts.not_sent;
  }

  /**
   * Replaces the rows with a reviewed list (ignored while sending). A ready address this batch
   * already sent, or may have, is held back here rather than sent twice; so is a repeat within the list.
   */
  load(entries: readonly InviteEntry[]): void {
    if (this.#running) return;
    const seen = new SvelteSet<string>();
    this.#rows = entries.map((entry) => {
      const row: InviteRow = {
        line: entry.line,
        email: entry.email,
        role: entry.role,
        roleText: entry.roleText,
        status: entry.status,
        message: entry.problem,
        error: undefined,
      };
      if (entry.status !== 'ready') return row;
      const key = entry.email.toLowerCase();
      const earlier = this.#claimed.get(key);
      if (earlier !== undefined) {
        return {
          ...row,
          status: 'duplicate',
          message:
            earlier === 'sent'
              ? 'Already sent from this window.'
              : 'May already have been sent from this window — check the list before sending again.',
        };
      }
      if (seen.has(key)) return { ...row, status: 'duplicate', message: 'Repeated in this list.' };
      seen.add(key);
      return row;
    });
  }

  /** Sends every ready row. */
  send(): Promise<void> {
    return this.#run(this.#rows.filter((row) => row.status === 'ready'));
  }

  /** Sends the failed and not-sent rows again; sent and maybe-sent ones stay as they are. */
  retryFailed(): Promise<void> {
    return this.#run(this.#rows.filter((row) => RETRYABLE.has(row.status)));
  }

  /** Stops the calls in flight; what was not picked up yet stays `not_sent`. */
  cancel(): void {
    if (!this.#running) return;
    this.#stopping = true;
    this.#scope.cancelAll();
  }

  async #run(targets: InviteRow[]): Promise<void> {
    if (this.#running || targets.length === 0) return;
    this.#running = true;
    this.#stopping = false;
    for (const row of targets) {
      row.status = 'ready';
      row.message = undefined;
      row.error = undefined;
    }
    let next = 0;
    const worker = async () => {
      while (!this.#stopping && next < targets.length) {
        await this.#sendOne(targets[next++]!);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.#concurrency, targets.length) }, worker));
    } finally {
      for (const row of targets.slice(next)) {
        row.status = 'not_sent';
        row.message = CANCELLED_MESSAGE;
      }
      this.#running = false;
      // Whatever went out (or may have) shows in the people list without a manual refresh.
      if (next > 0) void peopleChanged(this.#queryClient, this.#ref);
    }
  }

  async #sendOne(row: InviteRow): Promise<void> {
    const key = row.email.toLowerCase();
    const role = row.role;
    if (role === undefined || this.#claimed.has(key)) {
      // Unreachable through load(), which holds these back; kept so no path can send twice.
      row.status = 'duplicate';
      row.message = 'Already sent from this window.';
      return;
    }
    this.#claimed.set(key, 'sending');
    row.status = 'sending';
    try {
      await this.#scope.run((signal) => inviteOne(this.#ref, row.email, role, signal));
      row.status = 'sent';
    } catch (error) {
      Object.assign(row, outcomeOf(error));
    }
    if (CLAIMING.has(row.status)) this.#claimed.set(key, row.status);
    else this.#claimed.delete(key);
  }
}

type Outcome = Pick<InviteRow, 'status' | 'message' | 'error'>;

/** What a failed invite means for its row. */
function outcomeOf(failure: unknown): Outcome {
  const error = toIpcError(failure);
  // First: a cancel that came after the request went out is `cancelled` too, with this code.
  if (isOutcomeUnknown(failure)) return { status: 'maybe_sent', message: MAYBE_SENT_MESSAGE, error };
  if (isCancelled(failure)) return { status: 'not_sent', message: CANCELLED_MESSAGE, error: undefined };
  if (error.status === 409 && (error.code === 'already_member' || error.code === 'already_invited')) {
    return { status: error.code, message: error.message, error };
  }
  // Main checks the address with the same schema as the review did; if it still refuses, say which rule.
  const message = error.kind === 'invalid_input' ? (error.fields?.[0]?.message ?? error.message) : error.message;
  return { status: 'failed', message, error };
}
