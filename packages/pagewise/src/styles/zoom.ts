/**
 * The Zoom REST v2 wire style (WIRE.md §1): `page_size` / `next_page_token`
 * (and legacy `page_number`), the `{ page_count, page_size, total_records,
 * next_page_token, <items> }` envelope, `{ code, message }` errors and the
 * `X-RateLimit-*` headers.
 *
 * @module
 */
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
import type { WireStyle } from './wire-style.js';

/** Zoom's rate-limit request categories ("Rate Limit Label"), as sent in `X-RateLimit-Category`. */
export type ZoomCategory = 'Light' | 'Medium' | 'Heavy' | 'Resource-intensive';

/** One Zoom list endpoint. */
export interface ZoomEndpoint extends StyleEndpoint {
  /** Key of the item array in the envelope: `users`, `meetings`, `participants`. */
  readonly itemsKey: string;
  /** True when the endpoint still takes the legacy `page_number` (WIRE.md §1.1). */
  readonly legacyPageNumber: boolean;
  /** True for report and dashboard endpoints, whose envelope echoes `from` and `to`. */
  readonly dateRange: boolean;
  /** Rate-limit category of the endpoint. */
  readonly category: ZoomCategory;
}

/**
 * What Zoom does with `page_size` above 300: UNCONFIRMED (WIRE.md §1.4, no
 * source). We clamp to the maximum, as the 2018 spec's `maximum: 300` and
 * most Zoom SDK users expect; change here to `reject` for a 400.
 */
export const ZOOM_OVERSIZED_PAGE_SIZE: PageSizeLimits['oversized'] = 'clamp';

// Frozen constants are marked `@__PURE__` so bundlers drop the ones a program does not
// use: the client needs a few constants of this style, not its server half.
/** Zoom page sizes: default 30, maximum 300, on every list (2018 spec). */
export const ZOOM_PAGE_SIZE: PageSizeLimits = /* @__PURE__ */ Object.freeze({
  min: 1,
  max: 300,
  default: 30,
  oversized: ZOOM_OVERSIZED_PAGE_SIZE,
});

/**
 * Whether a per-second (QPS) 429 carries `Retry-After`: UNCONFIRMED (WIRE.md
 * §1.5; a third-party note says it does not). We follow that note and send
 * none; the daily 429 always carries Zoom's ISO-8601 `Retry-After`.
 */
export const ZOOM_QPS_RETRY_AFTER = false;

/**
 * Category of `GET /users/{userId}/meetings`: UNCONFIRMED (WIRE.md §1.5).
 * Zoom's docs label most meeting reads Light.
 */
export const ZOOM_LIST_MEETINGS_CATEGORY: ZoomCategory = 'Light';

/** Name of the token query parameter and envelope key. */
export const ZOOM_TOKEN_PARAM = 'next_page_token';
/** Name of the legacy page-number parameter. */
export const ZOOM_PAGE_NUMBER_PARAM = 'page_number';
/**
 * Zoom's error `code` for "The next page token is invalid or expired." (WIRE.md
 * §1.4; Zoom uses the same code for other validation failures, so a reader
 * also looks for "token" in the message).
 */
export const ZOOM_INVALID_TOKEN_CODE = 300;

