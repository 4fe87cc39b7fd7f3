import { type Kysely, sql } from 'kysely';
import { postEntitiesJson, skewedIndex, tweetText } from '../data/generate-dataset.js';
import { snowflake } from '../data/ids.js';
import type { Prng } from '../data/prng.js';
import type { EmulatorDatabase, Int } from '../data/schema.js';
import { mentionRows } from '../data/x-mentions.js';
import { POST_KIND } from '../data/x-post-graph.js';

const DAY = 86_400_000;

/** What the engagement churn draws from, loaded once per writer. */
export interface EngagementPools {
  /** Seeded user ids, seed order (the 1/√x skew favours the first). */
  readonly users: readonly bigint[];
  /** Their usernames, same order. */
  readonly usernames: readonly string[];
  readonly idsByUsername: ReadonlyMap<string, Int>;
  /** The most engaged seeded posts (not retweets): churn lands where walks are long. */
  readonly popular: readonly {
    readonly id: bigint;
    readonly createdAt: number;
    readonly authorId: bigint;
  }[];
  /** The users with the most seeded likes. */
  readonly likers: readonly bigint[];
}

/** Loads the pools of {@link EngagementPools} from the seeded rows. */
export async function loadEngagementPools(db: Kysely<EmulatorDatabase>): Promise<EngagementPools> {
  const userRows = await db
    .selectFrom('x_users')
    .select(['id', 'username'])
    .where('origin', '=', 0)
    .orderBy('id')
    .execute();
  const popular = await db
    .selectFrom('x_tweets')
    .select(['id', 'created_at', 'author_id'])
    .where('origin', '=', 0)
    .where('kind', '!=', POST_KIND.retweet)
    .orderBy(sql`like_count + retweet_count + quote_count`, 'desc')
    .orderBy('id')
    .limit(20)
    .execute();
  const likers = await db
    .selectFrom('x_likes')
    .select('user_id')
    .where('origin', '=', 0)
    .groupBy('user_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('user_id')
    .limit(5)
    .execute();
  return {
    users: userRows.map((u) => BigInt(u.id)),
    usernames: userRows.map((u) => u.username),
    idsByUsername: new Map(userRows.map((u) => [u.username.toLowerCase(), u.id])),
    popular: popular.map((p) => ({
      id: BigInt(p.id),
      createdAt: Number(p.created_at),
      authorId: BigInt(p.author_id),
    })),
    likers: likers.map((l) => BigInt(l.user_id)),
  };
}

/**
 * Inserts one post (`origin = 1`): an original (sometimes mentioning a
 * user), or a retweet or quote of a popular seeded post, with its
 * mentions and the referenced post's count in the same transaction, so
 * `retweet_count`/`quote_count` and `x_mentions` stay derived from the
 * rows. Returns whether a row went in.
 */
export async function insertChurnPost(
  db: Kysely<EmulatorDatabase>,
  r: Prng,
  pools: EngagementPools,
  anchorMs: number,
  k: number,
): Promise<boolean> {
  if (pools.users.length === 0) return false;
  const authorId = pools.users[skewedIndex(r, pools.users.length)] as bigint;
  const roll = r.next();
  const target = roll < 0.5 && pools.popular.length > 0 ? r.pick(pools.popular) : undefined;
  let kind: number = POST_KIND.original;
  if (target) kind = roll < 0.25 ? POST_KIND.retweet : POST_KIND.quote;
  const from = target ? target.createdAt + 1 : anchorMs - 30 * DAY;
  const createdAt = from + r.int(Math.max(1, anchorMs - 1 - from));
  const targetAuthor = target
    ? await db
        .selectFrom('x_users')
        .select('username')
        .where('id', '=', target.authorId)
        .executeTakeFirst()
    : undefined;
  let text = tweetText(r, kind === POST_KIND.retweet ? 2 : 0, targetAuthor?.username ?? 'churn');
  if (kind === POST_KIND.original && r.chance(0.5)) {
    text = `${text} @${pools.usernames[skewedIndex(r, pools.usernames.length)] as string}`;
  }
  const post = {
    id: snowflake(createdAt, 2 ** 21 + (k % 2 ** 21)),
    author_id: authorId,
    created_at: createdAt,
    text,
    entities: postEntitiesJson(text, (name) =>
      pools.idsByUsername.get(name.toLowerCase())?.toString(),
    ),
    kind,
    in_reply_to_user_id: null,
    referenced_tweet_id: target?.id ?? null,
    lang: 'en',
    like_count: 0,
    retweet_count: 0,
    reply_count: 0,
    quote_count: 0,
    origin: 1,
  };
  return db.transaction().execute(async (trx) => {
    if (kind === POST_KIND.retweet && target) {
      // A user retweets a post once.
      const again = await trx
        .selectFrom('x_tweets')
        .select('id')
        .where('referenced_tweet_id', '=', target.id)
        .where('kind', '=', POST_KIND.retweet)
        .where('author_id', '=', authorId)
        .executeTakeFirst();
      if (again) return false;
    }
    const res = await trx
      .insertInto('x_tweets')
      .values(post)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
    const mentions = mentionRows(post, pools.idsByUsername);
    if (mentions.length > 0) await trx.insertInto('x_mentions').values(mentions).execute();
    if (target) {
      const column = kind === POST_KIND.retweet ? 'retweet_count' : 'quote_count';
      await trx
        .updateTable('x_tweets')
        .set({ [column]: sql`${sql.ref(column)} + 1` })
        .where('id', '=', target.id)
        .execute();
    }
    return true;
  });
}

/** Deletes one churn-inserted post with its mentions and likes, and lowers the count it raised. */
export async function deleteChurnPost(db: Kysely<EmulatorDatabase>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const post = await trx
      .selectFrom('x_tweets')
      .select(['id', 'kind', 'referenced_tweet_id'])
      .where('origin', '=', 1)
      .limit(1)
      .executeTakeFirst();
    if (!post) return 0;
    await trx.deleteFrom('x_mentions').where('tweet_id', '=', post.id).execute();
    await trx.deleteFrom('x_likes').where('tweet_id', '=', post.id).execute();
    const res = await trx.deleteFrom('x_tweets').where('id', '=', post.id).executeTakeFirst();
    // Another writer got there first: nothing to count down.
    if (Number(res.numDeletedRows) === 0) return 0;
    const kind = Number(post.kind);
    const column =
      kind === POST_KIND.retweet
        ? 'retweet_count'
        : kind === POST_KIND.quote
          ? 'quote_count'
          : kind === POST_KIND.reply
            ? 'reply_count'
            : undefined;
    if (column && post.referenced_tweet_id !== null) {
      await trx
        .updateTable('x_tweets')
        .set({ [column]: sql`${sql.ref(column)} - 1` })
        .where('id', '=', post.referenced_tweet_id)
        .execute();
    }
    return Number(res.numDeletedRows);
  });
}

