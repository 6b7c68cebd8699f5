import type { Permissions } from '../../../shared/api/common';
import type { Logger } from '../../log';
import { collect, paginate, type Page, type PaginateOptions } from '../core/paginate';

export interface ListAllResponse<T> {
  items: T[];
  /** List-level permissions (e.g. `invitations.create`), from the first page. */
  permissions?: Permissions;
}

/** Every page, in order, keeping the first page's list-level permissions. */
export async function listAll<T>(
  fetchPage: (after: string | undefined) => Promise<Page<T> & { permissions?: Permissions }>,
  options: Pick<PaginateOptions, 'maxPages'> & { logger: Logger },
): Promise<ListAllResponse<T>> {
  let permissions: Permissions | undefined;
  const pages = paginate(
    async (after) => {
      const page = await fetchPage(after);
      permissions ??= page.permissions;
      return page;
    },
    { maxPages: options.maxPages, logger: options.logger },
  );
  const items = await collect(pages);
  return permissions === undefined ? { items } : { items, permissions };
}
