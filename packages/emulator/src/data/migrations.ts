import { type Kysely, type Migration, type MigrationProvider, SqliteAdapter, sql } from 'kysely';
import {
  dropXLikeCountTriggers,
  dropXMetricTriggers,
  X_LIKE_COUNT_TRIGGERS,
  X_METRIC_TRIGGERS,
} from './x-metric-triggers.js';

/**
 * The emulator's schema as Kysely migrations, kept in code (no migration
 * folder to ship): one provider for both SQLite and PostgreSQL. Column types
 * are the portable subset (`bigint`, `integer`, `text`); every index matches
 * the sort order of a list it serves, so each page is an index range scan.
 */
export const emulatorMigrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_initial': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pw_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('pw_principals')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('zoom_user_id', 'text', (c) => c.notNull())
        .addColumn('x_user_id', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('zoom_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull().unique())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('type', 'integer', (c) => c.notNull())
        .addColumn('pmi', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('dept', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_login_time', 'bigint', (c) => c.notNull())
        .addColumn('last_client_version', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('role_id', 'text', (c) => c.notNull())
        .addColumn('group_ids', 'text', (c) => c.notNull())
        .addColumn('im_group_ids', 'text', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .execute();
      // GET /users?status=…: filter, then account order.
      await db.schema
        .createIndex('zoom_users_status_seq')
        .on('zoom_users')
        .columns(['status', 'seq'])
        .execute();

      await db.schema
        .createTable('zoom_meetings')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('uuid', 'text', (c) => c.notNull().unique())
        .addColumn('host_id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('type', 'integer', (c) => c.notNull())
        .addColumn('start_time', 'bigint', (c) => c.notNull())
        .addColumn('end_time', 'bigint', (c) => c.notNull())
        .addColumn('duration', 'integer', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('agenda', 'text', (c) => c.notNull())
        .addColumn('participants_count', 'integer', (c) => c.notNull())
        .addColumn('features', 'integer', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .execute();
      // A user's meetings and report meetings: host, then time order.
      await db.schema
        .createIndex('zoom_meetings_host_start')
        .on('zoom_meetings')
        .columns(['host_id', 'start_time', 'id'])
        .execute();
      // Dashboard meetings: the account's meetings in time order.
      await db.schema
        .createIndex('zoom_meetings_start')
        .on('zoom_meetings')
        .columns(['start_time', 'id'])
        .execute();

      await db.schema
        .createTable('zoom_participants')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('meeting_id', 'bigint', (c) => c.notNull())
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('user_email', 'text', (c) => c.notNull())
        .addColumn('join_time', 'bigint', (c) => c.notNull())
        .addColumn('leave_time', 'bigint', (c) => c.notNull())
        .addColumn('attentiveness_score', 'text', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('zoom_participants_meeting')
        .on('zoom_participants')
        .columns(['meeting_id', 'id'])
        .execute();

      await db.schema
        .createTable('x_users')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('verified', 'integer', (c) => c.notNull())
        .addColumn('protected', 'integer', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('x_tweets')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('author_id', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('kind', 'integer', (c) => c.notNull())
        .addColumn('in_reply_to_user_id', 'bigint')
        .addColumn('referenced_tweet_id', 'bigint')
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('like_count', 'integer', (c) => c.notNull())
        .addColumn('retweet_count', 'integer', (c) => c.notNull())
        .addColumn('reply_count', 'integer', (c) => c.notNull())
        .addColumn('quote_count', 'integer', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .execute();
      // A user's timeline, newest first.
      await db.schema
        .createIndex('x_tweets_author_time')
        .on('x_tweets')
        .columns(['author_id', 'created_at desc', 'id desc'])
        .execute();
      // Recent search scans every post newest first.
      await db.schema
        .createIndex('x_tweets_time')
        .on('x_tweets')
        .columns(['created_at desc', 'id desc'])
        .execute();

      await db.schema
        .createTable('x_follows')
        .addColumn('follower_id', 'bigint', (c) => c.notNull())
        .addColumn('followee_id', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('x_follows_pk', ['follower_id', 'followee_id'])
        .execute();
      // followers of a user, newest follow first; following of a user, likewise.
      await db.schema
        .createIndex('x_follows_followee_time')
        .on('x_follows')
        .columns(['followee_id', 'created_at desc', 'follower_id desc'])
        .execute();
      await db.schema
        .createIndex('x_follows_follower_time')
        .on('x_follows')
        .columns(['follower_id', 'created_at desc', 'followee_id desc'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of [
        'x_follows',
        'x_tweets',
        'x_users',
        'zoom_participants',
        'zoom_meetings',
        'zoom_users',
        'pw_principals',
        'pw_meta',
      ]) {
        await sql`drop table if exists ${sql.table(t)}`.execute(db);
      }
    },
  },
  '0002_rate_counters': {
    // Rate-limit counters shared by replicas (opt-in `rateLimitStore: 'database'`).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pw_rate_counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop table if exists pw_rate_counters`.execute(db);
    },
  },
  '0003_webinars': {
    // Webinars and their participant sessions (Dashboard webinar lists).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('zoom_webinars')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('uuid', 'text', (c) => c.notNull().unique())
        .addColumn('host_id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('start_time', 'bigint', (c) => c.notNull())
        .addColumn('end_time', 'bigint', (c) => c.notNull())
        .addColumn('participants_count', 'integer', (c) => c.notNull())
        .addColumn('features', 'integer', (c) => c.notNull())
        .addColumn('audio_quality', 'text', (c) => c.notNull())
        .addColumn('video_quality', 'text', (c) => c.notNull())
        .addColumn('screen_share_quality', 'text', (c) => c.notNull())
        .addColumn('custom_keys', 'text', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .execute();
      // Dashboard webinars: the account's webinars in time order.
      await db.schema
        .createIndex('zoom_webinars_start')
        .on('zoom_webinars')
        .columns(['start_time', 'id'])
        .execute();
      await db.schema
        .createTable('zoom_webinar_participants')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('webinar_id', 'bigint', (c) => c.notNull())
        .addColumn('participant_user_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('join_time', 'bigint', (c) => c.notNull())
        .addColumn('leave_time', 'bigint', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .execute();
      // A webinar's participants in session order.
      await db.schema
        .createIndex('zoom_webinar_participants_webinar')
        .on('zoom_webinar_participants')
        .columns(['webinar_id', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop table if exists zoom_webinar_participants`.execute(db);
      await sql`drop table if exists zoom_webinars`.execute(db);
    },
  },
  '0004_x_fields': {
    // What X's user and post fields need: profile links, list counts,
    // follower/following/post counts and the latest post (kept by triggers),
    // post impressions, bookmarks, conversation roots and entities.
    async up(db: Kysely<unknown>): Promise<void> {
      const add = async (
        table: string,
        column: string,
        type: 'text' | 'integer' | 'bigint',
        fallback?: string | number,
      ) => {
        await db.schema
          .alterTable(table)
          .addColumn(column, type, (c) =>
            fallback === undefined ? c : c.notNull().defaultTo(fallback),
          )
          .execute();
      };
      await add('x_users', 'url', 'text', '');
      await add('x_users', 'listed_count', 'integer', 0);
      await add('x_users', 'followers_count', 'integer', 0);
      await add('x_users', 'following_count', 'integer', 0);
      await add('x_users', 'tweet_count', 'integer', 0);
      await add('x_users', 'most_recent_tweet_id', 'bigint');
      await add('x_tweets', 'conversation_id', 'bigint');
      await add('x_tweets', 'impression_count', 'integer', 0);
      await add('x_tweets', 'bookmark_count', 'integer', 0);
      await add('x_tweets', 'entities', 'text', '');
      const dialect = db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
      for (const statement of X_METRIC_TRIGGERS[dialect]) await sql.raw(statement).execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      const dialect = db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
      await dropXMetricTriggers(db, dialect);
    },
  },
  '0005_x_engagement': {
    // Likes, mentions and the index behind retweeted_by and quote_tweets.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('x_likes')
        .addColumn('user_id', 'bigint', (c) => c.notNull())
        .addColumn('tweet_id', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('x_likes_pk', ['user_id', 'tweet_id'])
        .execute();
      // liking_users of a post and liked_tweets of a user, newest like first.
      await db.schema
        .createIndex('x_likes_tweet_time')
        .on('x_likes')
        .columns(['tweet_id', 'created_at desc', 'user_id desc'])
        .execute();
      await db.schema
        .createIndex('x_likes_user_time')
        .on('x_likes')
        .columns(['user_id', 'created_at desc', 'tweet_id desc'])
        .execute();
      await db.schema
        .createTable('x_mentions')
        .addColumn('user_id', 'bigint', (c) => c.notNull())
        .addColumn('tweet_id', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('origin', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('x_mentions_pk', ['tweet_id', 'user_id'])
        .execute();
      // A user's mentions timeline, newest post first.
      await db.schema
        .createIndex('x_mentions_user_time')
        .on('x_mentions')
        .columns(['user_id', 'created_at desc', 'tweet_id desc'])
        .execute();
      // retweeted_by (kind 2) and quote_tweets (kind 3) of a post, newest first.
      await db.schema
        .createIndex('x_tweets_ref_kind_time')
        .on('x_tweets')
        .columns(['referenced_tweet_id', 'kind', 'created_at desc', 'id desc'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop index if exists x_tweets_ref_kind_time`.execute(db);
      await sql`drop table if exists x_mentions`.execute(db);
      await sql`drop table if exists x_likes`.execute(db);
    },
  },
  '0006_x_user_context': {
    // Whether a principal's bearer token is an X app token or a user token
    // (the home timeline takes user tokens only), and usernames looked up
    // case-insensitively (`/2/users/by/username/:username`, `/2/users/by`).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('pw_principals')
        .addColumn('x_auth', 'text', (c) => c.notNull().defaultTo('user'))
        .execute();
      await db.schema
        .createIndex('x_users_username_lower')
        .on('x_users')
        .expression(sql`lower(username)`)
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop index if exists x_users_username_lower`.execute(db);
      await db.schema.alterTable('pw_principals').dropColumn('x_auth').execute();
    },
  },
  '0007_x_user_like_count': {
    // A user's like_count (public_metrics), kept by triggers on x_likes and
    // counted here once for data seeded before it existed.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('x_users')
        .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      const dialect = db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
      for (const statement of X_LIKE_COUNT_TRIGGERS[dialect]) await sql.raw(statement).execute(db);
      await sql`update x_users set like_count = (select count(*) from x_likes l where l.user_id = x_users.id)`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>): Promise<void> {
      const dialect = db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
      await dropXLikeCountTriggers(db, dialect);
      await db.schema.alterTable('x_users').dropColumn('like_count').execute();
    },
  },
});

/** The in-code provider handed to Kysely's `Migrator`. */
export const emulatorMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return { ...emulatorMigrations };
  },
};
