import type { PaginatedList, Source } from '../engine/index.js';
import {
  type PageView,
  problemFromError,
  queryValues,
  type StyleEndpoint,
  type StyleProblem,
  type StyleResponse,
  type WireStyle,
} from '../styles/index.js';
import { fingerprintQuery } from '../token/index.js';
import type { RateLimitRule } from './rate-limit-rule.js';
import type { RateLimiter } from './rate-limiter.js';

/** Rate limiting of one route. */
export interface RouteRateLimit<Req> {
  /** The limiter (shared by every route that counts against it). */
  readonly limiter: RateLimiter;
  /** Rules of this route, or a function choosing them per request (e.g. app vs user token). */
  readonly rules:
    | readonly RateLimitRule[]
    | ((request: Req, scope: string) => readonly RateLimitRule[]);
  /**
   * Who is counted: Zoom counts per account, X per app or user.
   * @default the request's scope
   */
  readonly principal?: (request: Req, scope: string) => string;
}

/**
 * Options of {@link createPageResponder}: one paginated list served in one
 * style. `Req` is the framework's request type (Fastify's, or a fetch `Request`).
 */
export interface PageResponderOptions<Row, E extends StyleEndpoint, Req> {
  /** Wire style (`zoom`, `x`, `link`). */
  readonly style: WireStyle<E>;
  /** The endpoint's description in that style (limits, item key, meta keys…). */
  readonly endpoint: E;
  /** The list, from `definePaginatedList()`. */
  readonly list: PaginatedList<Row>;
  /** Rows to page through: a source, or one per request (e.g. filtered by a path parameter). */
  readonly source:
    | Source<Row>
    | ((request: Req, query: URLSearchParams) => Source<Row> | Promise<Source<Row>>);
  /**
   * The caller's scope (principal, tenant) that page tokens are bound to.
   * Throw `new StyleProblemError({ kind: 'unauthorized', reason: 'missing' })`
   * to refuse the request in the style's 401 shape.
   */
  readonly scope: (request: Req) => string | Promise<string>;
  /**
   * Name of the list in the query fingerprint (two routes with the same
   * list name and parameters accept each other's tokens).
   * @default the list definition's `name`
   */
  readonly listName?: string;
  /**
   * Window bounds of the request (`since_id`, `start_time`…) from its query,
   * passed to the engine; throw a `StyleProblemError` for a bad value.
   * @default no window
   */
  readonly window?: (
    query: URLSearchParams,
    request: Req,
  ) => Readonly<Record<string, unknown>> | undefined;
  /** Zoom report/dashboard `from`/`to` to echo in the envelope. @default none */
  readonly range?: (
    query: URLSearchParams,
    request: Req,
  ) => { readonly from: string; readonly to: string } | undefined;
  /** Turns a row into its wire item. @default the row itself */
  readonly toItem?: (row: Row) => unknown;
  /** Rate limiting; checked after `scope`, before anything else. @default none */
  readonly rateLimit?: RouteRateLimit<Req>;
  /** More query parameters left out of the token's query fingerprint. @default [] */
  readonly fingerprintExclude?: readonly string[];
  /** Called with every error answered as a 500 (never with caller errors). @default none */
  readonly onInternalError?: (error: unknown, request: Req) => void;
}

/** Answers paginated requests in a style, whatever the framework. */
export interface PageResponder<Req> {
  /**
   * Answers one request. Never throws: every failure is written in the
   * style's error shape (a 500 only for faults that are not the caller's).
   *
   * @param url The request URL (absolute, or path and query); the query is read from it
   *   raw, so repeated parameters and exact values are seen as sent.
   */
  respond(request: Req, url: string): Promise<StyleResponse>;
}

/**
 * The framework-free core of the server adapters: parse the query by the
 * style, check the rate limit, bind the token to scope and query, fetch the
 * page from the engine, and write it (or the failure) in the style.
 *
 * @example
 * ```ts
 * const responder = createPageResponder({
 *   style: x, endpoint: xEndpoints.userTweets, list: tweets,
 *   source: (req, query) => tweetsOf(req.params.id),
 *   scope: (req) => principalOf(req),
 * });
 * const { status, headers, body } = await responder.respond(req, req.url);
 * ```
 */
export function createPageResponder<Row, E extends StyleEndpoint, Req>(
  options: PageResponderOptions<Row, E, Req>,
): PageResponder<Req> {
  const { style, endpoint, list } = options;
  const listName = options.listName ?? list.definition.name;
  const exclude = [
    ...style.pagingParams(endpoint),
    ...(style.pageSizeMayChange ? [style.pageSizeParam] : []),
    ...(options.fingerprintExclude ?? []),
  ];
  const pageNumberParam = style
    .pagingParams(endpoint)
    .find((p) => !style.tokenParams(endpoint).includes(p));
  const rateLimit = options.rateLimit;

  function withHeaders(
    response: StyleResponse,
    extra: Readonly<Record<string, string>>,
  ): StyleResponse {
    return { ...response, headers: { ...extra, ...response.headers } };
  }

  async function respond(request: Req, url: string): Promise<StyleResponse> {
    const query = new URL(url, 'http://pagewise.invalid').searchParams;
    let rateHeaders: Readonly<Record<string, string>> = {};
    let token: { param: string; value: string } | undefined;
    try {
      const scope = await options.scope(request);
      if (rateLimit !== undefined) {
        const rules =
          typeof rateLimit.rules === 'function' ? rateLimit.rules(request, scope) : rateLimit.rules;
        const principal = rateLimit.principal?.(request, scope) ?? scope;
        const decision = await rateLimit.limiter.check(principal, rules);
        if (decision.state !== undefined) {
          if (!decision.allowed) {
            return style.formatProblem({ kind: 'rate_limited', state: decision.state }, endpoint);
          }
          rateHeaders = style.rateLimitHeaders(decision.state);
        }
      }
      const params = style.parseRequest(query, endpoint);
      if (params.token !== undefined && params.tokenParam !== undefined) {
        token = { param: params.tokenParam, value: params.token };
      }
      const window = options.window?.(query, request);
      const range = options.range?.(query, request);
      const source =
        typeof options.source === 'function'
          ? await options.source(request, query)
          : options.source;
      const page = await list.page({
        source,
        binding: { scope, query: fingerprintQuery(query, { list: listName, exclude }) },
        pageSize: params.pageSize,
        token: params.token,
        pageNumber: params.pageNumber,
        window,
      });
      const items = options.toItem ? page.items.map(options.toItem) : page.items;
      const view: PageView = {
        items,
        pageSize: page.pageSize,
        nextToken: page.nextToken,
        previousToken: page.previousToken,
        totalRecords: page.totals?.totalRecords,
        pageNumber: page.totals?.pageNumber ?? params.pageNumber,
        range,
      };
      return withHeaders(style.formatPage(view, endpoint, { url }), rateHeaders);
    } catch (error) {
      const problem: StyleProblem = problemFromError(error, {
        pageSizeParam: style.pageSizeParam,
        pageSize: endpoint.pageSize,
        tokenParam: token?.param ?? style.tokenParams(endpoint)[0],
        token: token?.value,
        pageNumberParam,
        pageSizeValue: queryValues(query, style.pageSizeParam)[0],
        pageNumberValue:
          pageNumberParam === undefined ? undefined : queryValues(query, pageNumberParam)[0],
      });
      if (problem.kind === 'internal') options.onInternalError?.(error, request);
      return withHeaders(style.formatProblem(problem, endpoint), rateHeaders);
    }
  }

  return Object.freeze({ respond });
}
