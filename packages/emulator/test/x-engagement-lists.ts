import { type Kysely, sql } from 'kysely';
import type { EmulatorDatabase } from '../src/data/schema.js';

/*
 * What a walk of each new X list must return, read straight from the
 * database in the list's order (shared by the walk, churn and client tests).
 */

/** One of the five engagement lists, on its longest instance in the data. */
export interface EngagementList {
  readonly path: string;
  readonly pageSize: number;
  /** The ids the walk must return, in order (`stableOnly`: the seeded rows only). */
  expected(db: Kysely<EmulatorDatabase>, options?: { stableOnly?: boolean }): Promise<string[]>;
}

/** Mentions, liked posts, liking users, retweeted_by and quote posts, in that order. */
export type EngagementLists = readonly [
  EngagementList,
  EngagementList,
  EngagementList,
  EngagementList,
  EngagementList,
];

/** The five engagement lists, each on its longest instance in the data. */
export async function engagementLists(db: Kysely<EmulatorDatabase>): Promise<EngagementLists> {
  const top = async (q: Promise<{ k: string | number | bigint } | undefined>): Promise<bigint> =>
    BigInt((await q)?.k ?? 0);
  const mentioned = await top(
    db
      .selectFrom('x_mentions')
      .select('user_id as k')
      .groupBy('user_id')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
  const liker = await top(
    db
      .selectFrom('x_likes')
      .select('user_id as k')
      .groupBy('user_id')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
  const liked = await top(
    db
      .selectFrom('x_tweets')
      .select('id as k')
      .orderBy('like_count', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
  );
  const retweeted = await top(
    db
      .selectFrom('x_tweets')
      .select('id as k')
      .orderBy('retweet_count', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
  );
  const quoted = await top(
    db
      .selectFrom('x_tweets')
      .select('id as k')
      .orderBy('quote_count', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
  );
  const ids = (rows: { id: unknown }[]) => rows.map((r) => String(r.id));
  return [
    {
      path: `/2/users/${mentioned}/mentions`,
      pageSize: 20,
      expected: async (d, o) =>
        ids(
          await d
            .selectFrom('x_mentions')
            .select('tweet_id as id')
            .where('user_id', '=', mentioned)
            .$if(o?.stableOnly === true, (q) => q.where('origin', '=', 0))
            .orderBy('created_at', 'desc')
            .orderBy('tweet_id', 'desc')
            .limit(800)
            .execute(),
        ),
    },
    {
      path: `/2/users/${liker}/liked_tweets`,
      pageSize: 20,
      expected: async (d, o) =>
        ids(
          await d
            .selectFrom('x_likes')
            .select('tweet_id as id')
            .where('user_id', '=', liker)
            .$if(o?.stableOnly === true, (q) => q.where('origin', '=', 0))
            .orderBy('created_at', 'desc')
            .orderBy('tweet_id', 'desc')
            .execute(),
        ),
    },
    {
      path: `/2/tweets/${liked}/liking_users`,
      pageSize: 2,
      expected: async (d, o) =>
        ids(
          await d
            .selectFrom('x_likes')
            .select('user_id as id')
            .where('tweet_id', '=', liked)
            .$if(o?.stableOnly === true, (q) => q.where('origin', '=', 0))
            .orderBy('created_at', 'desc')
            .orderBy('user_id', 'desc')
            .execute(),
        ),
    },
    {
      path: `/2/tweets/${retweeted}/retweeted_by`,
      pageSize: 2,
      expected: async (d, o) =>
        ids(
          await d
            .selectFrom('x_tweets')
            .select('author_id as id')
            .where('referenced_tweet_id', '=', retweeted)
            .where('kind', '=', 2)
            .$if(o?.stableOnly === true, (q) => q.where('origin', '=', 0))
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .execute(),
        ),
    },
    {
      path: `/2/tweets/${quoted}/quote_tweets`,
      pageSize: 10,
      expected: async (d, o) =>
        ids(
          await d
            .selectFrom('x_tweets')
            .select('id')
            .where('referenced_tweet_id', '=', quoted)
            .where('kind', '=', 3)
            .$if(o?.stableOnly === true, (q) => q.where('origin', '=', 0))
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .execute(),
        ),
    },
  ];
}
