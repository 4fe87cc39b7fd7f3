/**
 * The Link-header wire style, GitHub-like (WIRE.md §3): the body is a JSON
 * array, paging is in an RFC 8288 `Link` header (`prev`, `next`, `last`,
 * `first`), `per_page` and `page` (or a cursor parameter), and GitHub's
 * `x-ratelimit-*` headers.
 *
 * @module
 */
import { formatLinkHeader, parseLinkHeader } from './link-header.js';
import { parsePageSizeParam } from './page-size-param.js';
import {
  headerNumber,
  headerValue,
  isRecord,
  parseIntegerParam,
  parseRetryAfter,
  queryValues,
  truncateEcho,
} from './query-input.js';
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
import type { FormatContext, WireStyle } from './wire-style.js';

/** One Link-style list endpoint. */
export interface LinkEndpoint extends StyleEndpoint {
  /** `page`: numbered pages (`page`, OFFSET-based, with a depth cap); `cursor`: opaque tokens. */
  readonly mode: 'page' | 'cursor';
  /** Name of the page-number parameter (page mode). */
  readonly pageParam: string;
  /** Name of the cursor parameter (cursor mode). */
  readonly cursorParam: string;
}

// Frozen constants are marked `@__PURE__` so bundlers drop the ones a program does not
// use: the client needs a few constants of this style, not its server half.
/** GitHub's page sizes: `per_page` default 30, maximum 100; larger values are cut to 100. */
export const LINK_PAGE_SIZE: PageSizeLimits = /* @__PURE__ */ Object.freeze({
  min: 1,
  max: 100,
  default: 30,
  oversized: 'clamp',
});

/**
 * A Link-style endpoint description, with defaults for what is not given.
 * @example
 * ```ts
 * const items = linkEndpoint({ mode: 'cursor' });
 * ```
 */
export function linkEndpoint(
  options: {
    /** @default 'page' */
    mode?: 'page' | 'cursor';
    /** @default 'page' */
    pageParam?: string;
    /** @default 'cursor' */
    cursorParam?: string;
    /** @default LINK_PAGE_SIZE */
    pageSize?: PageSizeLimits;
  } = {},
): LinkEndpoint {
  return Object.freeze({
    mode: options.mode ?? 'page',
    pageParam: options.pageParam ?? 'page',
    cursorParam: options.cursorParam ?? 'cursor',
    pageSize: options.pageSize ?? LINK_PAGE_SIZE,
  });
}

/** Ready-made endpoints: numbered pages and cursor pages. */
export const linkEndpoints = /* @__PURE__ */ Object.freeze({
  pages: linkEndpoint({ mode: 'page' }),
  cursor: linkEndpoint({ mode: 'cursor' }),
});

const LINK_JSON = 'application/json; charset=utf-8';

function single(query: QueryInput, param: string): string | undefined {
  const values = queryValues(query, param).filter((v) => v !== '');
  if (values.length > 1) {
    throw new StyleProblemError({
      kind: 'invalid_parameter',
      param,
      values: values.map(truncateEcho),
      fault: 'repeated',
    });
  }
  return values[0];
}

function parseRequest(query: QueryInput, endpoint: LinkEndpoint): PageParams {
  const { pageSize, clamped } = parsePageSizeParam(query, 'per_page', endpoint.pageSize);
  if (endpoint.mode === 'cursor') {
    const token = single(query, endpoint.cursorParam);
    return token === undefined
      ? { pageSize, clamped }
      : { pageSize, clamped, token, tokenParam: endpoint.cursorParam };
  }
  const raw = single(query, endpoint.pageParam);
  if (raw === undefined) return { pageSize, clamped, pageNumber: 1 };
  const n = parseIntegerParam(raw);
  if (n === undefined || n < 1 || !Number.isSafeInteger(n)) {
    throw new StyleProblemError({
      kind: 'invalid_parameter',
      param: endpoint.pageParam,
      values: [truncateEcho(raw)],
      fault: n === undefined ? 'not_a_number' : 'out_of_range',
      min: 1,
    });
  }
  return { pageSize, clamped, pageNumber: n };
}

function urlWith(base: string, set: Readonly<Record<string, string | undefined>>): string {
  let absolute = /^[a-z][a-z0-9+.-]*:/i.test(base);
  let url: URL;
  try {
    url = new URL(base, 'http://relative.invalid');
  } catch {
    // An unparsable absolute URL (bad Host header): fall back to its path and query.
    const path = base.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
    url = new URL(path.startsWith('/') ? path : `/${path}`, 'http://relative.invalid');
    absolute = false;
  }
  for (const [name, value] of Object.entries(set)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return absolute ? url.href : `${url.pathname}${url.search}`;
}

function links<T>(
  page: PageView<T>,
  endpoint: LinkEndpoint,
  base: string,
): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  const size = String(page.pageSize);
  if (endpoint.mode === 'cursor') {
    if (page.previousToken) {
      out.push([
        'prev',
        urlWith(base, { [endpoint.cursorParam]: page.previousToken, per_page: size }),
      ]);
    }
    if (page.nextToken) {
      out.push(['next', urlWith(base, { [endpoint.cursorParam]: page.nextToken, per_page: size })]);
    }
    if (page.previousToken) {
      out.push(['first', urlWith(base, { [endpoint.cursorParam]: undefined, per_page: size })]);
    }
    return out;
  }
  const current = page.pageNumber ?? 1;
  const last =
    page.totalRecords === undefined
      ? undefined
      : Math.max(1, Math.ceil(page.totalRecords / page.pageSize));
  const hasNext = last === undefined ? Boolean(page.nextToken) : current < last;
  const at = (n: number) => urlWith(base, { [endpoint.pageParam]: String(n), per_page: size });
  // GitHub's order: prev, next, last, first.
  if (current > 1) out.push(['prev', at(current - 1)]);
  if (hasNext) out.push(['next', at(current + 1)]);
  if (last !== undefined && current < last) out.push(['last', at(last)]);
  if (current > 1) out.push(['first', at(1)]);
  return out;
}

