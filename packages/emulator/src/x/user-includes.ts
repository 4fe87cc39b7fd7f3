import type { Kysely } from 'kysely';
import type { EmulatorDatabase } from '../data/schema.js';
import type { RawQuery } from '../http/bad-param.js';
import { rowsByIds } from './post-includes.js';
import {
  listParam,
  tweetItem,
  X_TWEET_FIELDS,
  X_USER_EXPANSIONS,
  X_USER_FIELDS,
} from './x-fields.js';

/** What a user list's or lookup's field and expansion parameters ask for. */
export interface UserOptions {
  /** Fields written on each user: `user.fields` plus those the expansions need. */
  readonly fields: ReadonlySet<string>;
  /** `expansions=most_recent_tweet_id`: the users' latest posts in `includes.tweets`. */
  readonly latestPosts: boolean;
  /** `tweet.fields`, for the posts in `includes.tweets`. */
  readonly tweetFields: ReadonlySet<string>;
}

/**
 * Reads `user.fields`, `expansions` and `tweet.fields` of a user list or
 * lookup (each checked against X's values). An expansion implies the field
 * it expands, as on post lists. `pinned_tweet_id` and `affiliation.user_id`
 * are accepted; no user has a pinned post or an affiliation.
 */
export function userOptions(query: RawQuery): UserOptions {
  const requested = listParam(query, 'user.fields', X_USER_FIELDS);
  const expansions = listParam(query, 'expansions', X_USER_EXPANSIONS);
  const tweetFields = listParam(query, 'tweet.fields', X_TWEET_FIELDS);
  const latestPosts = expansions.has('most_recent_tweet_id');
  const fields = latestPosts ? new Set([...requested, 'most_recent_tweet_id']) : requested;
  return { fields, latestPosts, tweetFields };
}

/** What the includes read of a user item. */
export interface UserItem {
  readonly most_recent_tweet_id?: string;
}

/**
 * X's `includes` for users: `tweets`, the latest post of each user that has
 * one (in the users' order, with the requested `tweet.fields`), in one
 * query. No expansion asked for: `undefined`.
 */
export async function userIncludes(
  db: Kysely<EmulatorDatabase>,
  users: readonly UserItem[],
  options: UserOptions,
): Promise<Record<string, readonly unknown[]> | undefined> {
  if (!options.latestPosts) return undefined;
  const ids = [
    ...new Set(users.flatMap((u) => (u.most_recent_tweet_id ? [u.most_recent_tweet_id] : []))),
  ];
  const tweets = (await rowsByIds(db, 'x_tweets', ids)).map((r) =>
    tweetItem(r, options.tweetFields),
  );
  return { tweets };
}
