/**
 * The X API v2 wire style (WIRE.md §2): `max_results` with per-endpoint
 * limits (rejected when out of range), `pagination_token` / `next_token`,
 * the `{ data, meta }` envelope with per-endpoint `meta` keys, problem-JSON
 * errors and the `x-rate-limit-*` headers.
 *
 * @module
 */
import { parsePageSizeParam } from './page-size-param.js';
import { headerNumber, isRecord, queryNames, queryValues, truncateEcho } from './query-input.js';
import { StyleProblemError } from './style-problem-error.js';
import type {
  HeaderInput,
  PageParams,
  PageReading,
  PageSizeLimits,
  PageView,
  QueryInput,
  RateLimitReading,
  RateLimitState,
  ResponseLike,
  StyleEndpoint,
  StyleProblem,
  StyleResponse,
} from './types.js';
import type { WireStyle } from './wire-style.js';

/** The three paging shapes of X v2 lists. */
export type XEndpointKind = 'timeline' | 'search' | 'users';

/** `meta` keys X may send, per endpoint. */
export type XMetaKey = 'result_count' | 'newest_id' | 'oldest_id' | 'next_token' | 'previous_token';

/** One X list endpoint. */
export interface XEndpoint extends StyleEndpoint {
  /** Paging shape: tweet timeline, recent search, or a user list (followers, following). */
  readonly kind: XEndpointKind;
  /** Query parameters accepted as the page token, canonical first. */
  readonly tokenParams: readonly string[];
  /** `meta` keys this endpoint sends, in wire order (WIRE.md §2.2). */
  readonly metaKeys: readonly XMetaKey[];
  /** Requests per 15-minute window with an app (Bearer) token. */
  readonly appLimit: number;
  /** Requests per 15-minute window with a user token. */
  readonly userLimit: number;
  /**
   * Every query parameter the endpoint takes (path `id` included, as X lists
   * it). When given, any other parameter is refused the way X does; when
   * absent, only token parameters of other endpoints are refused.
   */
  readonly allowedParams?: readonly string[];
}

/**
 * Whether recent search also takes `pagination_token`: UNCONFIRMED in
 * WIRE.md §2.1. Real clients send `next_token` (tweepy, twitter-api-v2), and
 * a real 400 from search (2025, quoted in
 * https://github.com/plhery/node-twitter-api-v2/issues/597) lists both
 * `next_token` and `pagination_token` among the accepted parameters. We
 * accept both; both with different values is a 400.
 */
export const X_SEARCH_ACCEPTS_PAGINATION_TOKEN = true;

// Frozen constants are marked `@__PURE__` so bundlers drop the ones a program does not
// use: the client needs a few constants of this style, not its server half.
/**
 * The parameters `GET /2/tweets/search/recent` accepts, in the order X lists
 * them in its "is not one of" message (a real 400 from 2025, quoted in
 * https://github.com/plhery/node-twitter-api-v2/issues/597).
 */
export const X_SEARCH_RECENT_PARAMS: readonly string[] = /* @__PURE__ */ Object.freeze([
  'query',
  'start_time',
  'end_time',
  'since_id',
  'until_id',
  'max_results',
  'next_token',
  'pagination_token',
  'sort_order',
  'expansions',
  'tweet.fields',
  'media.fields',
  'poll.fields',
  'place.fields',
  'user.fields',
]);

/**
 * Per-app 15-minute limit of `GET /2/users/:id/tweets`: CONFLICT (WIRE.md
 * §2.4: 10,000 in current docs, 1,500 in a recorded response header). We use
 * the figure seen on the wire.
 */
export const X_USER_TWEETS_APP_LIMIT = 1500;

/** The X rate-limit window: 15 minutes. */
export const X_WINDOW_MS = 15 * 60 * 1000;

/** Limits of `GET /2/users/:id/tweets` (and mentions): 5–100, default 10. */
export const X_TIMELINE_PAGE_SIZE: PageSizeLimits = /* @__PURE__ */ Object.freeze({
  min: 5,
  max: 100,
  default: 10,
  oversized: 'reject',
});
/** Limits of followers/following: 1–1000, default 100. */
export const X_USERS_PAGE_SIZE: PageSizeLimits = /* @__PURE__ */ Object.freeze({
  min: 1,
  max: 1000,
  default: 100,
  oversized: 'reject',
});
/** Limits of `GET /2/tweets/search/recent`: 10–100, default 10. */
export const X_SEARCH_PAGE_SIZE: PageSizeLimits = /* @__PURE__ */ Object.freeze({
  min: 10,
  max: 100,
  default: 10,
  oversized: 'reject',
});

