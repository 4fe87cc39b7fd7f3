import type { PageSizeLimits, StyleEndpoint } from '../types.js';

/** The three paging shapes of X v2 lists. */
export type XEndpointKind = 'timeline' | 'search' | 'users';

/** `meta` keys X may send, per endpoint. */
export type XMetaKey = 'result_count' | 'newest_id' | 'oldest_id' | 'next_token' | 'previous_token';

/** One X list endpoint. */
export interface XEndpoint extends StyleEndpoint {
  /** Name of the endpoint, e.g. `userTweets`: its rate-limit bucket is `x:<name>`. */
  readonly name: string;
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
    name: 'userTweets',
    kind: 'timeline',
    pageSize: X_TIMELINE_PAGE_SIZE,
    tokenParams: ['pagination_token'],
    metaKeys: ['result_count', 'newest_id', 'oldest_id', 'next_token', 'previous_token'],
    appLimit: X_USER_TWEETS_APP_LIMIT,
    userLimit: 900,
  }),
  /** `GET /2/users/:id/followers`. */
  followers: Object.freeze<XEndpoint>({
    name: 'followers',
    kind: 'users',
    pageSize: X_USERS_PAGE_SIZE,
    tokenParams: ['pagination_token'],
    metaKeys: ['result_count', 'next_token', 'previous_token'],
    appLimit: 15,
    userLimit: 15,
  }),
  /** `GET /2/users/:id/following` (same rules as followers). */
  following: Object.freeze<XEndpoint>({
    name: 'following',
    kind: 'users',
    pageSize: X_USERS_PAGE_SIZE,
    tokenParams: ['pagination_token'],
    metaKeys: ['result_count', 'next_token', 'previous_token'],
    appLimit: 15,
    userLimit: 15,
  }),
  /** `GET /2/tweets/search/recent`. */
  searchRecent: Object.freeze<XEndpoint>({
    name: 'searchRecent',
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
