/**
 * The Link-header wire style, GitHub-like (WIRE.md §3): the body is a JSON
 * array, paging is in an RFC 8288 `Link` header (`prev`, `next`, `last`,
 * `first`), `per_page` and `page` (or a cursor parameter), and GitHub's
 * `x-ratelimit-*` headers.
 *
 * @module
 */
export { LINK_PAGE_SIZE, type LinkEndpoint, linkEndpoint, linkEndpoints } from './link-endpoint.js';
export { formatLinkPage, LINK_JSON } from './link-envelope.js';
export { formatLinkHeader, parseLinkHeader } from './link-header.js';
export { formatLinkProblem } from './link-problems.js';
export { linkRateLimitHeaders, linkRateLimitRules, readLinkRateLimit } from './link-rate-limit.js';
export { readLinkPage, readLinkRels } from './link-read-page.js';
export { parseLinkRequest } from './link-request.js';
export {
  linkErrorSchema,
  linkPageSchema,
  linkQuerySchema,
  linkResponseSchemas,
} from './link-schemas.js';
export { link } from './link-style.js';
