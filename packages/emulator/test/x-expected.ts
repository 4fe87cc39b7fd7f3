import { sql } from 'kysely';
import type { EmulatorApp } from '../src/index.js';
import { fromUsernames, parseSearchQuery, searchPredicate } from '../src/x/search-query.js';

/*
 * What the X walks expect, read from the tables with the emulator's own
 * predicates: a user's home timeline and the posts a search query selects.
 */

/** The emulator's Kysely instance. */
export type EmulatorKysely = EmulatorApp['emulator']['context']['handle']['db'];

/**
 * The home timeline of `userId`, newest first, as `{ id, time }`: the
 * user's posts and those of the accounts they follow (with `origin`, only
 * seeded posts and follows), without `exclude`d kinds; with `floorMs`, only
 * what X reaches: every post since then and the newest 800.
 */
export async function homeRows(
  kdb: EmulatorKysely,
  userId: bigint,
  options: { floorMs?: number; origin?: number; exclude?: readonly number[] } = {},
): Promise<{ id: string; time: number }[]> {
  const { floorMs, origin, exclude = [] } = options;
  const rows = await kdb
    .selectFrom('x_tweets as t')
    .select(['t.id', 't.created_at'])
    .where((eb) =>
      eb.or([
        eb('t.author_id', '=', userId),
        eb(
          't.author_id',
          'in',
          eb
            .selectFrom('x_follows')
            .select('followee_id')
            .where('follower_id', '=', userId)
            .$if(origin !== undefined, (f) => f.where('origin', '=', origin as number)),
        ),
      ]),
    )
    .$if(origin !== undefined, (q) => q.where('t.origin', '=', origin as number))
    .$if(exclude.length > 0, (q) => q.where('t.kind', 'not in', [...exclude]))
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .execute();
  return rows
    .map((r) => ({ id: String(r.id), time: Number(r.created_at) }))
    .filter((r, i) => floorMs === undefined || i < 800 || r.time >= floorMs);
}

/** Ids of the posts a search query selects (the emulator's own predicate), newest first. */
export async function searchIds(
  kdb: EmulatorKysely,
  query: string,
  options: { origin?: number; dialect?: 'sqlite' | 'postgres' } = {},
): Promise<string[]> {
  const node = parseSearchQuery(query);
  const authors = new Map<string, bigint>();
  for (const name of fromUsernames(node)) {
    const user = await kdb
      .selectFrom('x_users')
      .select('id')
      .where(sql<string>`lower(username)`, '=', name)
      .executeTakeFirst();
    if (user) authors.set(name, BigInt(user.id));
  }
  const rows = await kdb
    .selectFrom('x_tweets as t')
    .select('t.id')
    .where(searchPredicate(node, authors, options.dialect))
    .$if(options.origin !== undefined, (q) => q.where('t.origin', '=', options.origin as number))
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .execute();
  return rows.map((r) => String(r.id));
}
