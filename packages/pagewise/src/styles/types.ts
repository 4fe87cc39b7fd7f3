/**
 * Shared shapes of the wire styles: what a style reads from a request, what
 * it is given to write a page, what it writes, and what a client reads back.
 * Plain data only, so the server and the client can both use them without
 * pulling in any framework.
 *
 * @module
 */

/**
 * A query string in any of the forms the server side meets: a
 * `URLSearchParams`, or the object Fastify's (and most frameworks') parser
 * makes, where a repeated parameter becomes an array.
 */
export type QueryInput =
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Response headers in any of the forms a client meets: a fetch `Headers`
 * (anything with `get`), or a plain record (names in any case).
 */
export type HeaderInput =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** Page-size rules of one endpoint. */
export interface PageSizeLimits {
  /** Smallest accepted page size. */
  readonly min: number;
  /** Largest accepted page size. */
  readonly max: number;
  /** Page size used when the request gives none. */
  readonly default: number;
  /** What a page size above `max` gets: cut down to `max` (`clamp`) or a 400 (`reject`). */
  readonly oversized: 'clamp' | 'reject';
}

/** What every endpoint description of every style has. */
export interface StyleEndpoint {
  /** Page-size rules of this endpoint. */
  readonly pageSize: PageSizeLimits;
}

/**
 * The paging part of a request, as a style parsed and validated it: the page
 * size is already defaulted and clamped, an empty token is treated as none.
 */
export interface PageParams {
  /** Page size to ask the engine for (within the endpoint's limits). */
  readonly pageSize: number;
  /** True when the request asked for more than the maximum and got clamped. */
  readonly clamped: boolean;
  /** The page token sent by the client, if any. */
  readonly token?: string;
  /** Query parameter the token came in (e.g. `pagination_token` or `next_token`). */
  readonly tokenParam?: string;
  /** Legacy 1-based page number, when the endpoint has one and the request used it without a token. */
  readonly pageNumber?: number;
}

/**
 * One page as the engine produced it, handed to a style to write. Styles
 * compute their own derived fields (`newest_id`, `page_count`, `Link`).
 */
export interface PageView<T = unknown> {
  /** The rows of this page, in the order to show them. */
  readonly items: readonly T[];
  /** Page size the request asked for (after defaulting and clamping). */
  readonly pageSize: number;
  /** Token of the next page; absent at the end of the list. */
  readonly nextToken?: string | undefined;
  /** Token of the previous page; absent on the first page. */
  readonly previousToken?: string | undefined;
  /** Number of rows across all pages, when the list counts them. */
  readonly totalRecords?: number | undefined;
  /** 1-based page number, in legacy page-number mode. */
  readonly pageNumber?: number | undefined;
  /** Date range echoed by Zoom's report and dashboard endpoints (`yyyy-mm-dd`). */
  readonly range?: { readonly from: string; readonly to: string } | undefined;
  /**
   * Objects the items refer to, by kind (X's `includes`: `users`, `tweets`),
   * written by styles that have such a section; others ignore it. An empty
   * record, or one whose lists are all empty, writes nothing.
   */
  readonly includes?: Readonly<Record<string, readonly unknown[]>> | undefined;
}

/** Everything a style writes for one response. `body` is serialised with `JSON.stringify`. */
export interface StyleResponse {
  /** HTTP status code. */
  readonly status: number;
  /** Response headers (lower- or mixed-case names, each set once). */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON body; key order is the wire order. */
  readonly body: unknown;
}

/**
 * The state of one rate-limit bucket after a request was counted, as the
 * server's limiter reports it and each style writes it into headers.
 */
export interface RateLimitState {
  /** Requests allowed per window. */
  readonly limit: number;
  /** Requests left in the current window (never negative). */
  readonly remaining: number;
  /** Requests counted in the current window, this one included when allowed. */
  readonly used: number;
  /** When the current window ends, epoch milliseconds. */
  readonly resetAt: number;
  /** Kind of window: per-second (`qps`), until 00:00 UTC (`daily`), or a fixed window (`window`). */
  readonly kind: 'qps' | 'daily' | 'window';
  /** Zoom request category, e.g. `Medium`, when the style has categories. */
  readonly category?: string;
  /** True when this request was refused. */
  readonly limited: boolean;
  /** The current time the limiter used, epoch milliseconds (for `retry-after` seconds). */
  readonly now: number;
}

/** What a client reads about rate limits from one response; every field only when sent. */
export interface RateLimitReading {
  /** Requests allowed per window. */
  readonly limit?: number;
  /** Requests left in the window. */
  readonly remaining?: number;
  /** When the window resets, epoch milliseconds. */
  readonly resetAt?: number;
  /** When to retry, epoch milliseconds, from `Retry-After` (seconds or a date). */
  readonly retryAt?: number;
  /** Zoom `X-RateLimit-Type` (`QPS` or `Daily-limit`). */
  readonly type?: string;
  /** Zoom `X-RateLimit-Category`. */
  readonly category?: string;
  /**
   * True when Zoom says the daily limit is the one counted (`X-RateLimit-Type:
   * Daily-limit`): it resets at 00:00 UTC, not a wait to sleep through.
   * Only set when so.
   */
  readonly daily?: boolean;
}

/** A response as the client sees it: status, headers and the parsed JSON body. */
export interface ResponseLike {
  /** HTTP status code. */
  readonly status: number;
  /** Response headers. */
  readonly headers: HeaderInput;
  /** Parsed JSON body (`undefined` or `null` when there was none). */
  readonly body: unknown;
}