/** The Zoom list endpoints of WIRE.md §1.1. */
export const zoomEndpoints = /* @__PURE__ */ Object.freeze({
  /** `GET /users` (Medium). */
  users: zoomEndpoint({ itemsKey: 'users', legacyPageNumber: true, category: 'Medium' }),
  /** `GET /users/{userId}/meetings`. */
  userMeetings: zoomEndpoint({
    itemsKey: 'meetings',
    legacyPageNumber: true,
    category: ZOOM_LIST_MEETINGS_CATEGORY,
  }),
  /** `GET /report/users/{userId}/meetings` (Heavy; `from`/`to` echoed). */
  reportUserMeetings: zoomEndpoint({ itemsKey: 'meetings', dateRange: true, category: 'Heavy' }),
  /** `GET /metrics/meetings`, Dashboard (Resource-intensive; `from`/`to` echoed). */
  dashboardMeetings: zoomEndpoint({
    itemsKey: 'meetings',
    dateRange: true,
    category: 'Resource-intensive',
  }),
  /** `GET /past_meetings/{meetingUUID}/participants` (Medium). */
  pastMeetingParticipants: zoomEndpoint({ itemsKey: 'participants', category: 'Medium' }),
  /** `GET /report/meetings/{meetingId}/participants` (Heavy). */
  reportMeetingParticipants: zoomEndpoint({ itemsKey: 'participants', category: 'Heavy' }),
});

/**
 * A Zoom endpoint description, with defaults for what is not given.
 * @example
 * ```ts
 * const webinars = zoomEndpoint({ itemsKey: 'webinars', category: 'Light' });
 * ```
 */
export function zoomEndpoint(options: {
  itemsKey: string;
  /** @default false */
  legacyPageNumber?: boolean;
  /** @default false */
  dateRange?: boolean;
  /** @default 'Light' */
  category?: ZoomCategory;
  /** @default ZOOM_PAGE_SIZE */
  pageSize?: PageSizeLimits;
}): ZoomEndpoint {
  return Object.freeze({
    itemsKey: options.itemsKey,
    legacyPageNumber: options.legacyPageNumber ?? false,
    dateRange: options.dateRange ?? false,
    category: options.category ?? 'Light',
    pageSize: options.pageSize ?? ZOOM_PAGE_SIZE,
  });
}

const ZOOM_JSON = 'application/json;charset=UTF-8';

function parseRequest(query: QueryInput, endpoint: ZoomEndpoint): PageParams {
  const { pageSize, clamped } = parsePageSizeParam(query, 'page_size', endpoint.pageSize);
  // Zoom's own sample loops send `next_page_token=` on the first call: empty means none.
  const tokens = [...new Set(queryValues(query, ZOOM_TOKEN_PARAM).filter((t) => t !== ''))];
  if (tokens.length > 1) {
    throw new StyleProblemError({
      kind: 'invalid_token',
      param: ZOOM_TOKEN_PARAM,
      value: truncateEcho(tokens.join(',')),
      reason: 'repeated',
    });
  }
  const token = tokens[0];
  if (token !== undefined) {
    return { pageSize, clamped, token, tokenParam: ZOOM_TOKEN_PARAM };
  }
  if (!endpoint.legacyPageNumber) return { pageSize, clamped };
  const numbers = queryValues(query, ZOOM_PAGE_NUMBER_PARAM);
  if (numbers.length === 0) return { pageSize, clamped };
  const n = numbers.length === 1 ? parseIntegerParam(numbers[0] ?? '') : undefined;
  if (n === undefined || n < 1 || !Number.isSafeInteger(n)) {
    throw new StyleProblemError({
      kind: 'invalid_parameter',
      param: ZOOM_PAGE_NUMBER_PARAM,
      values: numbers.map(truncateEcho),
      fault: numbers.length > 1 ? 'repeated' : n === undefined ? 'not_a_number' : 'out_of_range',
      min: 1,
    });
  }
  return { pageSize, clamped, pageNumber: n };
}

