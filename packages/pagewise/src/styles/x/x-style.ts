import type { WireStyle } from '../wire-style.js';
import type { XEndpoint } from './x-endpoints.js';
import { formatXPage } from './x-envelope.js';
import { formatXProblem } from './x-problems.js';
import { xRateLimitHeaders, xRateLimitRules } from './x-rate-limit.js';
import { readXPage } from './x-read-page.js';
import { parseXRequest } from './x-request.js';
import { xQuerySchema, xResponseSchemas } from './x-schemas.js';

/**
 * The X API v2 style. Page size `max_results` (limits per endpoint, out of
 * range is a 400), token `pagination_token` (search: `next_token`), meta keys
 * per endpoint, `includes` for expansions, problem-JSON errors and
 * `x-rate-limit-*` headers on every response; quotas per endpoint and app or
 * user.
 */
export const x: WireStyle<XEndpoint> = /* @__PURE__ */ Object.freeze({
  name: 'x',
  pageSizeParam: 'max_results',
  // X clients (twitter-api-v2, tweepy) may change max_results between pages.
  pageSizeMayChange: true,
  tokenParams: (endpoint: XEndpoint) => endpoint.tokenParams,
  pagingParams: (endpoint: XEndpoint) => endpoint.tokenParams,
  parseRequest: parseXRequest,
  formatPage: formatXPage,
  formatProblem: formatXProblem,
  rateLimitHeaders: xRateLimitHeaders,
  rateLimitRules: (endpoint: XEndpoint, options?: { readonly auth?: 'app' | 'user' }) =>
    xRateLimitRules(endpoint, options?.auth),
  querySchema: xQuerySchema,
  responseSchemas: xResponseSchemas,
  readPage: <T>(response: Parameters<typeof readXPage>[0]) => readXPage<T>(response),
});