function formatPage<T>(
  page: PageView<T>,
  endpoint: LinkEndpoint,
  context: FormatContext = {},
): StyleResponse {
  const rels = links(page, endpoint, context.url ?? '/');
  const headers: Record<string, string> = { 'content-type': LINK_JSON };
  // Omitted when everything fits on one page, as GitHub does.
  if (rels.length > 0) headers['link'] = formatLinkHeader(rels);
  return { status: 200, headers, body: page.items };
}

function message(status: number, text: string, extra: Record<string, unknown> = {}): StyleResponse {
  return {
    status,
    headers: { 'content-type': LINK_JSON },
    body: { message: text, ...extra, status: String(status) },
  };
}

function parameterMessage(problem: Extract<StyleProblem, { kind: 'invalid_parameter' }>): string {
  if (problem.message !== undefined) return problem.message;
  const value = problem.values.join(',');
  switch (problem.fault) {
    case 'out_of_range':
    case 'not_a_number':
      return problem.max !== undefined
        ? `Query parameter '${problem.param}' must be an integer between ${problem.min ?? 1} and ${problem.max}, got [${value}].`
        : `Query parameter '${problem.param}' must be an integer of at least ${problem.min ?? 1}, got [${value}].`;
    case 'repeated':
      return `Query parameter '${problem.param}' may be given only once, got [${value}].`;
    case 'unknown':
      return `Unknown query parameter '${problem.param}'.`;
    case 'missing':
      return `Query parameter '${problem.param}' is required.`;
    case 'conflict':
    case 'invalid':
      return `Query parameter '${problem.param}' has an invalid value [${value}].`;
  }
}

function formatProblem(problem: StyleProblem): StyleResponse {
  switch (problem.kind) {
    case 'invalid_parameter':
      return message(400, parameterMessage(problem), {
        errors: [{ field: problem.param, code: problem.fault }],
      });
    case 'invalid_token':
      return message(
        400,
        `The \`${problem.param}\` query parameter value [${truncateEcho(problem.value)}] is not a valid cursor.`,
      );
    case 'unauthorized':
      return message(401, 'Bad credentials');
    case 'forbidden':
      return message(403, problem.message ?? 'Forbidden');
    case 'not_found':
      return message(404, 'Not Found');
    case 'rate_limited': {
      const response = message(429, 'API rate limit exceeded.');
      return { ...response, headers: { ...response.headers, ...rateLimitHeaders(problem.state) } };
    }
    case 'internal':
      return message(500, 'Server Error');
  }
}

function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(Math.max(0, state.remaining)),
    'x-ratelimit-reset': String(Math.ceil(state.resetAt / 1000)),
    'x-ratelimit-used': String(state.used),
  };
  if (state.limited) {
    headers['retry-after'] = String(Math.max(0, Math.ceil((state.resetAt - state.now) / 1000)));
  }
  return headers;
}

/**
 * Reads GitHub's `x-ratelimit-limit`, `-remaining` and `-reset` (epoch
 * seconds) and `retry-after` (seconds, or a date). Every field only when sent.
 */
export function readLinkRateLimit(h: HeaderInput, now: number): RateLimitReading {
  const limit = headerNumber(h, 'x-ratelimit-limit');
  const remaining = headerNumber(h, 'x-ratelimit-remaining');
  const reset = headerNumber(h, 'x-ratelimit-reset');
  const retryAt = parseRetryAfter(headerValue(h, 'retry-after'), now);
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(reset !== undefined ? { resetAt: reset * 1000 } : {}),
    ...(retryAt !== undefined ? { retryAt } : {}),
  };
}

/** The `next` and `prev` (or `previous`) URLs of a `Link` header, each only when present. */
export function readLinkRels(h: HeaderInput): { nextUrl?: string; previousUrl?: string } {
  const rels = parseLinkHeader(headerValue(h, 'link'));
  const nextUrl = rels.get('next');
  const previousUrl = rels.get('prev') ?? rels.get('previous');
  return {
    ...(nextUrl !== undefined ? { nextUrl } : {}),
    ...(previousUrl !== undefined ? { previousUrl } : {}),
  };
}

function readPage<T>(
  response: ResponseLike,
  _endpoint?: LinkEndpoint,
  now = Date.now(),
): PageReading<T> {
  const rateLimit = readLinkRateLimit(response.headers, now);
  const body = response.body;
  if (response.status < 200 || response.status > 299 || !Array.isArray(body)) {
    const text = isRecord(body) ? body['message'] : undefined;
    return {
      ok: false,
      items: [],
      done: false,
      rateLimit,
      error: {
        status: response.status,
        message: typeof text === 'string' ? text : `HTTP ${response.status}`,
      },
    };
  }
  const rels = readLinkRels(response.headers);
  return { ok: true, items: body as T[], done: rels.nextUrl === undefined, ...rels, rateLimit };
}

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
  parseRequest,
  formatPage,
  formatProblem,
  rateLimitHeaders,
  readPage,
});
