import type { WireStyle } from '../wire-style.js';
import { ZOOM_PAGE_NUMBER_PARAM, ZOOM_TOKEN_PARAM, type ZoomEndpoint } from './zoom-endpoints.js';
import { formatZoomPage } from './zoom-envelope.js';
import { formatZoomProblem } from './zoom-problems.js';
import { zoomRateLimitHeaders, zoomRateLimitRules } from './zoom-rate-limit.js';
import { readZoomPage } from './zoom-read-page.js';
import { parseZoomRequest } from './zoom-request.js';
import { zoomQuerySchema, zoomResponseSchemas } from './zoom-schemas.js';

/**
 * The Zoom style. Page size `page_size` (1–300, default 30, clamped above
 * 300), token `next_page_token` (empty means none), legacy `page_number`
 * on endpoints that have it, `{ code, message }` errors and `X-RateLimit-*`
 * headers; quotas per account and category.
 */
export const zoom: WireStyle<ZoomEndpoint> = /* @__PURE__ */ Object.freeze({
  name: 'zoom',
  pageSizeParam: 'page_size',
  // Keyset tokens do not depend on the page size; Zoom clients that change
  // it between pages keep working. Legacy page numbers are OFFSET-based but
  // are not tokens, so this only concerns tokens.
  pageSizeMayChange: true,
  tokenParams: () => [ZOOM_TOKEN_PARAM],
  pagingParams: (endpoint: ZoomEndpoint) =>
    endpoint.legacyPageNumber ? [ZOOM_TOKEN_PARAM, ZOOM_PAGE_NUMBER_PARAM] : [ZOOM_TOKEN_PARAM],
  parseRequest: parseZoomRequest,
  formatPage: formatZoomPage,
  formatProblem: formatZoomProblem,
  rateLimitHeaders: zoomRateLimitHeaders,
  rateLimitRules: (endpoint: ZoomEndpoint) => zoomRateLimitRules(endpoint.category),
  querySchema: zoomQuerySchema,
  responseSchemas: zoomResponseSchemas,
  readPage: readZoomPage,
});
