import { Type } from '@sinclair/typebox';
import { type XEndpoint, xEndpoints } from 'pagewise/styles';

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