/** Picks made for one like before giving up: heavy likers often like the popular posts already. */
const LIKE_ATTEMPTS = 8;

/**
 * Inserts one like (`origin = 1`) of a seeded post, often by a heavy liker
 * or of a popular post, at a time between the post and the anchor (so it
 * lands inside walks, not only at their head), and raises `like_count`. A
 * pick that already exists (that user likes that post) is drawn again, so
 * the writer's like rate holds whatever its random stream; `false` only
 * when no pick of several could be inserted.
 */
export async function insertChurnLike(
  db: Kysely<EmulatorDatabase>,
  r: Prng,
  pools: EngagementPools,
  anchorMs: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < LIKE_ATTEMPTS; attempt++) {
    if (await tryInsertChurnLike(db, r, pools, anchorMs)) return true;
  }
  return false;
}

/** One pick of {@link insertChurnLike}: `false` when it already existed or found no post. */
async function tryInsertChurnLike(
  db: Kysely<EmulatorDatabase>,
  r: Prng,
  pools: EngagementPools,
  anchorMs: number,
): Promise<boolean> {
  if (pools.users.length === 0) return false;
  const userId =
    pools.likers.length > 0 && r.chance(0.5)
      ? r.pick(pools.likers)
      : (pools.users[skewedIndex(r, pools.users.length)] as bigint);
  let post: { id: bigint; createdAt: number } | undefined =
    pools.popular.length > 0 && r.chance(0.5) ? r.pick(pools.popular) : undefined;
  if (!post) {
    const at = anchorMs - r.int(30 * DAY);
    const row = await db
      .selectFrom('x_tweets')
      .select(['id', 'created_at'])
      .where('created_at', '>=', at)
      .where('origin', '=', 0)
      .where('kind', '!=', POST_KIND.retweet)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!row) return false;
    post = { id: BigInt(row.id), createdAt: Number(row.created_at) };
  }
  const likedAt = post.createdAt + r.int(Math.max(1, anchorMs - 1 - post.createdAt));
  const postId = post.id;
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto('x_likes')
      .values({ user_id: userId, tweet_id: postId, created_at: likedAt, origin: 1 })
      .onConflict((oc) => oc.columns(['user_id', 'tweet_id']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
    await trx
      .updateTable('x_tweets')
      .set({ like_count: sql`like_count + 1` })
      .where('id', '=', postId)
      .execute();
    return true;
  });
}

/** Deletes one churn-inserted like and lowers the post's `like_count`. */
export async function deleteChurnLike(db: Kysely<EmulatorDatabase>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const like = await trx
      .selectFrom('x_likes')
      .select(['user_id', 'tweet_id'])
      .where('origin', '=', 1)
      .limit(1)
      .executeTakeFirst();
    if (!like) return 0;
    const res = await trx
      .deleteFrom('x_likes')
      .where('user_id', '=', like.user_id)
      .where('tweet_id', '=', like.tweet_id)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return 0;
    await trx
      .updateTable('x_tweets')
      .set({ like_count: sql`like_count - 1` })
      .where('id', '=', like.tweet_id)
      .execute();
    return Number(res.numDeletedRows);
  });
}
