import type { CompiledQuery, Kysely } from 'kysely';
import { StyleProblemError } from 'pagewise/styles';
import type { EmulatorDatabase } from '../data/schema.js';
import type { XRow } from './x-lists.js';

/** The user row with this id, or X's "resource not found" (`raw` is the id as sent). */
export async function findXUser(
  db: Kysely<EmulatorDatabase>,
  id: bigint,
  raw: string,
): Promise<XRow> {
  const row = await db.selectFrom('x_users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'user', id: raw });
  return row as unknown as XRow;
}

/** What a list of a user's posts needs of the user: that it exists, and its post counters. */
export interface XUserPostCounters {
  /** The user's posts (kept by the x-metric triggers). */
  readonly tweetCount: string;
  /** The user's newest post (kept by the same triggers), or `null`. */
  readonly mostRecentTweetId: string | null;
}

/**
 * A reader of {@link XUserPostCounters} for the lists that start from a
 * user (`/2/users/:id/…`): X's "resource not found" when the user does not
 * exist. The statement is compiled once and only its id changes per
 * request: this runs on every page of those lists, and Kysely's build and
 * compile of even a one-line select costs more than the primary-key read.
 */
export function xUserPostCounters(
  db: Kysely<EmulatorDatabase>,
): (id: bigint, raw: string) => Promise<XUserPostCounters> {
  let compiled: CompiledQuery | undefined;
  return async (id, raw) => {
    compiled ??= db
      .selectFrom('x_users')
      .select(['tweet_count', 'most_recent_tweet_id'])
      .where('id', '=', 0n)
      .compile();
    const { rows } = await db.executeQuery<{
      tweet_count: unknown;
      most_recent_tweet_id: unknown;
    }>({ ...compiled, parameters: [id] } as CompiledQuery);
    const row = rows[0];
    if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'user', id: raw });
    const recent = row.most_recent_tweet_id;
    return {
      tweetCount: String(row.tweet_count),
      mostRecentTweetId: recent === null || recent === undefined ? null : String(recent),
    };
  };
}
