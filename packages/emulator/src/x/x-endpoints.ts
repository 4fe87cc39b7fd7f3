import { Type } from '@sinclair/typebox';
import type { RateLimitRule } from 'pagewise/fastify';
import {
  type PageSizeLimits,
  X_SEARCH_RECENT_PARAMS,
  type XEndpoint,
  xEndpoints,
} from 'pagewise/styles';

/*
 * The X endpoints as the emulator serves them: the style's endpoint
 * descriptions plus the query parameters each accepts (others are X's 400),
 * and the schema fragments that document them in /openapi.json.
 */

/** Only the most recent 3,200 posts of a timeline are reachable (800 with `exclude=replies`). */
export const X_TIMELINE_REACH = 3200;
/** Reach with `exclude=replies`. */
export const X_TIMELINE_REACH_NO_REPLIES = 800;
/** Recent search covers the last 7 days. */
export const X_RECENT_SEARCH_DAYS = 7;
/** X's pattern for ids in paths and `since_id`/`until_id`. */
export const ID_RE = /^[0-9]{1,19}$/;
/** The largest X id (int64): longer 19-digit values match `ID_RE` but name no row. */
export const INT64_MAX = 9223372036854775807n;
/** Names of the field and expansion parameters. */
export const FIELD_PARAMS = [
  'tweet.fields',
  'expansions',
  'user.fields',
  'media.fields',
  'place.fields',
  'poll.fields',
];

/** An optional string query parameter with a description. */
export const str = (description: string) => Type.Optional(Type.String({ description }));
/** The field and expansion parameters of X lists. */
export const fieldParams = {
  'tweet.fields': str(
    'Comma-separated post fields (created_at, author_id, lang, public_metrics, …).',
  ),
  expansions: str(
    'Comma-separated expansions: author_id, in_reply_to_user_id and referenced_tweets.id.author_id add includes.users, referenced_tweets.id adds includes.tweets; the others are accepted (the data has nothing for them).',
  ),
  'user.fields': str('Comma-separated user fields (created_at, description, …).'),
  'media.fields': str('Accepted.'),
  'place.fields': str('Accepted.'),
  'poll.fields': str('Accepted.'),
};
/** The parameters of the user lookups (`/2/users…`): user fields, expansions, post fields. */
export const userLookupParams = {
  'user.fields': fieldParams['user.fields'],
  expansions: str(
    'Comma-separated: affiliation.user_id, most_recent_tweet_id, pinned_tweet_id (accepted).',
  ),
  'tweet.fields': fieldParams['tweet.fields'],
};
/** since_id, until_id, start_time, end_time. */
export const windowParams = {
  since_id: str('Only posts with a greater id.'),
  until_id: str('Only posts with a smaller id.'),
  start_time: str('YYYY-MM-DDTHH:mm:ssZ, inclusive.'),
  end_time: str('YYYY-MM-DDTHH:mm:ssZ, exclusive.'),
};
/** The `:id` path parameter. */
export const idParam = Type.Object({
  id: Type.String({ description: 'User id (decimal string).' }),
});

/** `GET /2/users/:id/tweets`. */
export const userTweets: XEndpoint = {
  ...xEndpoints.userTweets,
  allowedParams: [
    'id',
    'max_results',
    'pagination_token',
    'since_id',
    'until_id',
    'start_time',
    'end_time',
    'exclude',
    ...FIELD_PARAMS,
  ],
};
/** `GET /2/users/:id/followers`. */
export const followers: XEndpoint = {
  ...xEndpoints.followers,
  allowedParams: [
    'id',
    'max_results',
    'pagination_token',
    'user.fields',
    'expansions',
    'tweet.fields',
  ],
};
/** `GET /2/users/:id/following`. */
export const following: XEndpoint = {
  ...xEndpoints.following,
  allowedParams: followers.allowedParams ?? [],
};
/** `GET /2/tweets/search/recent`. */
export const searchRecent: XEndpoint = {
  ...xEndpoints.searchRecent,
  allowedParams: [
    'query',
    'max_results',
    ...xEndpoints.searchRecent.tokenParams,
    'since_id',
    'until_id',
    'start_time',
    'end_time',
    'sort_order',
    ...FIELD_PARAMS,
  ],
};
/** `GET /2/users/:id` (300 per 15 minutes per app). */
export const userLookup: XEndpoint = {
  ...xEndpoints.followers,
  name: 'usersById',
  appLimit: 300,
  userLimit: 900,
  allowedParams: ['id', 'user.fields', 'expansions', 'tweet.fields'],
};
/** `GET /2/users/me` (75 per 15 minutes; X allows it with user tokens only). */
export const userMe: XEndpoint = {
  ...userLookup,
  name: 'usersMe',
  appLimit: 75,
  userLimit: 75,
  allowedParams: ['user.fields', 'expansions', 'tweet.fields'],
};

