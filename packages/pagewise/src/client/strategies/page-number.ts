import { ZOOM_PAGE_NUMBER_PARAM } from '../../styles/zoom/zoom-endpoints.js';
import type { Cursor } from '../cursor.js';
import { getPath, isObject } from '../json-path.js';
import type { Strategy, StrategyContext } from '../strategy.js';
import { malformed } from './malformed.js';

/** Options of {@link pageNumber}. */
export interface PageNumberOptions {
  /** @default ZOOM_PAGE_NUMBER_PARAM (`'page_number'`) */
  readonly pageParam?: string;
  /** Body path of the number of pages. @default 'page_count' */
  readonly pageCountPath?: string;
  /** Body path of the total item count. @default 'total_records' */
  readonly totalPath?: string;
  /** Body path of the page size (used with the total when the page count is missing). @default 'page_size' */
  readonly pageSizePath?: string;
}

/**
 * Legacy page numbers (Zoom `page_number`/`page_count`/`total_records`): the
 * walk ends when the page number reaches the page count. Pages can be fetched
 * in parallel once the count is known.
 */
export function pageNumber(options: PageNumberOptions = {}): Strategy {
  const pageParam = options.pageParam ?? ZOOM_PAGE_NUMBER_PARAM;
  const pageCountPath = options.pageCountPath ?? 'page_count';
  const totalPath = options.totalPath ?? 'total_records';
  const pageSizePath = options.pageSizePath ?? 'page_size';

  const pageOf = (cursor: Cursor, url: URL): number => {
    const raw = cursor.params?.[pageParam] ?? url.searchParams.get(pageParam) ?? '1';
    const n = Number(raw);
    return Number.isInteger(n) && n >= 1 ? n : 1;
  };
  const pageCount = (context: StrategyContext): number => {
    if (!isObject(context.body)) throw malformed(context, 'body is not a JSON object');
    const count = getPath(context.body, pageCountPath);
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0) return count;
    const total = getPath(context.body, totalPath);
    const size = getPath(context.body, pageSizePath);
    if (typeof total === 'number' && typeof size === 'number' && size > 0) {
      return Math.ceil(total / size);
    }
    throw malformed(context, `"${pageCountPath}" is missing or not a whole number`);
  };
  const cursor = (n: number): Cursor => ({ params: { [pageParam]: String(n) } });

  return {
    name: 'page-number',
    cursorParams: [pageParam],
    next(context) {
      const current = pageOf(context.cursor, context.url);
      const count = pageCount(context);
      return { next: current < count ? cursor(current + 1) : null };
    },
    total(body) {
      const total = getPath(body, totalPath);
      return typeof total === 'number' ? total : undefined;
    },
    random: { pageCount, cursor, pageOf },
  };
}
