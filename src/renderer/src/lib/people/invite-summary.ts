import type { InviteRowStatus } from './invite-batch.svelte';

/** What each row's status reads as, before sending (`ready`: to send) and after (`ready`: waiting its turn). */
export function statusLabel(status: InviteRowStatus, sending: boolean): string {
  switch (status) {
    case 'ready':
      return sending ? 'Waiting' : 'To send';
    case 'invalid':
      return 'Invalid';
    case 'duplicate':
      // The message says which line it repeats, or that this window already sent it.
      return 'Left out';
    case 'sending':
      return 'Sending…';
    case 'sent':
      return 'Sent';
    case 'already_member':
      return 'Already a member';
    case 'already_invited':
      return 'Already invited';
    case 'failed':
      return 'Failed';
    case 'maybe_sent':
      return 'May have been sent';
    case 'not_sent':
      return 'Not sent';
  }
}

type Counts = Readonly<Record<InviteRowStatus, number>>;

/** Digits grouped as the English around them expect ("1,000"), whatever the system's locale. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** The review's line: what will go out and what will not. */
export function reviewSummary(counts: Counts): string {
  return [
    `${formatCount(counts.ready)} to send`,
    counts.invalid > 0 ? `${formatCount(counts.invalid)} invalid` : undefined,
    counts.duplicate > 0 ? plural(counts.duplicate, 'duplicate', 'duplicates') : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The results' status line, read out as it changes: progress while sending, then each outcome with its count. */
export function resultSummary(counts: Counts, running: boolean): string {
  const attempted =
    counts.sent +
    counts.already_member +
    counts.already_invited +
    counts.failed +
    counts.maybe_sent +
    counts.not_sent +
    counts.sending +
    counts.ready;
  const parts = [
    counts.sent > 0 ? `${formatCount(counts.sent)} sent` : undefined,
    counts.already_member > 0 ? `${formatCount(counts.already_member)} already a member` : undefined,
    counts.already_invited > 0 ? `${formatCount(counts.already_invited)} already invited` : undefined,
    counts.failed > 0 ? `${formatCount(counts.failed)} failed` : undefined,
    counts.maybe_sent > 0 ? `${formatCount(counts.maybe_sent)} may have been sent` : undefined,
    counts.not_sent > 0 ? `${formatCount(counts.not_sent)} not sent` : undefined,
    counts.invalid + counts.duplicate > 0
      ? `${formatCount(counts.invalid + counts.duplicate)} left out (invalid or duplicate)`
      : undefined,
  ].filter(Boolean);
  if (running) {
    const done = attempted - counts.sending - counts.ready;
    return `Sending… ${formatCount(done)} of ${formatCount(attempted)} answered`;
  }
  return parts.length > 0 ? `Done: ${parts.join(' · ')}` : 'Nothing was sent';
}