/*
 * The other paginated X lists (issue 14): limits, token parameter and
 * `meta` keys from X's OpenAPI document 2.159 (`shared/specs`), rate
 * limits from X's rate-limit page (docs.x.com/x-api/fundamentals/rate-limits,
 * per app / per user per 15 minutes). Each has its own bucket, `x:<name>`.
 */

/** `max_results` of the mentions timeline: 5–100 (2.159), default 10 (X's reference page). */
export const X_MENTIONS_PAGE_SIZE: PageSizeLimits = Object.freeze({
  min: 5,
  max: 100,
  default: 10,
  oversized: 'reject',
});
/** Liked posts: 5–100 (2.159, which gives no default); 100 by default as X's reference page says. */
export const X_LIKED_TWEETS_PAGE_SIZE: PageSizeLimits = Object.freeze({
  min: 5,
  max: 100,
  default: 100,
  oversized: 'reject',
});
/** Liking users and retweeted_by: 1–100, default 100 (2.159). */
export const X_ENGAGING_USERS_PAGE_SIZE: PageSizeLimits = Object.freeze({
  min: 1,
  max: 100,
  default: 100,
  oversized: 'reject',
});
/** Quote posts: 10–100, default 10 (2.159). */
export const X_QUOTE_TWEETS_PAGE_SIZE: PageSizeLimits = Object.freeze({
  min: 10,
  max: 100,
  default: 10,
  oversized: 'reject',
});
/** The mentions timeline reaches only the 800 most recent mentions (X's reference page). */
export const X_MENTIONS_REACH = 800;

/** Post fields and expansions, as every post list takes them. */
const POST_FIELD_PARAMS = [
  'tweet.fields',
  'expansions',
  'media.fields',
  'poll.fields',
  'user.fields',
  'place.fields',
];
/** User fields and expansions, as every user list takes them. */
const USER_FIELD_PARAMS = ['user.fields', 'expansions', 'tweet.fields'];

/** `GET /2/users/:id/mentions` (450 per app, 300 per user). */
export const userMentions: XEndpoint = {
  name: 'userMentions',
  kind: 'timeline',
  pageSize: X_MENTIONS_PAGE_SIZE,
  tokenParams: ['pagination_token'],
  metaKeys: ['result_count', 'newest_id', 'oldest_id', 'next_token', 'previous_token'],
  appLimit: 450,
  userLimit: 300,
  allowedParams: [
    'id',
    'since_id',
    'until_id',
    'max_results',
    'pagination_token',
    'start_time',
    'end_time',
    ...POST_FIELD_PARAMS,
  ],
};
/** `GET /2/users/:id/liked_tweets` (75 per app, 75 per user). */
export const likedTweets: XEndpoint = {
  name: 'likedTweets',
  kind: 'timeline',
  pageSize: X_LIKED_TWEETS_PAGE_SIZE,
  tokenParams: ['pagination_token'],
  metaKeys: ['result_count', 'next_token', 'previous_token'],
  appLimit: 75,
  userLimit: 75,
  allowedParams: ['id', 'max_results', 'pagination_token', ...POST_FIELD_PARAMS],
};
/** `GET /2/tweets/:id/liking_users` (75 per app, 75 per user). */
export const likingUsers: XEndpoint = {
  name: 'likingUsers',
  kind: 'users',
  pageSize: X_ENGAGING_USERS_PAGE_SIZE,
  tokenParams: ['pagination_token'],
  metaKeys: ['result_count', 'next_token', 'previous_token'],
  appLimit: 75,
  userLimit: 75,
  allowedParams: ['id', 'max_results', 'pagination_token', ...USER_FIELD_PARAMS],
};
/** `GET /2/tweets/:id/retweeted_by` (75 per app, 75 per user). */
export const retweetedBy: XEndpoint = {
  ...likingUsers,
  name: 'retweetedBy',
};
/** `GET /2/tweets/:id/quote_tweets` (75 per app, 75 per user); `meta` has no `previous_token` (2.159). */
export const quoteTweets: XEndpoint = {
  name: 'quoteTweets',
  kind: 'timeline',
  pageSize: X_QUOTE_TWEETS_PAGE_SIZE,
  tokenParams: ['pagination_token'],
  metaKeys: ['result_count', 'next_token'],
  appLimit: 75,
  userLimit: 75,
  allowedParams: ['id', 'max_results', 'pagination_token', 'exclude', ...POST_FIELD_PARAMS],
};
/** A post id in the path (`:id`). */
export const tweetIdParam = Type.Object({
  id: Type.String({ description: 'Post id (decimal string).' }),
});

