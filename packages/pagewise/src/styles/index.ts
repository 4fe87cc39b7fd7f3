/**
 * Wire styles: how a paginated list looks on the wire (parameters, limits,
 * envelope, errors, rate-limit headers and quotas, schemas, and a strict
 * page reader) for the Zoom, X and Link-header styles, one folder each.
 * Used by the server adapter to write responses and by the client to read
 * them.
 *
 * @module
 */
export * from './link/index.js';
export {
  isMalformedPageError,
  MalformedPageError,
} from './malformed-page-error.js';
export { parsePageSizeParam } from './page-size-param.js';
export type { ProblemContext } from './problem-from-error.js';
export { problemFromError } from './problem-from-error.js';
export {
  headerNumber,
  headerValue,
  MAX_ECHO_LENGTH,
  parseIntegerParam,
  parseRetryAfter,
  queryNames,
  queryValues,
  searchParamsOf,
  singleValue,
  truncateEcho,
} from './query-input.js';
export { isStyleProblemError, StyleProblemError } from './style-problem-error.js';
export type * from './types.js';
export type { FormatContext, RateLimitRuleOptions, WireStyle } from './wire-style.js';
export { isoMillis, isoSeconds } from './wire-time.js';
export * from './x/index.js';
export * from './zoom/index.js';
