import { type BulkWriter, postgresBulkWriter, sqliteBulkWriter } from './bulk-writer.js';
import type { ResolvedDatasetSizes } from './dataset-sizes.js';
import { type DatasetSpec, generateDataset } from './generate-dataset.js';
import type { EmulatorDb } from './open-database.js';
import {
  DATA_TABLES,
  xFollowColumns,
  xLikeColumns,
  xMentionColumns,
  xTweetColumns,
  xUserColumns,
  zoomMeetingColumns,
  zoomParticipantColumns,
  zoomUserColumns,
  zoomWebinarColumns,
  zoomWebinarParticipantColumns,
} from './table-columns.js';
import { RECOUNT_X_METRICS, X_METRIC_TRIGGER_TABLES } from './x-metric-triggers.js';

/** Bump when the generator or schema changes in a way that makes old datasets stale. */
export const DATASET_VERSION = 2;

/** What `seedDatabase` did. */
export interface SeedResult {
  /** True when the database already held this exact dataset and was left alone. */
  readonly reused: boolean;
  /** Wall time spent, in ms (≈0 when reused). */
  readonly ms: number;
  /** Rows inserted per table (empty when reused). */
  readonly rows: Readonly<Record<string, number>>;
}

/** The fingerprint stored in `pw_meta` under `dataset`. */
export interface DatasetFingerprint {
  readonly version: number;
  readonly seed: string;
  readonly sizes: ResolvedDatasetSizes;
  readonly anchorMs: number;
}

const META_KEY = 'dataset';
/** Advisory-lock key so two PostgreSQL emulators starting together seed once. */
const PG_SEED_LOCK = 74_616_273;

/**
 * Fills the database with the dataset `spec` describes, unless it already
 * holds exactly that dataset (same version, seed, sizes and anchor, recorded
 * in `pw_meta`), in which case it returns at once. Reseeding wipes the data
 * tables first. The whole check-and-seed runs in one transaction holding the
 * write lock (SQLite `BEGIN IMMEDIATE`; a PostgreSQL advisory lock), so
 * replicas started together on one database seed it once.
 */
export async function seedDatabase(handle: EmulatorDb, spec: DatasetSpec): Promise<SeedResult> {
  const fingerprint: DatasetFingerprint = {
    version: DATASET_VERSION,
    seed: spec.seed,
    sizes: spec.sizes,
    anchorMs: spec.anchorMs,
  };
  const wanted = JSON.stringify(fingerprint);
  const t0 = performance.now();
  if (handle.kind === 'sqlite') {
    const db = handle.sqlite!;
    // A replica starting while another seeds waits for it (seeding takes seconds), then reuses its data.
    db.pragma(`busy_timeout = ${SEED_WAIT_MS}`);
    try {
      return await seedSqlite(db, spec, wanted, t0);
    } finally {
      db.pragma('busy_timeout = 5000');
    }
  }
  return seedPostgres(handle, spec, wanted, t0);
}

/** How long a replica waits for another one's seeding transaction. */
const SEED_WAIT_MS = 300_000;

