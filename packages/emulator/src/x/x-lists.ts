import { definePaginatedList, type PageTokenCodec, type PaginatedList } from 'pagewise/engine';
import {
  type PageSizeLimits,
  X_SEARCH_PAGE_SIZE,
  X_TIMELINE_PAGE_SIZE,
  X_USERS_PAGE_SIZE,
} from 'pagewise/styles';
import {
  X_ENGAGING_USERS_PAGE_SIZE,
  X_HOME_TIMELINE_PAGE_SIZE,
  X_LIKED_TWEETS_PAGE_SIZE,
  X_MENTIONS_PAGE_SIZE,
  X_QUOTE_TWEETS_PAGE_SIZE,
  X_SEARCH_ALL_PAGE_SIZE,
} from './x-endpoints.js';

/** Rows as the X list queries select them. */
export type XRow = Record<string, unknown>;

/** The engine lists behind the X endpoints. */
export interface XLists {
  readonly userTweets: PaginatedList<XRow>;
  readonly searchRecent: PaginatedList<XRow>;
  readonly homeTimeline: PaginatedList<XRow>;
  readonly searchAll: PaginatedList<XRow>;
  readonly followers: PaginatedList<XRow>;
  readonly following: PaginatedList<XRow>;
  readonly userMentions: PaginatedList<XRow>;
  readonly likedTweets: PaginatedList<XRow>;
  readonly likingUsers: PaginatedList<XRow>;
  readonly retweetedBy: PaginatedList<XRow>;
  readonly quoteTweets: PaginatedList<XRow>;
}

const size = (l: PageSizeLimits) =>
  ({ default: l.default, min: l.min, max: l.max, oversize: 'reject' }) as const;

/**
 * Posts newest first: `(created_at desc, id desc)` (indexes
 * `x_tweets_author_time`, `x_tweets_time`), with X's four windows. Both
 * time bounds follow search's documented rule, start inclusive and end
 * exclusive (the timeline's own rule is UNCONFIRMED; same choice).
 */
function tweetList(
  name: string,
  codec: PageTokenCodec,
  limits: PageSizeLimits,
): PaginatedList<XRow> {
  return definePaginatedList<XRow>({
    name,
    codec,
    sort: [
      { column: 't.created_at', kind: 'number', direction: 'desc', nullable: false },
      { column: 't.id', kind: 'bigint', direction: 'desc', unique: true },
    ],
    pageSize: size(limits),
    windows: postWindows('t.id', 't.created_at'),
  });
}

/**
 * X's four windows over posts: `since_id`/`until_id` exclusive on the post
 * id, `start_time` inclusive and `end_time` exclusive on its time.
 */
function postWindows(idColumn: string, timeColumn: string) {
  return {
    since_id: { column: idColumn, op: '>', kind: 'bigint' },
    until_id: { column: idColumn, op: '<', kind: 'bigint' },
    start_time: { column: timeColumn, op: '>=', kind: 'number' },
    end_time: { column: timeColumn, op: '<', kind: 'number' },
  } as const;
}

/** Users of a follow list, newest follow first (indexes `x_follows_followee_time` / `x_follows_follower_time`). */
function followList(
  name: string,
  codec: PageTokenCodec,
  idColumn: 'f.follower_id' | 'f.followee_id',
): PaginatedList<XRow> {
  return definePaginatedList<XRow>({
    name,
    codec,
    sort: [
      {
        column: 'f.created_at',
        field: 'follow_created_at',
        kind: 'number',
        direction: 'desc',
        nullable: false,
      },
      {
        column: idColumn,
        field: 'follow_user_id',
        kind: 'bigint',
        direction: 'desc',
        unique: true,
      },
    ],
    pageSize: size(X_USERS_PAGE_SIZE),
  });
}

/**
 * A user's mentions, newest post first: a walk on `x_mentions_user_time`
 * (`m.created_at` is the post's time, `m.tweet_id` its id, so the row's
 * own `created_at` and `id` hold the keys), with X's four windows.
 */
function mentionList(codec: PageTokenCodec): PaginatedList<XRow> {
  return definePaginatedList<XRow>({
    name: 'x.user_mentions',
    codec,
    sort: [
      {
        column: 'm.created_at',
        field: 'created_at',
        kind: 'number',
        direction: 'desc',
        nullable: false,
      },
      { column: 'm.tweet_id', field: 'id', kind: 'bigint', direction: 'desc', unique: true },
    ],
    pageSize: size(X_MENTIONS_PAGE_SIZE),
    windows: postWindows('m.tweet_id', 'm.created_at'),
  });
}

/**
 * Likes, newest like first: of a user (`x_likes_user_time`, the other key
 * is the post id) or of a post (`x_likes_tweet_time`, the other key is the
 * user id). Rows carry `like_created_at` and `like_other_id`.
 */
function likeList(
  name: string,
  codec: PageTokenCodec,
  otherColumn: 'l.tweet_id' | 'l.user_id',
  limits: PageSizeLimits,
): PaginatedList<XRow> {
  return definePaginatedList<XRow>({
    name,
    codec,
    sort: [
      {
        column: 'l.created_at',
        field: 'like_created_at',
        kind: 'number',
        direction: 'desc',
        nullable: false,
      },
      {
        column: otherColumn,
        field: 'like_other_id',
        kind: 'bigint',
        direction: 'desc',
        unique: true,
      },
    ],
    pageSize: size(limits),
  });
}

/**
 * Posts pointing at one post (`x_tweets_ref_kind_time`), newest first:
 * the retweets behind retweeted_by (rows carry `ref_created_at` and
 * `ref_id`, the items are their authors) or the quotes.
 */
function referencingList(
  name: string,
  codec: PageTokenCodec,
  limits: PageSizeLimits,
): PaginatedList<XRow> {
  return definePaginatedList<XRow>({
    name,
    codec,
    sort: [
      {
        column: 'r.created_at',
        field: 'ref_created_at',
        kind: 'number',
        direction: 'desc',
        nullable: false,
      },
      { column: 'r.id', field: 'ref_id', kind: 'bigint', direction: 'desc', unique: true },
    ],
    pageSize: size(limits),
  });
}

/** Defines the X lists on `codec`. */
export function xLists(codec: PageTokenCodec): XLists {
  return Object.freeze({
    userTweets: tweetList('x.user_tweets', codec, X_TIMELINE_PAGE_SIZE),
    searchRecent: tweetList('x.search_recent', codec, X_SEARCH_PAGE_SIZE),
    homeTimeline: tweetList('x.home_timeline', codec, X_HOME_TIMELINE_PAGE_SIZE),
    searchAll: tweetList('x.search_all', codec, X_SEARCH_ALL_PAGE_SIZE),
    followers: followList('x.followers', codec, 'f.follower_id'),
    following: followList('x.following', codec, 'f.followee_id'),
    userMentions: mentionList(codec),
    likedTweets: likeList('x.liked_tweets', codec, 'l.tweet_id', X_LIKED_TWEETS_PAGE_SIZE),
    likingUsers: likeList('x.liking_users', codec, 'l.user_id', X_ENGAGING_USERS_PAGE_SIZE),
    retweetedBy: referencingList('x.retweeted_by', codec, X_ENGAGING_USERS_PAGE_SIZE),
    quoteTweets: referencingList('x.quote_tweets', codec, X_QUOTE_TWEETS_PAGE_SIZE),
  });
}