/** User fields and expansions of the user lookups, as X lists them. */
const USER_LOOKUP_PARAMS = ['user.fields', 'expansions', 'tweet.fields'];
/** X's pattern for usernames (2.159 document: `UserName`). */
export const USERNAME_RE = /^[A-Za-z0-9_]{1,15}$/;
/** The most usernames or ids one lookup takes (2.159 document: `maxItems: 100`). */
export const X_LOOKUP_MAX_ITEMS = 100;

/** `GET /2/users/by/username/:username` (user lookup limits: 300 per app, 900 per user). */
export const userByUsername: XEndpoint = {
  ...userLookup,
  name: 'usersByUsername',
  allowedParams: ['username', ...USER_LOOKUP_PARAMS],
};
/** `GET /2/users/by?usernames=…`. */
export const usersByUsernames: XEndpoint = {
  ...userLookup,
  name: 'usersByUsernames',
  allowedParams: ['usernames', ...USER_LOOKUP_PARAMS],
};
/** `GET /2/users?ids=…`. */
export const usersByIds: XEndpoint = {
  ...userLookup,
  name: 'usersByIds',
  allowedParams: ['ids', ...USER_LOOKUP_PARAMS],
};

/** Home timeline `max_results`: 1–100, default 100 (X's API reference). */
export const X_HOME_TIMELINE_PAGE_SIZE: PageSizeLimits = Object.freeze({
  min: 1,
  max: 100,
  default: 100,
  oversized: 'reject',
});
/**
 * The home timeline reaches every post of the last 7 days and, whatever
 * their age, the newest 800 (X's API reference of
 * `GET /2/users/:id/timelines/reverse_chronological`).
 */
export const X_HOME_TIMELINE_DAYS = 7;
/** The newest posts the home timeline always reaches, however old. */
export const X_HOME_TIMELINE_REACH = 800;

/**
 * `GET /2/users/:id/timelines/reverse_chronological`: user tokens only, 180
 * per 15 minutes per user (recorded `x-rate-limit-limit: 180`, tweepy
 * cassette `test_client_get_home_timeline.yaml`). Parameters in the 2.159
 * document's order.
 */
export const homeTimeline: XEndpoint = {
  name: 'homeTimeline',
  kind: 'timeline',
  pageSize: X_HOME_TIMELINE_PAGE_SIZE,
  tokenParams: ['pagination_token'],
  metaKeys: ['result_count', 'newest_id', 'oldest_id', 'next_token', 'previous_token'],
  appLimit: 180,
  userLimit: 180,
  allowedParams: [
    'id',
    'since_id',
    'until_id',
    'max_results',
    'pagination_token',
    'exclude',
    'start_time',
    'end_time',
    'tweet.fields',
    'expansions',
    'media.fields',
    'poll.fields',
    'user.fields',
    'place.fields',
  ],
};

/** Full-archive search `max_results`: 10–500, default 10 (2.159 document). */
export const X_SEARCH_ALL_PAGE_SIZE: PageSizeLimits = Object.freeze({
  min: 10,
  max: 500,
  default: 10,
  oversized: 'reject',
});
/** The oldest `start_time` full-archive search takes: 2006-03-21T00:00:00Z, X's first day. */
export const X_ARCHIVE_START_MS = Date.UTC(2006, 2, 21);
/** Without `start_time` (or `since_id`), full-archive search covers the last 30 days. */
export const X_SEARCH_ALL_DEFAULT_DAYS = 30;
/** The longest query full-archive search takes (1,024 characters: X's quick start, Pro access). */
export const MAX_SEARCH_ALL_QUERY_LENGTH = 1024;

/**
 * `GET /2/tweets/search/all`: app tokens only (the 2.159 document's
 * security is `BearerToken` alone), 300 per 15 minutes and one request per
 * second (recorded `x-rate-limit-limit: 300`, tweepy cassette
 * `test_client_search_all_tweets.yaml`; X's rate-limit table). Meta as
 * recent search's.
 */
export const searchAll: XEndpoint = {
  name: 'searchAll',
  kind: 'search',
  pageSize: X_SEARCH_ALL_PAGE_SIZE,
  tokenParams: xEndpoints.searchRecent.tokenParams,
  metaKeys: xEndpoints.searchRecent.metaKeys,
  appLimit: 300,
  userLimit: 300,
  allowedParams: X_SEARCH_RECENT_PARAMS,
};
/** Full-archive search's second quota: one request per second. */
export const SEARCH_ALL_PER_SECOND: RateLimitRule = Object.freeze({
  bucket: 'x:searchAll:qps',
  limit: 1,
  windowMs: 1000,
  kind: 'qps',
});
