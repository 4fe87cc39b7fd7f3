import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Source, SourceCountRequest, SourceFetchRequest } from 'pagewise/engine';
import { kyselySource } from 'pagewise/kysely';
import type { EmulatorDatabase } from '../data/schema.js';
import { X_HOME_TIMELINE_REACH } from './x-endpoints.js';
import type { XRow } from './x-lists.js';

/**
 * Up to this many authors (the user and the accounts they follow), SQLite
 * merges one index range per author; above it, both engines scan posts
 * newest first and keep those of followed authors. Measured on the default
 * dataset (docs/benchmarks.md): the merge reads about one index entry per
 * row returned plus one seek per author, the scan about 1/f entries per row
 * (f: the share of all posts written by followed authors), so the merge
 * wins for few authors and the scan for many; 32 is near √(1,000 authors),
 * where the two cross for uniformly active authors. PostgreSQL plans the
 * merge as an append and a sort of every branch's rows, so it always scans.
 * (A forced merge on SQLite takes at most 500 authors: its compound SELECT limit.)
 */
export const HOME_MERGE_MAX_AUTHORS = 32;

/** How the home timeline reads posts: chosen per request (`auto`), or forced (tests). */
export type HomeTimelinePlan = 'auto' | 'merge' | 'scan';

/** What one home-timeline request reads. */
export interface HomeTimelineQuery {
  /** The user whose timeline it is (their own posts are in it too). */
  readonly userId: bigint;
  /** `exclude` values: `replies`, `retweets`. */
  readonly exclude: ReadonlySet<string>;
  /** Start of the last 7 days (ms): every post since then is in reach. */
  readonly floorMs: number;
  /** @default 'auto' */
  readonly plan?: HomeTimelinePlan;
}

type PostQuery = SelectQueryBuilder<
  EmulatorDatabase & { t: EmulatorDatabase['x_tweets'] },
  't',
  XRow
>;

/**
 * The home timeline as a keyset source: the posts of the user and of the
 * accounts they follow, newest first on `(created_at, id)`, within X's
 * reach: every post of the last 7 days and, however old, the newest 800.
 *
 * Each fetch first reads with the 7-day bound alone (a plain range on the
 * index): a forward page that fills up there, or a backward page starting
 * inside the 7 days, is exact as it is. Only a page that runs past the
 * 7-day bound looks up the 800th newest post and, when that one is older,
 * reads again down to it. So pages inside the last 7 days cost one query.
 */
export async function homeTimelineSource(
  db: Kysely<EmulatorDatabase>,
  dialect: 'sqlite' | 'postgres',
  query: HomeTimelineQuery,
): Promise<Source<XRow>> {
  const { userId, exclude, floorMs } = query;
  const plan = query.plan ?? 'auto';
  let authors: bigint[] | undefined;
  if (plan === 'merge' || (plan === 'auto' && dialect === 'sqlite')) {
    const follows = await db
      .selectFrom('x_follows')
      .select('followee_id')
      .where('follower_id', '=', userId)
      .$if(plan === 'auto', (q) => q.limit(HOME_MERGE_MAX_AUTHORS))
      .execute();
    const ids = [...new Set([userId, ...follows.map((f) => BigInt(f.followee_id))])];
    if (plan === 'merge' || ids.length <= HOME_MERGE_MAX_AUTHORS) authors = ids;
  }

  /** Home posts (before any reach bound), with the `exclude` filters. */
  const home = (): PostQuery => {
    let q: PostQuery;
    if (authors !== undefined) {
      // One branch per author: SQLite flattens the union and merges the
      // branches in index order (x_tweets_author_time), reading only what the page needs.
      const branches = authors.map((a) =>
        db.selectFrom('x_tweets').selectAll().where('author_id', '=', a),
      );
      let union = branches[0]!;
      for (const b of branches.slice(1)) union = union.unionAll(b);
      q = db.selectFrom(union.as('t')).selectAll('t') as unknown as PostQuery;
    } else {
      // x_tweets_time newest first; each post's author checked on the follow primary key.
      q = db
        .selectFrom('x_tweets as t')
        .selectAll('t')
        .where((eb) =>
          eb.or([
            eb('t.author_id', '=', userId),
            eb.exists(
              eb
                .selectFrom('x_follows as f')
                .select(sql`1`.as('one'))
                .where('f.follower_id', '=', userId)
                .whereRef('f.followee_id', '=', 't.author_id'),
            ),
          ]),
        ) as unknown as PostQuery;
    }
    if (exclude.has('retweets')) q = q.where('t.kind', '!=', 2);
    if (exclude.has('replies')) q = q.where('t.kind', '!=', 1);
    return q;
  };

  const withinDays = kyselySource(db, home().where('t.created_at', '>=', floorMs), { dialect });

  /**
   * How far back the reach goes when it passes the 7-day bound: to the
   * 800th newest home post when that one is older (`undefined` when it is
   * not), or to the start when there are fewer than 800.
   */
  const olderReach = async (): Promise<Source<XRow> | undefined> => {
    const row = await home()
      .clearSelect()
      .select(['t.created_at', 't.id'])
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .offset(X_HOME_TIMELINE_REACH - 1)
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) return kyselySource(db, home(), { dialect });
    if (Number(row['created_at']) >= floorMs) return undefined;
    const bound = sql<SqlBool>`(${sql.ref('t.created_at')}, ${sql.ref('t.id')}) >= (${Number(row['created_at'])}, ${BigInt(row['id'] as bigint)})`;
    return kyselySource(db, home().where(bound), { dialect });
  };

  return Object.freeze({
    async fetch(request: SourceFetchRequest): Promise<readonly XRow[]> {
      const rows = await withinDays.fetch(request);
      const boundary = request.boundary;
      const exact =
        boundary?.direction === 'before'
          ? Number(boundary.keys[0]) >= floorMs
          : rows.length >= request.limit;
      if (exact) return rows;
      const reach = await olderReach();
      return reach === undefined ? rows : reach.fetch(request);
    },
    async count(request: SourceCountRequest): Promise<number> {
      return ((await olderReach()) ?? withinDays).count(request);
    },
  });
}
