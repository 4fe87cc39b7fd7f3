import type { PaginatedList, Source } from '../engine/index.js';
import {
  type PageParams,
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
import {
  type Admission,
  type AdmissionOptions,
  type AdmissionResult,
  createAdmission,
  isStyleResponse,
  NO_HEADERS,
} from './admission.js';

/**
 * One page request, parsed once: what every callback of a route gets. `P`
 * is what the route's own `parse` made of it (path ids, fields, filters).
 */
export interface PagedRequest<P, Req> {
  /** The framework's request (Fastify's, or a fetch `Request`). */
  readonly request: Req;
  /** The request URL (absolute, or path and query), as sent. */
  readonly url: string;
  /** The raw query: repeated parameters and exact values as sent. */
  readonly query: URLSearchParams;
  /** The caller's scope, from admission. */
  readonly scope: string;
  /** The paging parameters, as the style read them. */
  readonly paging: PageParams;
  /** The route's own parameters, from `parse`. */
  readonly params: P;
}

/**
 * Options of {@link createPageResponder}: one paginated list served in one
 * style. `Req` is the framework's request type; `P` what `parse` returns.
 */
export interface PageResponderOptions<Row, E extends StyleEndpoint, Req, P = undefined>
  extends AdmissionOptions<Req> {
  /** Wire style (`zoom`, `x`, `link`). */
  readonly style: WireStyle<E>;
  /** The endpoint's description in that style (limits, item key, meta keys…). */
  readonly endpoint: E;
  /** The list, from `definePaginatedList()`. */
  readonly list: PaginatedList<Row>;
  /**
   * Reads the route's own parameters once, after the paging parameters were
   * read (path ids, `fields`, filters); throw a `StyleProblemError` for a bad
   * value. Its result is `params` in every other callback.
   * @default none (`params` is `undefined`)
   */
  readonly parse?: (request: Req, query: URLSearchParams) => P | Promise<P>;
  /** Rows to page through: a source, or one per request (e.g. filtered by a path parameter). */
  readonly source:
    | Source<Row>
    | ((request: PagedRequest<P, Req>) => Source<Row> | Promise<Source<Row>>);
  /**
   * Name of the list in the query fingerprint (two routes with the same
   * list name and parameters accept each other's tokens).
   * @default the list definition's `name`
   */
  readonly listName?: string;
  /**
   * Window bounds of the request (`since_id`, `start_time`…), passed to the
   * engine; throw a `StyleProblemError` for a bad value.
   * @default no window
   */
  readonly window?: (
    request: PagedRequest<P, Req>,
  ) => Readonly<Record<string, unknown>> | undefined;
  /** Zoom report/dashboard `from`/`to` to echo in the envelope. @default none */
  readonly range?: (
    request: PagedRequest<P, Req>,
  ) => { readonly from: string; readonly to: string } | undefined;
  /** Turns a row into its wire item. @default the row itself */
  readonly toItem?: (row: Row, params: P) => unknown;
  /**
   * Objects the page's items refer to, by kind (X's `includes`: the
   * authors of the posts, referenced posts), for styles that write them.
   * @default none
   */
  readonly includes?: (
    items: readonly unknown[],
    request: PagedRequest<P, Req>,
  ) =>
    | Readonly<Record<string, readonly unknown[]>>
    | undefined
    | Promise<Readonly<Record<string, readonly unknown[]>> | undefined>;
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
}

/** Answers paginated requests in a style, whatever the framework. */
export interface PageResponder<Req> {
  /**
   * Answers one request. Never throws: every failure is written in the
   * style's error shape (a 500 only for faults that are not the caller's).
   *
   * @param url The request URL (absolute, or path and query); the query is read from it
   *   raw, so repeated parameters and exact values are seen as sent.
   * @param admission The result of an earlier {@link PageResponder.admit}; when absent,
   *   `respond` admits itself (a `'drop'` verdict is then answered as the style's 503).
   */
  respond(request: Req, url: string, admission?: Admission): Promise<StyleResponse>;
  /**
   * First half of {@link PageResponder.respond}: resolves the scope (401
   * otherwise), runs the route's `admit` check and counts the request
   * against the rate limit (429 otherwise). Frameworks that validate before
   * their handler call this first (e.g. in a Fastify `onRequest` hook), so a
   * request refused by validation is still counted and still gets
   * rate-limit headers, as the real APIs do.
   *
   * @returns the admission, the style's error response to send instead, or `'drop'`.
   */
  admit(request: Req): Promise<AdmissionResult>;
}

/** The path of a request URL (absolute or not), as sent (not decoded). */
function pathOf(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const end = path.search(/[?#]/);
  return end < 0 ? path : path.slice(0, end);
}

/**
 * The framework-free core of the server adapters, built once per route:
 * admit (scope, checks, rate limit), read the paging parameters by the
 * style and the route's own with `parse`, bind the token to scope and
 * query, fetch the page from the engine, map and decorate the items, and
 * write it (or the failure) in the style. One error path: whatever throws,
 * the answer is the style's problem body.
 *
 * @example
 * ```ts
 * const responder = createPageResponder({
 *   style: x, endpoint: xEndpoints.userTweets, list: tweets,
 *   parse: (req) => ({ userId: userIdOf(req) }),
 *   source: ({ params }) => tweetsOf(params.userId),
 *   scope: (req) => principalOf(req),
 * });
 * const { status, headers, body } = await responder.respond(req, req.url);
 * ```
 */
export function createPageResponder<Row, E extends StyleEndpoint, Req, P = undefined>(
  options: PageResponderOptions<Row, E, Req, P>,
): PageResponder<Req> {
  const { style, endpoint, list, parse, toItem, includes } = options;
  const listName = options.listName ?? list.definition.name;
  const exclude = [
    ...style.pagingParams(endpoint),
    ...(style.pageSizeMayChange ? [style.pageSizeParam] : []),
    ...(options.fingerprintExclude ?? []),
  ];
  const tokenParams = style.tokenParams(endpoint);
  const pageNumberParam = style.pagingParams(endpoint).find((p) => !tokenParams.includes(p));
  const bindPath = options.bindPath ?? true;
  const admit = createAdmission(style, endpoint, options);
  const fixedSource = typeof options.source === 'function' ? undefined : options.source;
  const sourceOf = options.source as (
    request: PagedRequest<P, Req>,
  ) => Source<Row> | Promise<Source<Row>>;

  function problemResponse(
    error: unknown,
    request: Req,
    query: URLSearchParams,
    token: { readonly param: string; readonly value: string } | undefined,
    headers: Readonly<Record<string, string>>,
  ): StyleResponse {
    const problem: StyleProblem = problemFromError(error, {
      pageSizeParam: style.pageSizeParam,
      pageSize: endpoint.pageSize,
      tokenParam: token?.param ?? tokenParams[0],
      token: token?.value,
      pageNumberParam,
      pageSizeValue: queryValues(query, style.pageSizeParam)[0],
      pageNumberValue:
        pageNumberParam === undefined ? undefined : queryValues(query, pageNumberParam)[0],
    });
    if (problem.kind === 'internal') options.onInternalError?.(error, request);
    const response = style.formatProblem(problem, endpoint);
    return { ...response, headers: { ...headers, ...response.headers } };
  }

  async function respond(request: Req, url: string, admission?: Admission): Promise<StyleResponse> {
    const admitted = admission ?? (await admit(request));
    if (admitted === 'drop') return style.formatProblem({ kind: 'fault', status: 503 }, endpoint);
    if (isStyleResponse(admitted)) return admitted;
    const { scope, headers } = admitted;
    const query = searchParamsOf(url);
    let token: { param: string; value: string } | undefined;
    try {
      const paging = style.parseRequest(query, endpoint);
      if (paging.token !== undefined && paging.tokenParam !== undefined) {
        token = { param: paging.tokenParam, value: paging.token };
      }
      const params = (parse === undefined ? undefined : await parse(request, query)) as P;
      const paged: PagedRequest<P, Req> = { request, url, query, scope, paging, params };
      const window = options.window?.(paged);
      const range = options.range?.(paged);
      // Awaited only when the route's function returned a promise (no extra tick otherwise).
      const made = fixedSource ?? sourceOf(paged);
      const source =
        typeof (made as Partial<PromiseLike<Source<Row>>>).then === 'function'
          ? await made
          : (made as Source<Row>);
      const page = await list.page({
        source,
        binding: {
          scope,
          query: fingerprintQuery(query, {
            list: bindPath ? `${listName} ${pathOf(url)}` : listName,
            exclude,
          }),
        },
        pageSize: paging.pageSize,
        token: paging.token,
        pageNumber: paging.pageNumber,
        window,
      });
      const items =
        toItem === undefined ? page.items : page.items.map((row) => toItem(row, params));
      const view: PageView = {
        items,
        pageSize: page.pageSize,
        nextToken: page.nextToken,
        previousToken: page.previousToken,
        totalRecords: page.totals?.totalRecords,
        pageNumber: page.totals?.pageNumber ?? paging.pageNumber,
        range,
        includes:
          includes === undefined || items.length === 0 ? undefined : await includes(items, paged),
      };
      const response = style.formatPage(view, endpoint, { url });
      if (headers === NO_HEADERS) return response;
      return { ...response, headers: { ...headers, ...response.headers } };
    } catch (error) {
      return problemResponse(error, request, query, token, headers);
    }
  }

  return Object.freeze({ respond, admit });
}
