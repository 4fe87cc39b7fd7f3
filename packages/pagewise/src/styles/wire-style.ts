import type {
  JsonSchema,
  PageParams,
  PageReading,
  PageView,
  QueryInput,
  RateLimitRule,
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

/** Who a request's quota is counted for, where a style's limits depend on it. */
export interface RateLimitRuleOptions {
  /** Whose token the request carries: an app (X Bearer token) or a user. @default 'app' */
  readonly auth?: 'app' | 'user';
}

/**
 * One wire style: data plus a few pure functions, used by the server (to
 * parse requests, write pages and errors, count quotas and describe routes)
 * and by the client (to read pages). `E` is the style's endpoint
 * description. Everything that differs between styles is here, so server
 * and client code never asks which style it has.
 */
export interface WireStyle<E extends StyleEndpoint = StyleEndpoint> {
  /** Style name: `zoom`, `x` or `link` (for logs and documentation, never for decisions). */
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
  /** The API's quotas for one request to `endpoint`, for the server's rate limiter. */
  rateLimitRules(endpoint: E, options?: RateLimitRuleOptions): readonly RateLimitRule[];
  /** The paging query parameters as a JSON Schema object (other properties allowed). */
  querySchema(endpoint: E): JsonSchema;
  /**
   * Response schemas by status: the page around `item`, and the style's
   * error bodies. `related` describes the objects items refer to, for styles
   * that carry them (X's `includes`: `users`, `tweets`).
   */
  responseSchemas(
    endpoint: E,
    item: JsonSchema,
    related?: Readonly<Record<string, JsonSchema>>,
  ): Readonly<Record<number, JsonSchema>>;
  /**
   * Reads a response of this style, strictly: items, where to go next, rate
   * limits, or the error. Never guesses: a 2xx that is not a page of this
   * style throws.
   *
   * @param endpoint - where the items are, for styles that need it
   * @param now - the clock, for `Retry-After` in seconds
   * @throws {MalformedPageError} for a 2xx body of the wrong shape
   */
  readPage<T = unknown>(response: ResponseLike, endpoint?: E, now?: number): PageReading<T>;
}
