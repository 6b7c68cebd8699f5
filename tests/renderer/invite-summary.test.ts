import { describe, expect, it } from 'vitest';
import { INVITE_ROW_STATUSES, type InviteRowStatus } from '../../src/renderer/src/lib/people/invite-batch.svelte';
import { resultSummary, reviewSummary, statusLabel } from '../../src/renderer/src/lib/people/invite-summary';

const counts = (some: Partial<Record<InviteRowStatus, number>>) => ({
  ...(Object.fromEntries(INVITE_ROW_STATUSES.map((status) => [status, 0])) as Record<InviteRowStatus, number>),
  ...some,
});

describe('the review line', () => {
  it('says how many go out and how many are left out', () => {
    expect(reviewSummary(counts({ ready: 1000 }))).toBe('1,000 to send');
    expect(reviewSummary(counts({ ready: 3, invalid: 1, duplicate: 1 }))).toBe('3 to send · 1 invalid · 1 duplicate');
    expect(reviewSummary(counts({ invalid: 2, duplicate: 2 }))).toBe('0 to send · 2 invalid · 2 duplicates');
  });
});

describe('the results line', () => {
  it('counts the answers while sending', () => {
    expect(resultSummary(counts({ sent: 10, failed: 2, sending: 4, ready: 984, invalid: 1 }), true)).toBe(
      'Sending… 12 of 1,000 answered',
    );
  });

  it('names every outcome once done, leaving out those that did not occur', () => {
    expect(
      resultSummary(
        counts({ sent: 2, already_member: 1, already_invited: 1, failed: 1, maybe_sent: 1, not_sent: 3, duplicate: 1 }),
        false,
      ),
    ).toBe(
      'Done: 2 sent · 1 already a member · 1 already invited · 1 failed · 1 may have been sent · 3 not sent · 1 left out (invalid or duplicate)',
    );
    expect(resultSummary(counts({}), false)).toBe('Nothing was sent');
  });
});

it('labels a ready row by whether the batch has started', () => {
  expect(statusLabel('ready', false)).toBe('To send');
  expect(statusLabel('ready', true)).toBe('Waiting');
  expect(INVITE_ROW_STATUSES.map((status) => statusLabel(status, true))).toEqual([
    'Waiting',
    'Invalid',
    'Left out',
    'Sending…',
    'Sent',
    'Already a member',
    'Already invited',
    'Failed',
    'May have been sent',
    'Not sent',
  ]);
});
