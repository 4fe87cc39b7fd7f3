/**
 * Wire styles: how a paginated list looks on the wire (parameters, limits,
 * envelope, errors, rate-limit headers) for the Zoom, X and Link-header
 * styles. Used by the server adapter to write responses and by the client to
 * read them.
 *
 * @module
 */

export type { LinkEndpoint } from './link.js';
export {
  LINK_PAGE_SIZE,
  link,
  linkEndpoint,
  linkEndpoints,
  readLinkRateLimit,
  readLinkRels,
} from './link.js';
export { formatLinkHeader, parseLinkHeader } from './link-header.js';
export { parsePageSizeParam } from './page-size-param.js';
export type { ProblemContext } from './problem-from-error.js';
export { problemFromError, TOKEN_ERROR_CODES } from './problem-from-error.js';
export {
  headerNumber,
  headerValue,
  MAX_ECHO_LENGTH,
  parseIntegerParam,
  parseRetryAfter,
  queryNames,
  queryValues,
  searchParamsOf,
  truncateEcho,
} from './query-input.js';
export { isStyleProblemError, StyleProblemError } from './style-problem-error.js';
export type * from './types.js';
export type { FormatContext, WireStyle } from './wire-style.js';
export { isoMillis, isoSeconds } from './wire-time.js';
export type { XEndpoint, XEndpointKind, XMetaKey } from './x.js';
export {
  readXRateLimit,
  X_NOT_FOUND_STATUS,
  X_SEARCH_ACCEPTS_PAGINATION_TOKEN,
  X_SEARCH_PAGE_SIZE,
  X_SEARCH_RECENT_PARAMS,
  X_TIMELINE_PAGE_SIZE,
  X_TOKEN_PARAMS,
  X_USER_TWEETS_APP_LIMIT,
  X_USERS_PAGE_SIZE,
  X_WINDOW_MS,
  x,
  xEndpoints,
  xTokenParamForPath,
} from './x.js';
export type { ZoomCategory, ZoomEndpoint } from './zoom.js';
export {
  readZoomRateLimit,
  ZOOM_INVALID_TOKEN_CODE,
  ZOOM_LIST_MEETINGS_CATEGORY,
  ZOOM_OVERSIZED_PAGE_SIZE,
  ZOOM_PAGE_NUMBER_PARAM,
  ZOOM_PAGE_SIZE,
  ZOOM_QPS_RETRY_AFTER,
  ZOOM_TOKEN_PARAM,
  zoom,
  zoomEndpoint,
  zoomEndpoints,
} from './zoom.js';
