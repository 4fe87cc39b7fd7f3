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
    return postCountersOf(row.tweet_count, row.most_recent_tweet_id);
  };
}

/** {@link XUserPostCounters} from the two columns as either driver returns them (bigint or number). */
export function postCountersOf(tweetCount: unknown, mostRecentTweetId: unknown): XUserPostCounters {
  return {
    tweetCount: String(tweetCount),
    mostRecentTweetId:
      mostRecentTweetId === null || mostRecentTweetId === undefined
        ? null
        : String(mostRecentTweetId),
  };
}

/**
 * A check that a user exists (else X's "resource not found"), for lists
 * that need nothing else of the user (followers, following). A user found
 * is not looked up again for `maxAgeMs`: the emulator never deletes a user
 * (neither the churn writer nor the admin routes do), so the answer cannot
 * go stale, and this spares every page of a walk a round trip; the age
 * limit keeps a database changed behind the emulator's back (another
 * replica reseeding it) from being trusted long.
 */
export function xUserExists(
  db: Kysely<EmulatorDatabase>,
  maxAgeMs = 1000,
): (id: bigint, raw: string) => Promise<void> {
  const read = xUserPostCounters(db);
  const found = new Map<bigint, number>();
  return async (id, raw) => {
    const now = performance.now();
    const at = found.get(id);
    if (at !== undefined && now - at < maxAgeMs) return;
    await read(id, raw);
    // Bounded: forget them all rather than track ages (a walk finds its user again at once).
    if (found.size >= 10_000) found.clear();
    found.set(id, now);
  };
}
