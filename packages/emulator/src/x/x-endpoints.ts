import { Type } from '@sinclair/typebox';
import { type PageSizeLimits, type XEndpoint, xEndpoints } from 'pagewise/styles';

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
