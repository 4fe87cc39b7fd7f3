import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { pgPreparedStatements, sqliteStatementCache } from 'pagewise/kysely';
import pg from 'pg';
import { emulatorMigrationProvider } from './migrations.js';
import type { EmulatorDatabase } from './schema.js';

/** Where the emulator keeps its data: an SQLite file, or a PostgreSQL URL. */
/** `random_page_cost` of the emulator's PostgreSQL sessions (see `openDatabase`). */
const PG_RANDOM_PAGE_COST = 1.1;

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** An open emulator database: the Kysely instance plus the raw driver handle for bulk seeding. */
export interface EmulatorDb {
  readonly kind: 'sqlite' | 'postgres';
  readonly db: Kysely<EmulatorDatabase>;
  /** The better-sqlite3 handle (SQLite only). */
  readonly sqlite?: Database.Database;
  /** The pg pool (PostgreSQL only). */
  readonly pool?: pg.Pool;
  close(): Promise<void>;
}

/** PostgreSQL type id of `int8`/`bigint`. */
const INT8_OID = 20;
const asIs = (value: string): string => value;

/**
 * pg's type parsers, except that int8 text is kept as it comes: pg's own
 * int8 parser also returns the text, but only after a regex test of every
 * value (~10 µs for a page of posts).
 */
const int8AsText = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID && format !== 'binary'
    ? asIs
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/**
 * Opens (creating if needed) the database and runs the migrations.
 *
 * Neither driver returns a 64-bit integer as a JS number: X ids are
 * snowflakes above 2^53, which a number would silently round. SQLite returns
 * them as `bigint` (better-sqlite3 safe integers); PostgreSQL as decimal
 * text, pg's default for int8, which costs nothing to read, where a `bigint`
 * per int8 value of every row (a page's ids, times and counters) was parsed
 * and collected on every request only for the row mappers to turn it back
 * into a string. Readers convert explicitly (`String`, `Number`, `BigInt`;
 * `kind: 'bigint'` sort keys take decimal text); see `Int` in schema.ts.
 */
export async function openDatabase(target: DatabaseTarget): Promise<EmulatorDb> {
  let handle: EmulatorDb;
  if (target.kind === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const sqlite = new Database(target.path);
    sqlite.pragma('journal_mode = WAL');
    // Several emulator processes may share one file: wait for the writer instead of failing.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.defaultSafeIntegers(true);
    const db = new Kysely<EmulatorDatabase>({
      dialect: new SqliteDialect({ database: sqliteStatementCache(sqlite) }),
    });
    handle = {
      kind: 'sqlite',
      db,
      sqlite,
      async close() {
        await db.destroy();
      },
    };
  } else {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      types: { getTypeParser: int8AsText },
    });
    // An idle client killed by the server (restart, failover) must not crash the process.
    pool.on('error', () => {});
    // The emulator's data is small and cached: price random reads like sequential
    // ones (the usual SSD/in-memory setting), or the planner reads a user's whole
    // timeline through a bitmap scan and a sort to find the 3,200th post, and pages
    // it through the global time index instead of the user's. Queued before the
    // client's first query; a server without this setting (a PostgreSQL-wire
    // engine) just keeps its default.
    pool.on('connect', (client) => {
      client.query(`set random_page_cost = ${PG_RANDOM_PAGE_COST}`).catch(() => {});
    });
    // Reads run as named prepared statements through pool.query(), as a hand-written
    // route does: PostgreSQL parses each list's few query shapes once per connection,
    // and no client is checked out per read (the session setting above is the pool's).
    const db = new Kysely<EmulatorDatabase>({
      dialect: new PostgresDialect({ pool: pgPreparedStatements(pool) }),
    });
    handle = {
      kind: 'postgres',
      db,
      pool,
      async close() {
        await db.destroy();
      },
    };
  }
  try {
    // Another replica may be migrating or seeding this SQLite file: wait for its lock, not 5 s.
    handle.sqlite?.pragma('busy_timeout = 300000');
    await migrateOnce(handle);
    handle.sqlite?.pragma('busy_timeout = 5000');
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

/**
 * Migrates; on SQLite inside one IMMEDIATE transaction. Kysely takes no
 * migration lock on SQLite and runs its DDL outside transactions, so two
 * replicas started together on a new file could both run the first
 * migration ("table already exists"); SQLite's DDL is transactional, so
 * the second replica now waits for the first and finds the tables migrated.
 */
async function migrateOnce(handle: EmulatorDb): Promise<void> {
  const sqlite = handle.sqlite;
  if (sqlite === undefined) return migrate(handle.db);
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    await migrate(handle.db);
    sqlite.exec('COMMIT');
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw err;
  }
}

async function migrate(db: Kysely<EmulatorDatabase>): Promise<void> {
  const migrator = new Migrator({ db, provider: emulatorMigrationProvider });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
