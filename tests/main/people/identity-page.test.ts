import { describe, expect, it } from 'vitest';
import type { IdentityListResponse } from '../../../src/shared/api/identities';
import { UnexpectedResponseError } from '../../../src/main/api';
import { identityPage } from '../../../src/main/people/identity-page';

const identity = {
  id: 'u1',
  type: 'user' as const,
  email: 'ada@example.com',
  role: 'org_member' as const,
  source: 'https://accounts.google.com',
  status: 'active' as const,
  created_at: '2026-01-05T09:00:00.000Z',
  updated_at: '2026-01-05T09:00:00.000Z',
};

function response(hasNext: boolean, endCursor: string | null, totalCount?: number): IdentityListResponse {
  return {
    items: [identity],
    page_info: { has_next_page: hasNext, has_prev_page: false, start_cursor: 'c0', end_cursor: endCursor },
    pagination: {
      after_cursor: endCursor,
      before_cursor: null,
      ...(totalCount === undefined ? {} : { total_count: totalCount }),
    },
  };
}

describe('identityPage', () => {
  it('gives the next cursor and the total while more pages follow', () => {
    expect(identityPage(response(true, 'c1', 42))).toEqual({ items: [identity], nextCursor: 'c1', totalCount: 42 });
  });

  it('gives no cursor on the last page, even when the server repeats one', () => {
    expect(identityPage(response(false, 'c1'))).toEqual({ items: [identity] });
  });

  it('refuses a page that says more follow without a cursor, rather than end the list early', () => {
    expect(() => identityPage(response(true, null))).toThrow(UnexpectedResponseError);
  });
});
