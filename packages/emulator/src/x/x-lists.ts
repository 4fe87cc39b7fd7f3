import { definePaginatedList, type PageTokenCodec, type PaginatedList } from 'pagewise/engine';
import {
  type PageSizeLimits,
  X_SEARCH_PAGE_SIZE,
  X_TIMELINE_PAGE_SIZE,
  X_USERS_PAGE_SIZE,
} from 'pagewise/styles';
import { X_HOME_TIMELINE_PAGE_SIZE, X_SEARCH_ALL_PAGE_SIZE } from './x-endpoints.js';

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
    windows: {
      since_id: { column: 't.id', op: '>', kind: 'bigint' },
      until_id: { column: 't.id', op: '<', kind: 'bigint' },
      start_time: { column: 't.created_at', op: '>=', kind: 'number' },
      end_time: { column: 't.created_at', op: '<', kind: 'number' },
    },
  });
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

/** Defines the X lists on `codec`. */
export function xLists(codec: PageTokenCodec): XLists {
  return Object.freeze({
    userTweets: tweetList('x.user_tweets', codec, X_TIMELINE_PAGE_SIZE),
    searchRecent: tweetList('x.search_recent', codec, X_SEARCH_PAGE_SIZE),
    homeTimeline: tweetList('x.home_timeline', codec, X_HOME_TIMELINE_PAGE_SIZE),
    searchAll: tweetList('x.search_all', codec, X_SEARCH_ALL_PAGE_SIZE),
    followers: followList('x.followers', codec, 'f.follower_id'),
    following: followList('x.following', codec, 'f.followee_id'),
  });
}