/** An error answer as a client reads it. */
export interface ErrorReading {
  /** HTTP status code. */
  readonly status: number;
  /** The API's own error code (Zoom `code`, X problem `type`), when present. */
  readonly code?: string | number;
  /** Human-readable message, from the body when possible. */
  readonly message: string;
}

/** What a client reads from one response of a style. */
export interface PageReading<T = unknown> {
  /** True for a 2xx answer that carries a page. */
  readonly ok: boolean;
  /** The page's items (empty on errors and empty pages). */
  readonly items: readonly T[];
  /** True when the API says the list has ended (only meaningful when `ok`). */
  readonly done: boolean;
  /** Opaque token of the next page (Zoom, X). */
  readonly nextToken?: string;
  /** Opaque token of the previous page (X). */
  readonly previousToken?: string;
  /** URL of the next page (Link style). */
  readonly nextUrl?: string;
  /** URL of the previous page (Link style). */
  readonly previousUrl?: string;
  /** Next legacy page number, when paging by numbers (Zoom legacy). */
  readonly nextPageNumber?: number;
  /** Rows across all pages, when the API says. */
  readonly totalRecords?: number;
  /** Rate-limit information found in the headers. */
  readonly rateLimit: RateLimitReading;
  /** The error, when not `ok`. */
  readonly error?: ErrorReading;
}

/** Why a request parameter was refused. */
export type ParameterFault =
  | 'out_of_range'
  | 'not_a_number'
  | 'repeated'
  | 'unknown'
  | 'missing'
  | 'conflict'
  | 'invalid';

/**
 * A failure to answer, described once and written by each style in its own
 * body and status. The server maps every error it meets to one of these.
 */
export type StyleProblem =
  | {
      readonly kind: 'invalid_parameter';
      /** Parameter name, e.g. `max_results`. */
      readonly param: string;
      /** The values received (empty when missing). */
      readonly values: readonly string[];
      readonly fault: ParameterFault;
      /** Range for `out_of_range` / `not_a_number` messages. */
      readonly min?: number;
      readonly max?: number;
      /** Parameters allowed here (`unknown`), or values allowed for this parameter (`invalid`). */
      readonly allowed?: readonly string[];
      /** The pattern the value must match (`invalid`), e.g. `^[0-9]{1,19}$`. */
      readonly pattern?: string;
      /** A complete message that replaces the style's default wording. */
      readonly message?: string;
    }
  | {
      readonly kind: 'invalid_token';
      /** Query parameter the token came in. */
      readonly param: string;
      /** The token received (styles truncate it when echoing). */
      readonly value: string;
      /** Token error code (`expired`, `tampered`, …), for logs; never shown in detail. */
      readonly reason: string;
    }
  | { readonly kind: 'unauthorized'; readonly reason: 'missing' | 'invalid' | 'expired' }
  | {
      readonly kind: 'forbidden';
      readonly message?: string;
      /**
       * The kind of token the endpoint refuses: `app` (an app-only Bearer
       * token on a user-context endpoint) or `user` (a user token on an
       * app-only one). X answers it with its "Unsupported Authentication"
       * problem. @default not an authentication problem
       */
      readonly unsupportedAuth?: 'app' | 'user';
    }
  | {
      readonly kind: 'not_found';
      /** Resource type, e.g. `user`, `meeting`, `tweet`. */
      readonly resource: string;
      /** The id asked for. */
      readonly id: string;
      /** Parameter that carried the id (X `parameter`). @default 'id' */
      readonly param?: string;
    }
  | { readonly kind: 'rate_limited'; readonly state: RateLimitState }
  | {
      /**
       * A failure answered with a chosen status (an outage, an upstream
       * error, a deliberate fault injection), e.g. a 503 the client may
       * retry. Unlike `internal`, the status is the caller's choice.
       */
      readonly kind: 'fault';
      /** HTTP status, 400–599 (e.g. 503). */
      readonly status: number;
      /** Message to put in the body instead of the style's wording. */
      readonly message?: string;
    }
  | {
      /** No endpoint at this method and path (the router found no route). */
      readonly kind: 'route_not_found';
      readonly method: string;
      /** The request path, without the query. */
      readonly path: string;
    }
  | { readonly kind: 'internal' };

/**
 * One quota: at most `limit` requests per window, counted per principal and
 * `bucket`. Windows are fixed and aligned to the epoch (so a `daily` window
 * starts at 00:00 UTC, as Zoom's daily limits do). Each style describes its
 * API's quotas as rules; the server's limiter counts them.
 */
export interface RateLimitRule {
  /** Counter name, e.g. `x:userTweets` or `zoom:Heavy:qps`; rules with the same bucket share a counter. */
  readonly bucket: string;
  /** Requests allowed per window. */
  readonly limit: number;
  /** Real window length in milliseconds (before any scaling). */
  readonly windowMs: number;
  /** Kind reported in headers: per-second (`qps`), daily (`daily`), or a plain window. */
  readonly kind: RateLimitState['kind'];
  /** Zoom category reported in `X-RateLimit-Category`. */
  readonly category?: string;
}

/**
 * A JSON Schema (draft 2020-12 / OpenAPI 3.1 subset) as plain data: what the
 * styles describe their parameters and envelopes with, for Fastify route
 * schemas (validation, OpenAPI, compiled serializers) and for documentation.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;
