import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';

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
  '0003_x_user_context': {
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
});

/** The in-code provider handed to Kysely's `Migrator`. */
export const emulatorMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return { ...emulatorMigrations };
  },
};
