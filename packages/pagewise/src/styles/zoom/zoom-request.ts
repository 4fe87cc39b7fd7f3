import { parsePageSizeParam } from '../page-size-param.js';
import { parseIntegerParam, queryValues, truncateEcho } from '../query-input.js';
import { StyleProblemError } from '../style-problem-error.js';
import type { PageParams, QueryInput } from '../types.js';
import { ZOOM_PAGE_NUMBER_PARAM, ZOOM_TOKEN_PARAM, type ZoomEndpoint } from './zoom-endpoints.js';

/**
 * Reads Zoom's paging parameters: `page_size` (clamped above the maximum),
 * `next_page_token` (empty means none: Zoom's own sample loops send
 * `next_page_token=` on the first call) and, on legacy endpoints,
 * `page_number`.
 */
export function parseZoomRequest(query: QueryInput, endpoint: ZoomEndpoint): PageParams {
  const { pageSize, clamped } = parsePageSizeParam(query, 'page_size', endpoint.pageSize);
  // Two different tokens get Zoom's "invalid token" error, not a parameter error.
  const tokens = [...new Set(queryValues(query, ZOOM_TOKEN_PARAM).filter((t) => t !== ''))];
  if (tokens.length > 1) {
    throw new StyleProblemError({
      kind: 'invalid_token',
      param: ZOOM_TOKEN_PARAM,
      value: truncateEcho(tokens.join(',')),
      reason: 'repeated',
    });
  }
  const token = tokens[0];
  if (token !== undefined) {
    return { pageSize, clamped, token, tokenParam: ZOOM_TOKEN_PARAM };
  }
  if (!endpoint.legacyPageNumber) return { pageSize, clamped };
  const numbers = queryValues(query, ZOOM_PAGE_NUMBER_PARAM);
  if (numbers.length === 0) return { pageSize, clamped };
  const n = numbers.length === 1 ? parseIntegerParam(numbers[0] ?? '') : undefined;
  if (n === undefined || n < 1 || !Number.isSafeInteger(n)) {
    throw new StyleProblemError({
      kind: 'invalid_parameter',
      param: ZOOM_PAGE_NUMBER_PARAM,
      values: numbers.map(truncateEcho),
      fault: numbers.length > 1 ? 'repeated' : n === undefined ? 'not_a_number' : 'out_of_range',
      min: 1,
    });
  }
  return { pageSize, clamped, pageNumber: n };
}