/** Every query parameter that carries a page token on some X list endpoint. */
export const X_TOKEN_PARAMS: readonly string[] = /* @__PURE__ */ Object.freeze([
  'pagination_token',
  'next_token',
]);

/** The X list endpoints of WIRE.md §2.1. */
export const xEndpoints = /* @__PURE__ */ Object.freeze({
  /** `GET /2/users/:id/tweets`. */
  userTweets: Object.freeze<XEndpoint>({
    kind: 'timeline',
    pageSize: X_TIMELINE_PAGE_SIZE,
    tokenParams: ['pagination_token'],
    metaKeys: ['result_count', 'newest_id', 'oldest_id', 'next_token', 'previous_token'],
    appLimit: X_USER_TWEETS_APP_LIMIT,
    userLimit: 900,
  }),
  /** `GET /2/users/:id/followers`. */
  followers: Object.freeze<XEndpoint>({
    kind: 'users',
    pageSize: X_USERS_PAGE_SIZE,
    tokenParams: ['pagination_token'],
    metaKeys: ['result_count', 'next_token', 'previous_token'],
    appLimit: 15,
    userLimit: 15,
  }),
  /** `GET /2/users/:id/following` (same rules as followers). */
  following: Object.freeze<XEndpoint>({
    kind: 'users',
    pageSize: X_USERS_PAGE_SIZE,
    tokenParams: ['pagination_token'],
    metaKeys: ['result_count', 'next_token', 'previous_token'],
    appLimit: 15,
    userLimit: 15,
  }),
  /** `GET /2/tweets/search/recent`. */
  searchRecent: Object.freeze<XEndpoint>({
    kind: 'search',
    pageSize: X_SEARCH_PAGE_SIZE,
    tokenParams: X_SEARCH_ACCEPTS_PAGINATION_TOKEN
      ? ['next_token', 'pagination_token']
      : ['next_token'],
    metaKeys: ['newest_id', 'oldest_id', 'result_count', 'next_token'],
    appLimit: 450,
    userLimit: 300,
    allowedParams: X_SEARCH_RECENT_PARAMS,
  }),
});

const X_JSON = 'application/json; charset=utf-8';
const X_PROBLEM_JSON = 'application/problem+json';

function parseRequest(query: QueryInput, endpoint: XEndpoint): PageParams {
  const names = queryNames(query);
  for (const name of names) {
    const foreignToken = X_TOKEN_PARAMS.includes(name) && !endpoint.tokenParams.includes(name);
    const unknown = endpoint.allowedParams !== undefined && !endpoint.allowedParams.includes(name);
    if (foreignToken || unknown) {
      throw new StyleProblemError({
        kind: 'invalid_parameter',
        param: name,
        values: queryValues(query, name).map(truncateEcho),
        fault: 'unknown',
        allowed: endpoint.allowedParams ?? ['max_results', ...endpoint.tokenParams],
      });
    }
  }
  const { pageSize, clamped } = parsePageSizeParam(query, 'max_results', endpoint.pageSize);
  let found: { param: string; token: string } | undefined;
  for (const param of endpoint.tokenParams) {
    const values = queryValues(query, param).filter((v) => v !== '');
    if (values.length === 0) continue;
    if (values.length > 1) {
      throw new StyleProblemError({
        kind: 'invalid_parameter',
        param,
        values: values.map(truncateEcho),
        fault: 'repeated',
      });
    }
    const token = values[0] ?? '';
    if (found !== undefined && found.token !== token) {
      throw new StyleProblemError({
        kind: 'invalid_parameter',
        param,
        values: [truncateEcho(token)],
        fault: 'conflict',
        message: `The \`${found.param}\` and \`${param}\` query parameters can not be used together`,
      });
    }
    found ??= { param, token };
  }
  return found === undefined
    ? { pageSize, clamped }
    : { pageSize, clamped, token: found.token, tokenParam: found.param };
}

function idOf(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  const id = item['id'];
  return typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint'
    ? String(id)
    : undefined;
}

