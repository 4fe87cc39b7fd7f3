import type { PaginatedList, Source } from '../engine/index.js';
import {
  type PageView,
  problemFromError,
  queryValues,
  type StyleEndpoint,
  type StyleProblem,
  type StyleResponse,
  searchParamsOf,
  type WireStyle,
} from '../styles/index.js';
import { fingerprintQuery } from '../token/index.js';
import type { RateLimitRule } from './rate-limit-rule.js';
import type { RateLimiter } from './rate-limiter.js';

interface ProblemExtra {
  readonly token?: { readonly param: string; readonly value: string } | undefined;
  readonly query?: URLSearchParams;
  readonly headers?: Readonly<Record<string, string>>;
}

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
  /**
   * Binds tokens to the request path as well as to the query, so a token of
   * `/users/1/tweets` does not open on `/users/2/tweets` (path parameters
   * are not in the query). Turn off only when every path of the route serves
   * the same list.
   * @default true
   */
  readonly bindPath?: boolean;
  /** More query parameters left out of the token's query fingerprint. @default [] */
  readonly fingerprintExclude?: readonly string[];
  /** Called with every error answered as a 500 (never with caller errors). @default none */
  readonly onInternalError?: (error: unknown, request: Req) => void;
}

/** A request that passed authentication and the rate limit. */
export interface Admission {
  /** The caller's scope. */
  readonly scope: string;
  /** Rate-limit headers to send with the answer, whatever it is. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Answers paginated requests in a style, whatever the framework. */
export interface PageResponder<Req> {
  /**
   * Answers one request. Never throws: every failure is written in the
   * style's error shape (a 500 only for faults that are not the caller's).
   *
   * @param url The request URL (absolute, or path and query); the query is read from it
   *   raw, so repeated parameters and exact values are seen as sent.
   * @param admission The result of an earlier {@link PageResponder.admit}; when absent, `respond` admits itself.
   */
  respond(request: Req, url: string, admission?: Admission): Promise<StyleResponse>;
  /**
   * First half of {@link PageResponder.respond}: resolves the scope (401
   * otherwise) and counts the request against the rate limit (429
   * otherwise). Frameworks that validate before their handler call this
   * first (e.g. in a Fastify `onRequest` hook), so a request refused by
   * validation is still counted and still gets rate-limit headers, as the
   * real APIs do.
   *
   * @returns the admission, or the style's error response to send instead.
   */
  admit(request: Req): Promise<Admission | StyleResponse>;
}

/** True when `value` is an error answer from {@link PageResponder.admit}. */
export function isStyleResponse(value: Admission | StyleResponse): value is StyleResponse {
  return 'status' in value;
}

/** The path of a request URL (absolute or not), as sent (not decoded). */
function pathOf(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const end = path.search(/[?#]/);
  return end < 0 ? path : path.slice(0, end);
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
  const bindPath = options.bindPath ?? true;

  function withHeaders(
    response: StyleResponse,
    extra: Readonly<Record<string, string>>,
  ): StyleResponse {
    return { ...response, headers: { ...extra, ...response.headers } };
  }

  function problemResponse(error: unknown, request: Req, extra: ProblemExtra): StyleResponse {
    const problem: StyleProblem = problemFromError(error, {
      pageSizeParam: style.pageSizeParam,
      pageSize: endpoint.pageSize,
      tokenParam: extra.token?.param ?? style.tokenParams(endpoint)[0],
      token: extra.token?.value,
      pageNumberParam,
      pageSizeValue: extra.query ? queryValues(extra.query, style.pageSizeParam)[0] : undefined,
      pageNumberValue:
        extra.query && pageNumberParam !== undefined
          ? queryValues(extra.query, pageNumberParam)[0]
          : undefined,
    });
    if (problem.kind === 'internal') options.onInternalError?.(error, request);
    return withHeaders(style.formatProblem(problem, endpoint), extra.headers ?? {});
  }

  async function admit(request: Req): Promise<Admission | StyleResponse> {
    try {
      const scope = await options.scope(request);
      if (rateLimit === undefined) return { scope, headers: {} };
      const rules =
        typeof rateLimit.rules === 'function' ? rateLimit.rules(request, scope) : rateLimit.rules;
      const principal = rateLimit.principal?.(request, scope) ?? scope;
      const decision = await rateLimit.limiter.check(principal, rules);
      if (decision.state === undefined) return { scope, headers: {} };
      if (!decision.allowed) {
        return style.formatProblem({ kind: 'rate_limited', state: decision.state }, endpoint);
      }
      return { scope, headers: style.rateLimitHeaders(decision.state) };
    } catch (error) {
      return problemResponse(error, request, {});
    }
  }

  async function respond(request: Req, url: string, admission?: Admission): Promise<StyleResponse> {
    const admitted = admission ?? (await admit(request));
    if (isStyleResponse(admitted)) return admitted;
    const { scope, headers } = admitted;
    const query = searchParamsOf(url);
    let token: { param: string; value: string } | undefined;
    try {
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
        binding: {
          scope,
          query: fingerprintQuery(query, {
            list: bindPath ? `${listName} ${pathOf(url)}` : listName,
            exclude,
          }),
        },
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
      return withHeaders(style.formatPage(view, endpoint, { url }), headers);
    } catch (error) {
      return problemResponse(error, request, { token, query, headers });
    }
  }

  return Object.freeze({ respond, admit });
}
