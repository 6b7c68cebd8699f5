import type { PageInfo } from '../../../shared/api/common';
import { silentLogger, type Logger } from '../../log';
import { UnexpectedResponseError } from './errors';

export interface Page<T> {
  items: T[];
  page_info: PageInfo;
}

export interface PaginateOptions {
  /** Where to start; undefined is the first page. */
  after?: string;
  /** A bound in case a server hands out endless fresh cursors. */
  maxPages?: number;
  logger?: Logger;
}

export const DEFAULT_MAX_PAGES = 1_000;

/**
 * Walks a cursor list forward, one page per step, passing each page's `end_cursor` as
 * the next `after`. A server that repeats a cursor (or claims a next page without one, or
 * never ends) would make this loop forever; the walk fails then rather than pass a partial
 * list off as the whole one (a connection test would report a wrong count).
 */
export async function* paginate<P extends Page<unknown>>(
  fetchPage: (after: string | undefined) => Promise<P>,
  options: PaginateOptions = {},
): AsyncGenerator<P, void, undefined> {
  const logger = options.logger ?? silentLogger;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new Set<string>();
  let after = options.after;
  if (after !== undefined) seen.add(after);

  for (let pages = 1; ; pages += 1) {
    const page = await fetchPage(after);
    yield page;
    if (!page.page_info.has_next_page) return;
    const next = page.page_info.end_cursor ?? undefined;
    const problem =
      next === undefined
        ? 'a page says more follow but gives no cursor'
        : seen.has(next)
          ? 'the server repeated a page cursor'
          : pages >= maxPages
            ? `the list is longer than ${maxPages} pages`
            : undefined;
    if (problem !== undefined) {
      logger.warn('api.pagination_stopped', { reason: problem, pages });
      throw new UnexpectedResponseError(`Unexpected response: ${problem}, so the list cannot be read completely`, {
        status: 200,
      });
    }
    seen.add(next!);
    after = next;
  }
}

/** Every item of every page, in order. */
export async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.items);
  return items;
}