function formatPage<T>(page: PageView<T>, endpoint: ZoomEndpoint): StyleResponse {
  // Key order follows Zoom's documented example (WIRE.md §1.2).
  const body: Record<string, unknown> = {};
  if (endpoint.dateRange && page.range !== undefined) {
    body['from'] = page.range.from;
    body['to'] = page.range.to;
  }
  if (page.totalRecords !== undefined) {
    // Used as the number of pages by Zoom's own loop (WIRE.md §1.2).
    body['page_count'] = Math.ceil(page.totalRecords / page.pageSize);
  }
  // Legacy endpoints answer page_number whenever it is known: asked for, or
  // the first page (no previous page). Zoom's own responses carry it, and a
  // page-number loop that reads it back must not see it vanish on page 1.
  // Pages reached by token have no known number, so they carry none.
  const pageNumber = page.pageNumber ?? (page.previousToken === undefined ? 1 : undefined);
  if (endpoint.legacyPageNumber && pageNumber !== undefined) {
    body['page_number'] = pageNumber;
  }
  body['page_size'] = page.pageSize;
  if (page.totalRecords !== undefined) body['total_records'] = page.totalRecords;
  body[ZOOM_TOKEN_PARAM] = page.nextToken ?? '';
  body[endpoint.itemsKey] = page.items;
  return { status: 200, headers: { 'content-type': ZOOM_JSON }, body };
}

const NOT_FOUND: Readonly<Record<string, (id: string) => { code: number; message: string }>> = {
  user: (id) => ({ code: 1001, message: `User not exist: ${id}` }),
  // Not in WIRE.md: Zoom's usual wording for an unknown meeting (UNCONFIRMED).
  meeting: (id) => ({ code: 3001, message: `Meeting does not exist: ${id}.` }),
};

function formatProblem(problem: StyleProblem): StyleResponse {
  const headers: Record<string, string> = { 'content-type': ZOOM_JSON };
  switch (problem.kind) {
    case 'invalid_parameter':
      return {
        status: 400,
        headers,
        body: {
          code: 300,
          message: 'Validation Failed.',
          errors: [{ field: problem.param, message: problem.message ?? 'Invalid field.' }],
        },
      };
    case 'invalid_token':
      return {
        status: 400,
        headers,
        body: {
          code: ZOOM_INVALID_TOKEN_CODE,
          message: 'The next page token is invalid or expired.',
        },
      };
    case 'unauthorized':
      return {
        status: 401,
        headers,
        body: {
          code: 124,
          message:
            problem.reason === 'expired' ? 'Access token is expired.' : 'Invalid access token.',
        },
      };
    case 'forbidden':
      return {
        status: 403,
        headers,
        body: {
          code: 4700,
          message: problem.message ?? 'Invalid access token, does not contain scopes.',
        },
      };
    case 'not_found': {
      const id = truncateEcho(problem.id);
      const known = NOT_FOUND[problem.resource];
      return {
        status: 404,
        headers,
        body: known ? known(id) : { code: 404, message: `${problem.resource} not found: ${id}` },
      };
    }
    case 'rate_limited':
      return {
        status: 429,
        headers: { ...headers, ...rateLimitHeaders(problem.state) },
        body: {
          code: 429,
          message:
            problem.state.kind === 'daily'
              ? 'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.'
              : 'You have reached the maximum per-second rate limit for this API. Try again later.',
        },
      };
    case 'internal':
      return { status: 500, headers, body: { code: 500, message: 'Internal server error.' } };
  }
}

/** `2020-05-31T00:00:00Z`: ISO-8601 UTC to the second, as in Zoom's example. */
function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Category': state.category ?? 'Light',
    'X-RateLimit-Type': state.kind === 'daily' ? 'Daily-limit' : 'QPS',
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(Math.max(0, state.remaining)),
  };
  if (state.limited && (state.kind === 'daily' || ZOOM_QPS_RETRY_AFTER)) {
    headers['Retry-After'] = isoSeconds(state.resetAt);
  }
  return headers;
}

/**
 * Reads Zoom's rate-limit headers: `X-RateLimit-Limit`, `-Remaining`,
 * `-Type` (`QPS` or `Daily-limit`, read loosely as any type naming "daily"),
 * `-Category` and `Retry-After` (seconds or Zoom's ISO-8601 date), which is
 * also when the limit resets. Every field only when sent.
 * @example
 * ```ts
 * readZoomRateLimit({ 'x-ratelimit-type': 'Daily-limit' }, Date.now()).daily; // true
 * ```
 */
