/**
 * The X API v2 wire style (WIRE.md §2): `max_results` with per-endpoint
 * limits (rejected when out of range), `pagination_token` / `next_token`,
 * the `{ data, includes, meta }` envelope with per-endpoint `meta` keys,
 * problem-JSON errors and the `x-rate-limit-*` headers.
 *
 * @module
 */
export {
  X_SEARCH_ACCEPTS_PAGINATION_TOKEN,
  X_SEARCH_PAGE_SIZE,
  X_SEARCH_RECENT_PARAMS,
  X_TIMELINE_PAGE_SIZE,
  X_TOKEN_PARAMS,
  X_USER_TWEETS_APP_LIMIT,
  X_USERS_PAGE_SIZE,
  X_WINDOW_MS,
  type XEndpoint,
  type XEndpointKind,
  type XMetaKey,
  xEndpoints,
  xTokenParamForPath,
} from './x-endpoints.js';
export { formatXPage, formatXResource, X_JSON } from './x-envelope.js';
export { formatXProblem, X_NOT_FOUND_STATUS } from './x-problems.js';
export { readXRateLimit, xRateLimitHeaders, xRateLimitRules } from './x-rate-limit.js';
export { readXPage } from './x-read-page.js';
export { parseXRequest } from './x-request.js';
export {
  xInvalidRequestSchema,
  xPageSchema,
  xProblemSchema,
  xQuerySchema,
  xResponseSchemas,
} from './x-schemas.js';
export { x } from './x-style.js';
