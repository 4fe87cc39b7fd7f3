/**
 * The Zoom REST v2 wire style (WIRE.md §1): `page_size` / `next_page_token`
 * (and legacy `page_number`), the `{ page_count, page_size, total_records,
 * next_page_token, <items> }` envelope, `{ code, message }` errors and the
 * `X-RateLimit-*` headers.
 *
 * @module
 */
export {
  ZOOM_LIST_MEETINGS_CATEGORY,
  ZOOM_OVERSIZED_PAGE_SIZE,
  ZOOM_PAGE_NUMBER_PARAM,
  ZOOM_PAGE_SIZE,
  ZOOM_TOKEN_PARAM,
  ZOOM_USERS_PAGE_SIZE,
  type ZoomCategory,
  type ZoomEndpoint,
  zoomEndpoint,
  zoomEndpoints,
} from './zoom-endpoints.js';
export { formatZoomPage, ZOOM_JSON } from './zoom-envelope.js';
export { formatZoomProblem, ZOOM_INVALID_TOKEN_CODE } from './zoom-problems.js';
export {
  readZoomRateLimit,
  ZOOM_DAILY_CAPS,
  ZOOM_QPS_RETRY_AFTER,
  ZOOM_RATES,
  type ZoomPlan,
  zoomRateLimitHeaders,
  zoomRateLimitRules,
} from './zoom-rate-limit.js';
export { readZoomPage } from './zoom-read-page.js';
export { parseZoomRequest } from './zoom-request.js';
export {
  zoomErrorSchema,
  zoomPageSchema,
  zoomQuerySchema,
  zoomResponseSchemas,
} from './zoom-schemas.js';
export { zoom } from './zoom-style.js';