function formatPage<T>(page: PageView<T>, endpoint: XEndpoint): StyleResponse {
  const count = page.items.length;
  const values: Record<XMetaKey, unknown> = {
    result_count: count,
    newest_id: count > 0 ? idOf(page.items[0]) : undefined,
    oldest_id: count > 0 ? idOf(page.items[count - 1]) : undefined,
    // Absent at the end, never "": tweepy would send "" back (WIRE.md §2.5).
    next_token: page.nextToken === '' ? undefined : page.nextToken,
    previous_token: page.previousToken === '' ? undefined : page.previousToken,
  };
  const meta: Record<string, unknown> = {};
  for (const key of endpoint.metaKeys) {
    const value = values[key];
    if (value !== undefined) meta[key] = value;
  }
  // Empty result: exactly {"meta":{"result_count":0}}, no data key (WIRE.md §2.2).
  const body = count === 0 ? { meta } : { data: page.items, meta };
  return { status: 200, headers: { 'content-type': X_JSON }, body };
}

function parameterMessage(problem: Extract<StyleProblem, { kind: 'invalid_parameter' }>): string {
  if (problem.message !== undefined) return problem.message;
  const value = problem.values.join(',');
  switch (problem.fault) {
    case 'out_of_range':
    case 'not_a_number':
      return problem.min !== undefined && problem.max !== undefined
        ? `The \`${problem.param}\` query parameter value [${value}] is not between ${problem.min} and ${problem.max}`
        : `The \`${problem.param}\` query parameter value [${value}] is not valid`;
    case 'repeated':
      return `The \`${problem.param}\` query parameter can only be given once, got [${value}]`;
    case 'unknown':
      return `The query parameter [${problem.param}] is not one of [${(problem.allowed ?? []).join(',')}]`;
    case 'missing':
      return `The \`${problem.param}\` query parameter can not be empty`;
    case 'conflict':
      return `The \`${problem.param}\` query parameter value [${value}] conflicts with another parameter`;
    case 'invalid':
      // X's wordings for a pattern and for an enumeration (e.g. `id`, `tweet.fields`).
      if (problem.pattern !== undefined) {
        return `The \`${problem.param}\` query parameter value [${value}] does not match ${problem.pattern}`;
      }
      if (problem.allowed !== undefined) {
        return `The \`${problem.param}\` query parameter value [${value}] is not one of [${problem.allowed.join(',')}]`;
      }
      return `The \`${problem.param}\` query parameter value [${value}] is not valid`;
  }
}

