import type {
  PageParams,
  PageReading,
  PageView,
  QueryInput,
  RateLimitState,
  ResponseLike,
  StyleEndpoint,
  StyleProblem,
  StyleResponse,
} from './types.js';

/** Request context some styles need to write a page (the Link style builds URLs from it). */
export interface FormatContext {
  /** The request URL: absolute, or path plus query (`/items?per_page=10`). */
  readonly url?: string;
}

/**
 * One wire style: data plus a few pure functions, used by the server (to
 * parse requests and write pages and errors) and by the client (to read
 * pages). `E` is the style's endpoint description.
 */
export interface WireStyle<E extends StyleEndpoint = StyleEndpoint> {
  /** Style name: `zoom`, `x` or `link`. */
  readonly name: string;
  /** Name of the page-size query parameter. */
  readonly pageSizeParam: string;
  /**
   * True when a client may change the page size in the middle of a walk, so
   * the page size is left out of the query fingerprint a token is bound to.
   */
  readonly pageSizeMayChange: boolean;
  /** Query parameters that carry a page token on `endpoint` (first is the canonical one). */
  tokenParams(endpoint: E): readonly string[];
  /** Query parameters that only move through the list (token, page number), left out of the fingerprint. */
  pagingParams(endpoint: E): readonly string[];
  /**
   * Reads the paging parameters of a request by the endpoint's rules.
   * @throws {StyleProblemError} `invalid_parameter` or `invalid_token` for bad values.
   */
  parseRequest(query: QueryInput, endpoint: E): PageParams;
  /** Writes one page: status 200, the envelope, and any paging headers. */
  formatPage<T>(page: PageView<T>, endpoint: E, context?: FormatContext): StyleResponse;
  /** Writes a failure in the style's own status, content type and body. */
  formatProblem(problem: StyleProblem, endpoint?: E): StyleResponse;
  /** Rate-limit headers for a bucket state (added to every response, and to the 429). */
  rateLimitHeaders(state: RateLimitState): Readonly<Record<string, string>>;
  /** Reads a response of this style: items, where to go next, rate limits, error. */
  readPage<T = unknown>(response: ResponseLike, endpoint?: E, now?: number): PageReading<T>;
}