async function seedSqlite(
  db: NonNullable<EmulatorDb['sqlite']>,
  spec: DatasetSpec,
  wanted: string,
  t0: number,
): Promise<SeedResult> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const row = db.prepare('select value from pw_meta where key = ?').get(META_KEY) as
      | { value: string }
      | undefined;
    if (row?.value === wanted) {
      db.exec('COMMIT');
      return { reused: true, ms: performance.now() - t0, rows: {} };
    }
    // The count triggers go first (the old rows' deletes would fire them): the
    // load is recounted once instead of row by row.
    const triggers = db
      .prepare(
        `select name, sql from sqlite_master where type = 'trigger' and tbl_name in (${DATA_TABLES.map(() => '?').join(', ')})`,
      )
      .all(...DATA_TABLES) as { name: string; sql: string }[];
    for (const tr of triggers) db.exec(`drop trigger ${tr.name}`);
    for (const t of DATA_TABLES) db.exec(`delete from ${t}`);
    // Build secondary indexes once after the load instead of maintaining them row by row.
    const indexes = db
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${DATA_TABLES.map(() => '?').join(', ')})`,
      )
      .all(...DATA_TABLES) as { name: string; sql: string }[];
    for (const ix of indexes) db.exec(`drop index ${ix.name}`);
    const rows = await writeAll(sqliteBulkWriter(db), spec);
    for (const ix of indexes) db.exec(ix.sql);
    db.exec(RECOUNT_X_METRICS);
    for (const tr of triggers) db.exec(tr.sql);
    db.prepare('insert or replace into pw_meta (key, value) values (?, ?)').run(META_KEY, wanted);
    db.exec('COMMIT');
    db.exec('ANALYZE');
    // The load leaves the whole dataset in the WAL (hundreds of MB at the
    // default sizes): every read would then consult the WAL index until an
    // automatic checkpoint, which the read-mostly traffic rarely triggers.
    // Copy it into the main file and truncate the WAL once, now.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { reused: false, ms: performance.now() - t0, rows };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

async function seedPostgres(
  handle: EmulatorDb,
  spec: DatasetSpec,
  wanted: string,
  t0: number,
): Promise<SeedResult> {
  const client = await handle.pool!.connect();
  try {
    await client.query('BEGIN');
    await client.query('select pg_advisory_xact_lock($1)', [PG_SEED_LOCK]);
    const res = await client.query<{ value: string }>('select value from pw_meta where key = $1', [
      META_KEY,
    ]);
    if (res.rows[0]?.value === wanted) {
      await client.query('COMMIT');
      return { reused: true, ms: performance.now() - t0, rows: {} };
    }
    await client.query(`truncate ${DATA_TABLES.join(', ')}`);
    // Build secondary indexes once after the load (same definitions, read back from the catalog).
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = any($1::text[])
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
      [[...DATA_TABLES]],
    );
    for (const ix of indexes.rows) await client.query(`drop index "${ix.indexname}"`);
    // The count triggers are off for the load, which is recounted once.
    for (const t of X_METRIC_TRIGGER_TABLES)
      await client.query(`alter table ${t} disable trigger user`);
    const rows = await writeAll(postgresBulkWriter(client), spec);
    for (const ix of indexes.rows) await client.query(ix.indexdef);
    await client.query(RECOUNT_X_METRICS);
    for (const t of X_METRIC_TRIGGER_TABLES)
      await client.query(`alter table ${t} enable trigger user`);
    await client.query(
      'insert into pw_meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
      [META_KEY, wanted],
    );
    await client.query('COMMIT');
    // VACUUM before ANALYZE: it sets the visibility map of the freshly loaded
    // tables, so index-only scans (the X timeline's 3,200th-post cut) read the
    // index alone instead of fetching 3,200 heap rows per page until
    // autovacuum comes by (1.4 against 0.5 ms for that query on the bench
    // dataset). Plain VACUUM per table: measured on PostgreSQL 17, a
    // `VACUUM (ANALYZE)` of the tables left no page of x_tweets all-visible.
    for (const t of DATA_TABLES) await client.query(`vacuum ${t}`);
    await client.query('ANALYZE');
    return { reused: false, ms: performance.now() - t0, rows };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Reads the stored dataset fingerprint, if any. */
export async function readDatasetFingerprint(
  handle: EmulatorDb,
): Promise<DatasetFingerprint | undefined> {
  const row = await handle.db
    .selectFrom('pw_meta')
    .select('value')
    .where('key', '=', META_KEY)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as DatasetFingerprint) : undefined;
}

async function writeAll(w: BulkWriter, spec: DatasetSpec): Promise<Record<string, number>> {
  const data = generateDataset(spec);
  const rows: Record<string, number> = {
    zoom_users: 0,
    zoom_meetings: 0,
    zoom_participants: 0,
    zoom_webinars: 0,
    zoom_webinar_participants: 0,
    x_users: 0,
    x_tweets: 0,
    x_follows: 0,
    x_likes: 0,
    x_mentions: 0,
  };
  for (const u of data.zoomUsers()) {
    await w.add(zoomUserColumns, u);
    rows['zoom_users']!++;
  }
  for (const { meeting, participants } of data.zoomMeetings()) {
    await w.add(zoomMeetingColumns, meeting);
    rows['zoom_meetings']!++;
    for (const p of participants) {
      await w.add(zoomParticipantColumns, p);
      rows['zoom_participants']!++;
    }
  }
  for (const { webinar, participants } of data.zoomWebinars()) {
    await w.add(zoomWebinarColumns, webinar);
    rows['zoom_webinars']!++;
    for (const p of participants) {
      await w.add(zoomWebinarParticipantColumns, p);
      rows['zoom_webinar_participants']!++;
    }
  }
  for (const u of data.xUsers()) {
    await w.add(xUserColumns, u);
    rows['x_users']!++;
  }
  for (const t of data.xTweets()) {
    await w.add(xTweetColumns, t);
    rows['x_tweets']!++;
    for (const m of data.xMentionsOf(t)) {
      await w.add(xMentionColumns, m);
      rows['x_mentions']!++;
    }
  }
  for (const f of data.xFollows()) {
    await w.add(xFollowColumns, f);
    rows['x_follows']!++;
  }
  for (const l of data.xLikes()) {
    await w.add(xLikeColumns, l);
    rows['x_likes']!++;
  }
  await w.flush();
  return rows;
}
