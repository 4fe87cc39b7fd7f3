import type { WireStyle } from '../wire-style.js';
import type { LinkEndpoint } from './link-endpoint.js';
import { formatLinkPage } from './link-envelope.js';
import { formatLinkProblem } from './link-problems.js';
import { linkRateLimitHeaders, linkRateLimitRules } from './link-rate-limit.js';
import { readLinkPage } from './link-read-page.js';
import { parseLinkRequest } from './link-request.js';
import { linkQuerySchema, linkResponseSchemas } from './link-schemas.js';

/**
 * The Link-header style (GitHub-like). `per_page` (1–100, default 30, cut to
 * 100 above), `page` or a cursor parameter, a JSON array body, a `Link`
 * header, `x-ratelimit-*` headers and `retry-after` seconds on a 429.
 */
export const link: WireStyle<LinkEndpoint> = /* @__PURE__ */ Object.freeze({
  name: 'link',
  pageSizeParam: 'per_page',
  pageSizeMayChange: true,
  tokenParams: (endpoint: LinkEndpoint) =>
    endpoint.mode === 'cursor' ? [endpoint.cursorParam] : [],
  pagingParams: (endpoint: LinkEndpoint) =>
    endpoint.mode === 'cursor' ? [endpoint.cursorParam] : [endpoint.pageParam],
  parseRequest: parseLinkRequest,
  formatPage: formatLinkPage,
  formatProblem: formatLinkProblem,
  rateLimitHeaders: linkRateLimitHeaders,
  rateLimitRules: () => linkRateLimitRules(),
  querySchema: linkQuerySchema,
  responseSchemas: linkResponseSchemas,
  readPage: readLinkPage,
});