export function readZoomRateLimit(h: HeaderInput, now: number): RateLimitReading {
  const out: { -readonly [K in keyof RateLimitReading]: RateLimitReading[K] } = {};
  const limit = headerNumber(h, 'x-ratelimit-limit');
  const remaining = headerNumber(h, 'x-ratelimit-remaining');
  const retryAt = parseRetryAfter(headerValue(h, 'retry-after'), now);
  const type = headerValue(h, 'x-ratelimit-type');
  const category = headerValue(h, 'x-ratelimit-category');
  if (limit !== undefined) out.limit = limit;
  if (remaining !== undefined) out.remaining = remaining;
  if (retryAt !== undefined) {
    out.retryAt = retryAt;
    out.resetAt = retryAt;
  }
  if (type !== undefined) out.type = type;
  if (category !== undefined) out.category = category;
  if (type !== undefined && /daily/i.test(type)) out.daily = true;
  return out;
}

/**
 * The Zoom style's page reader ({@link zoom}`.readPage`), on its own so that
 * the client can read error bodies without bundling the server half of the style.
 */
export function readZoomPage<T>(
  response: ResponseLike,
  endpoint?: ZoomEndpoint,
  now: number = Date.now(),
): PageReading<T> {
  const rateLimit = readZoomRateLimit(response.headers, now);
  const body = response.body;
  if (response.status < 200 || response.status > 299 || !isRecord(body)) {
    const code = isRecord(body) ? body['code'] : undefined;
    const message = isRecord(body) ? body['message'] : undefined;
    return {
      ok: false,
      items: [],
      done: false,
      rateLimit,
      error: {
        status: response.status,
        ...(typeof code === 'number' || typeof code === 'string' ? { code } : {}),
        message: typeof message === 'string' ? message : `HTTP ${response.status}`,
      },
    };
  }
  const itemsKey =
    endpoint?.itemsKey ?? Object.keys(body).find((key) => Array.isArray(body[key])) ?? 'items';
  const rawItems = body[itemsKey];
  const items = (Array.isArray(rawItems) ? rawItems : []) as T[];
  const token = body[ZOOM_TOKEN_PARAM];
  const nextToken = typeof token === 'string' && token !== '' ? token : undefined;
  const pageNumber = body['page_number'];
  const pageCount = body['page_count'];
  const nextPageNumber =
    typeof pageNumber === 'number' && typeof pageCount === 'number' && pageNumber < pageCount
      ? pageNumber + 1
      : undefined;
  const total = body['total_records'];
  return {
    ok: true,
    items,
    done: nextToken === undefined && nextPageNumber === undefined,
    ...(nextToken !== undefined ? { nextToken } : {}),
    ...(nextPageNumber !== undefined ? { nextPageNumber } : {}),
    ...(typeof total === 'number' ? { totalRecords: total } : {}),
    rateLimit,
  };
}

/**
 * The Zoom style. Page size `page_size` (1–300, default 30, clamped above
 * 300), token `next_page_token` (empty means none), legacy `page_number`
 * on endpoints that have it.
 */
export const zoom: WireStyle<ZoomEndpoint> = /* @__PURE__ */ Object.freeze({
  name: 'zoom',
  pageSizeParam: 'page_size',
  // Keyset tokens do not depend on the page size; Zoom clients that change
  // it between pages keep working. Legacy page numbers are OFFSET-based but
  // are not tokens, so this only concerns tokens.
  pageSizeMayChange: true,
  tokenParams: () => [ZOOM_TOKEN_PARAM],
  pagingParams: (endpoint: ZoomEndpoint) =>
    endpoint.legacyPageNumber ? [ZOOM_TOKEN_PARAM, ZOOM_PAGE_NUMBER_PARAM] : [ZOOM_TOKEN_PARAM],
  parseRequest,
  formatPage,
  formatProblem,
  rateLimitHeaders,
  readPage: readZoomPage,
});