function invalidRequest(param: string, values: readonly string[], message: string): StyleResponse {
  return {
    status: 400,
    headers: { 'content-type': X_JSON },
    body: {
      errors: [{ parameters: { [param]: values }, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    },
  };
}

function problemJson(status: number, title: string): StyleResponse {
  return {
    status,
    headers: { 'content-type': X_PROBLEM_JSON },
    body: { title, type: 'about:blank', status, detail: title },
  };
}

/**
 * HTTP status of X's "resource not found": X answers 200 with an `errors`
 * array (a partial-error response) rather than 404. Not in WIRE.md; seen in
 * recorded responses (UNCONFIRMED for every endpoint).
 */
export const X_NOT_FOUND_STATUS = 200;

function formatProblem(problem: StyleProblem): StyleResponse {
  switch (problem.kind) {
    case 'invalid_parameter':
      return invalidRequest(problem.param, problem.values, parameterMessage(problem));
    case 'invalid_token': {
      // Same wording for expired and forged tokens: X gives no separate text (WIRE.md §2.3).
      const value = truncateEcho(problem.value);
      return invalidRequest(
        problem.param,
        [value],
        `The \`${problem.param}\` query parameter value [${value}] is not a valid token.`,
      );
    }
    case 'unauthorized':
      return problemJson(401, 'Unauthorized');
    case 'forbidden':
      return problemJson(403, 'Forbidden');
    case 'not_found': {
      const id = truncateEcho(problem.id);
      return {
        status: X_NOT_FOUND_STATUS,
        headers: { 'content-type': X_JSON },
        body: {
          errors: [
            {
              value: id,
              detail: `Could not find ${problem.resource} with ${problem.param ?? 'id'}: [${id}].`,
              title: 'Not Found Error',
              resource_type: problem.resource,
              parameter: problem.param ?? 'id',
              resource_id: id,
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        },
      };
    }
    case 'rate_limited': {
      const response = problemJson(429, 'Too Many Requests');
      return { ...response, headers: { ...response.headers, ...rateLimitHeaders(problem.state) } };
    }
    case 'internal':
      return problemJson(500, 'Internal Server Error');
  }
}

function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  // Epoch seconds, rounded up so a client sleeping until then is past the reset. No Retry-After.
  return {
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(Math.max(0, state.remaining)),
    'x-rate-limit-reset': String(Math.ceil(state.resetAt / 1000)),
  };
}

/**
 * Reads X's `x-rate-limit-limit`, `-remaining` and `-reset` (epoch seconds).
 * X sends no `Retry-After`: on a 429 (`status`) the reset is also when to
 * retry, as tweepy does. Every field only when sent.
 */
export function readXRateLimit(h: HeaderInput, status?: number): RateLimitReading {
  const limit = headerNumber(h, 'x-rate-limit-limit');
  const remaining = headerNumber(h, 'x-rate-limit-remaining');
  const reset = headerNumber(h, 'x-rate-limit-reset');
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(reset !== undefined ? { resetAt: reset * 1000 } : {}),
    // X sends no Retry-After: on a 429 the reset is when to retry (as tweepy does).
    ...(reset !== undefined && status === 429 ? { retryAt: reset * 1000 } : {}),
  };
}

function readPage<T>(response: ResponseLike): PageReading<T> {
  const rateLimit = readXRateLimit(response.headers, response.status);
  const body = response.body;
  const errors = isRecord(body) && Array.isArray(body['errors']) ? body['errors'] : undefined;
  const hasPage = isRecord(body) && isRecord(body['meta']);
  if (response.status < 200 || response.status > 299 || !hasPage) {
    const first: unknown = errors?.[0];
    const type = isRecord(body) ? body['type'] : undefined;
    const detail = isRecord(first)
      ? (first['message'] ?? first['detail'])
      : isRecord(body)
        ? body['detail']
        : undefined;
    const code = isRecord(first) && typeof first['type'] === 'string' ? first['type'] : type;
    return {
      ok: false,
      items: [],
      done: false,
      rateLimit,
      error: {
        status: response.status,
        ...(typeof code === 'string' ? { code } : {}),
        message: typeof detail === 'string' ? detail : `HTTP ${response.status}`,
      },
    };
  }
  const meta = body['meta'] as Readonly<Record<string, unknown>>;
  const data = body['data'];
  const next = meta['next_token'];
  const previous = meta['previous_token'];
  const nextToken = typeof next === 'string' && next !== '' ? next : undefined;
  return {
    ok: true,
    items: (Array.isArray(data) ? data : []) as T[],
    done: nextToken === undefined,
    ...(nextToken !== undefined ? { nextToken } : {}),
    ...(typeof previous === 'string' && previous !== '' ? { previousToken: previous } : {}),
    rateLimit,
  };
}

/**
 * The query parameter that takes `meta.next_token` back on a request path:
 * `next_token` on search (`/2/tweets/search/…`), `pagination_token` on the
 * other lists (WIRE.md §2.1; tweepy decides the same way). For a client that
 * knows the path, not the endpoint.
 * @example
 * ```ts
 * xTokenParamForPath('/2/tweets/search/recent'); // 'next_token'
 * ```
 */
export function xTokenParamForPath(pathname: string): string {
  const endpoint = pathname.includes('/search/') ? xEndpoints.searchRecent : xEndpoints.userTweets;
  return endpoint.tokenParams[0] ?? 'pagination_token';
}

/**
 * The X API v2 style. Page size `max_results` (limits per endpoint, out of
 * range is a 400), token `pagination_token` (search: `next_token`), meta keys
 * per endpoint, `x-rate-limit-*` headers on every response.
 */
export const x: WireStyle<XEndpoint> = /* @__PURE__ */ Object.freeze({
  name: 'x',
  pageSizeParam: 'max_results',
  // X clients (twitter-api-v2, tweepy) may change max_results between pages.
  pageSizeMayChange: true,
  tokenParams: (endpoint: XEndpoint) => endpoint.tokenParams,
  pagingParams: (endpoint: XEndpoint) => endpoint.tokenParams,
  parseRequest,
  formatPage,
  formatProblem,
  rateLimitHeaders,
  readPage: <T>(response: ResponseLike) => readPage<T>(response),
});
