import { type Kysely, sql } from 'kysely';

/*
 * X users carry counts that must equal the lists the API serves
 * (`followers_count` is the length of `GET /2/users/:id/followers`), and
 * the id of their latest post. Counting per request would cost a COUNT per
 * user per page; instead row triggers on `x_tweets` and `x_follows` keep
 * (and on `x_likes`, for `like_count`) the columns current for every writer (the churn writer, tests, a replica),
 * and the seed, which loads with the triggers off, recounts once.
 */

/** The latest post of the author in `author` (an SQL expression), by the timeline's order. */
const latestPost = (author: string) =>
  `(select t.id from x_tweets t where t.author_id = ${author} order by t.created_at desc, t.id desc limit 1)`;

/** Trigger DDL per dialect, run by migration 0004. */
export const X_METRIC_TRIGGERS: Readonly<Record<'sqlite' | 'postgres', readonly string[]>> = {
  sqlite: [
    `create trigger x_tweets_metrics_insert after insert on x_tweets begin
       update x_users set tweet_count = tweet_count + 1, most_recent_tweet_id = ${latestPost('new.author_id')}
        where id = new.author_id;
     end`,
    `create trigger x_tweets_metrics_delete after delete on x_tweets begin
       update x_users set tweet_count = tweet_count - 1, most_recent_tweet_id = ${latestPost('old.author_id')}
        where id = old.author_id;
     end`,
    // One statement for both users, so concurrent writers lock them in the same order.
    `create trigger x_follows_metrics_insert after insert on x_follows begin
       update x_users set followers_count = followers_count + (id = new.followee_id),
                          following_count = following_count + (id = new.follower_id)
        where id in (new.followee_id, new.follower_id);
     end`,
    `create trigger x_follows_metrics_delete after delete on x_follows begin
       update x_users set followers_count = followers_count - (id = old.followee_id),
                          following_count = following_count - (id = old.follower_id)
        where id in (old.followee_id, old.follower_id);
     end`,
  ],
  postgres: [
    `create or replace function x_tweets_metrics() returns trigger language plpgsql as $$
     declare
       author bigint := case when tg_op = 'INSERT' then new.author_id else old.author_id end;
     begin
       update x_users set tweet_count = tweet_count + case when tg_op = 'INSERT' then 1 else -1 end,
                          most_recent_tweet_id = ${latestPost('author')}
        where id = author;
       return null;
     end $$`,
    `create trigger x_tweets_metrics after insert or delete on x_tweets
       for each row execute function x_tweets_metrics()`,
    `create or replace function x_follows_metrics() returns trigger language plpgsql as $$
     declare
       step int := case when tg_op = 'INSERT' then 1 else -1 end;
       followee bigint := case when tg_op = 'INSERT' then new.followee_id else old.followee_id end;
       follower bigint := case when tg_op = 'INSERT' then new.follower_id else old.follower_id end;
     begin
       update x_users set followers_count = followers_count + step * (id = followee)::int,
                          following_count = following_count + step * (id = follower)::int
        where id in (followee, follower);
       return null;
     end $$`,
    `create trigger x_follows_metrics after insert or delete on x_follows
       for each row execute function x_follows_metrics()`,
  ],
};

/**
 * Trigger DDL per dialect for a user's `like_count` (the length of their
 * liked_tweets list), run by migration 0007.
 */
export const X_LIKE_COUNT_TRIGGERS: Readonly<Record<'sqlite' | 'postgres', readonly string[]>> = {
  sqlite: [
    `create trigger x_likes_user_count_insert after insert on x_likes begin
       update x_users set like_count = like_count + 1 where id = new.user_id;
     end`,
    `create trigger x_likes_user_count_delete after delete on x_likes begin
       update x_users set like_count = like_count - 1 where id = old.user_id;
     end`,
  ],
  postgres: [
    `create or replace function x_likes_user_count() returns trigger language plpgsql as $$
     begin
       if tg_op = 'INSERT' then
         update x_users set like_count = like_count + 1 where id = new.user_id;
       else
         update x_users set like_count = like_count - 1 where id = old.user_id;
       end if;
       return null;
     end $$`,
    `create trigger x_likes_user_count after insert or delete on x_likes
       for each row execute function x_likes_user_count()`,
  ],
};

/** Drops the `like_count` triggers (and PostgreSQL's function). */
export async function dropXLikeCountTriggers(
  db: Kysely<unknown>,
  dialect: 'sqlite' | 'postgres',
): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`drop trigger if exists x_likes_user_count_insert`.execute(db);
    await sql`drop trigger if exists x_likes_user_count_delete`.execute(db);
    return;
  }
  await sql`drop trigger if exists x_likes_user_count on x_likes`.execute(db);
  await sql`drop function if exists x_likes_user_count()`.execute(db);
}

/** Tables whose triggers keep the counts (PostgreSQL turns them off for a bulk load). */
export const X_METRIC_TRIGGER_TABLES = ['x_tweets', 'x_follows', 'x_likes'] as const;

/** Drops the triggers (and PostgreSQL's functions). */
export async function dropXMetricTriggers(
  db: Kysely<unknown>,
  dialect: 'sqlite' | 'postgres',
): Promise<void> {
  if (dialect === 'sqlite') {
    for (const name of [
      'x_tweets_metrics_insert',
      'x_tweets_metrics_delete',
      'x_follows_metrics_insert',
      'x_follows_metrics_delete',
    ]) {
      await sql.raw(`drop trigger if exists ${name}`).execute(db);
    }
    return;
  }
  await sql`drop trigger if exists x_tweets_metrics on x_tweets`.execute(db);
  await sql`drop trigger if exists x_follows_metrics on x_follows`.execute(db);
  await sql`drop function if exists x_tweets_metrics()`.execute(db);
  await sql`drop function if exists x_follows_metrics()`.execute(db);
}

/**
 * Recounts every user's counts and latest post from the tables, one
 * statement (each subquery an index range): run by the seed after loading.
 */
export const RECOUNT_X_METRICS = `update x_users set
  followers_count = (select count(*) from x_follows f where f.followee_id = x_users.id),
  following_count = (select count(*) from x_follows f where f.follower_id = x_users.id),
  tweet_count = (select count(*) from x_tweets t where t.author_id = x_users.id),
  like_count = (select count(*) from x_likes l where l.user_id = x_users.id),
  most_recent_tweet_id = ${latestPost('x_users.id')}`;
