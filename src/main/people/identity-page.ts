import type { IdentityListResponse } from '../../shared/api/identities';
import type { IdentityPage } from '../../shared/ipc/people';
import { UnexpectedResponseError } from '../api';

/** The API's page as the People table loads it: the cursor of the next page, if any, and the count. */
export function identityPage(response: IdentityListResponse): IdentityPage {
  const page: IdentityPage = { items: response.items };
  if (response.page_info.has_next_page) {
    const next = response.page_info.end_cursor ?? response.pagination.after_cursor;
    // Without a cursor the table would stop early and pass the rows it has off as all of them.
    if (!next) {
      throw new UnexpectedResponseError('Unexpected response: a page says more follow but gives no cursor', {
        status: 200,
      });
    }
    page.nextCursor = next;
  }
  if (response.pagination.total_count !== undefined) page.totalCount = response.pagination.total_count;
  if (response.permissions !== undefined) page.permissions = response.permissions;
  return page;
}
