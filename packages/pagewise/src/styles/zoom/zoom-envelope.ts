import type { PageView, StyleResponse } from '../types.js';
import { ZOOM_TOKEN_PARAM, type ZoomEndpoint } from './zoom-endpoints.js';

/** Zoom's JSON content type, as its responses spell it. */
export const ZOOM_JSON = 'application/json;charset=UTF-8';

/**
 * Writes one Zoom page: `{ [from, to,] page_count, [page_number,]
 * page_size, total_records, next_page_token, <items> }`, in the key order of
 * Zoom's documented example (WIRE.md §1.2); `next_page_token` is `""` on the
 * last page.
 */
export function formatZoomPage<T>(page: PageView<T>, endpoint: ZoomEndpoint): StyleResponse {
  const body: Record<string, unknown> = {};
  if (endpoint.dateRange && page.range !== undefined) {
    body['from'] = page.range.from;
    body['to'] = page.range.to;
  }
  if (page.totalRecords !== undefined) {
    // Used as the number of pages by Zoom's own loop (WIRE.md §1.2).
    body['page_count'] = Math.ceil(page.totalRecords / page.pageSize);
  }
  // Legacy endpoints answer page_number whenever it is known: asked for, or
  // the first page (no previous page). Zoom's own responses carry it, and a
  // page-number loop that reads it back must not see it vanish on page 1.
  // Pages reached by token have no known number, so they carry none.
  const pageNumber = page.pageNumber ?? (page.previousToken === undefined ? 1 : undefined);
  if (endpoint.legacyPageNumber && pageNumber !== undefined) {
    body['page_number'] = pageNumber;
  }
  body['page_size'] = page.pageSize;
  if (page.totalRecords !== undefined) body['total_records'] = page.totalRecords;
  body[ZOOM_TOKEN_PARAM] = page.nextToken ?? '';
  body[endpoint.itemsKey] = page.items;
  return { status: 200, headers: { 'content-type': ZOOM_JSON }, body };
}
