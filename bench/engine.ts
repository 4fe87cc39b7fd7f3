/**
 * Keyset engine vs. the alternatives, on SQLite (better-sqlite3) and on the
 * embedded PostgreSQL: one page of 100 rows at depths 0%, 10%, 50% and 99%
 * of a table of `timestamp + bigint id + payload` with an index on the sort
 * keys (`created_at desc, id desc`, the X timeline order). Side by side:
 *
 * - engine: `list.page()` with a token, through `kyselySource` (token open
 *   and two seals, predicate building, key extraction included);
 * - engine SQL only: the same source's `fetch()` with the same boundary (the
 *   query the engine sends, without the token work);
 * - raw: the same row-value query written by hand, run through the same
 *   Kysely instance (so both pay the same driver);
 * - offset: `ORDER BY … LIMIT 101 OFFSET depth`;
 * - nested-or: `created_at < ? OR (created_at = ? AND id < ?)` without the
 *   leading bound (what kysely-paginate and typeorm-cursor-pagination emit).
 *
 * The engine, the Kysely source and the codec are the built `pagewise`
 * package, imported by name as users import it (npm builds it before the run).
 *
 * Run: `npm run bench:engine` (1,000,000 rows) or `npm run bench:engine -- --quick`
 * (100,000 rows, under 60 s). Prints a table per database; the last line is
 * one JSON object with the figures (median milliseconds per page) and the
 * ratios engine/raw and depth99/depth0.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { definePaginatedList } from 'pagewise/engine';
import { kyselySource, pagewisePgTypes, sqliteStatementCache } from 'pagewise/kysely';
import { KeyRing, TokenCodec } from 'pagewise/token';
import pg from 'pg';
import { startEmbeddedPostgres } from '../test/helpers/embedded-postgres.js';

const quick = process.argv.includes('--quick');
const N = quick ? 100_000 : 1_000_000;
const PAGE = 100;
const DEPTHS = [0, 0.1, 0.5, 0.99] as const;
const MAX_REPS = quick ? 101 : 201;
// Per group (all depths together): stop repeating past this, after at least 8 rounds.
const BUDGET_MS = quick ? 4_000 : 16_000;
/** Untimed rounds of the seek methods before timing, per depth (see timeGroup). */
const SEEK_WARM_UPS = 1500;
const METHODS = ['engine', 'engineSql', 'raw', 'offset', 'nestedOr'] as const;
type Method = (typeof METHODS)[number];

interface Events {
  events: { id: number | bigint | string; created_at: string; payload: string };
}
type Row = Record<string, unknown>;

const codec = new TokenCodec({ keyRing: new KeyRing([{ id: 'b', key: randomBytes(32) }]) });
const list = definePaginatedList<Row>({
  name: 'bench-events',
  sort: [
    { column: 'created_at', direction: 'desc', kind: 'timestamp', nullable: false },
    { column: 'id', direction: 'desc', kind: 'bigint', unique: true },
  ],
  pageSize: { default: PAGE, max: 1000 },
  codec,
});
const binding = { scope: 'bench', query: 'events' };

/** Row `i` (1-based): four rows share each second, so the tiebreaker matters. */
function sqliteTime(i: number): string {
  const d = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 4) * 1000);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}.${String(i % 4).padStart(6, '0')}+00`;
}

/**
 * Median milliseconds per call of each method in `group`, measured
 * round-robin (one call of each per round, in rotating order, every depth in
 * the same rotation) so that load
 * from other processes on a shared machine hits them alike. The seek methods
 * (engine, raw) and the scanning ones (OFFSET, nested OR) are separate groups:
 * a scan's garbage and cache churn would otherwise land on whatever runs next.
 */
async function timeGroup<K extends string>(
  group: readonly K[],
  run: Record<K, () => Promise<unknown>>,
  warmUps: number,
): Promise<Partial<Record<K, number>>> {
  // Warm up caches and code paths. The seek methods get 1,500 calls: a
  // server runs list.page() far more often than the ~100 timed rounds, and
  // until V8 has optimized the engine's JavaScript (the raw query has little
  // of its own), the comparison would time the engine in its interpreter tier.
  for (let i = 0; i < warmUps; i++) for (const m of group) await run[m]();
  const samples = Object.fromEntries(group.map((m) => [m, [] as number[]]));
  let spent = 0;
  for (let round = 0; round < MAX_REPS && (round < 8 || spent < BUDGET_MS); round++) {
    for (let i = 0; i < group.length; i++) {
      const m = group[(i + round) % group.length]!;
      const t0 = process.hrtime.bigint();
      await run[m]();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      samples[m]!.push(ms);
      spent += ms;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return Object.fromEntries(group.map((m) => [m, median(samples[m]!)])) as Partial<
    Record<K, number>
  >;
}

type Figures = Record<string, Record<Method, number>>;

async function measure(db: Kysely<Events>, label: string): Promise<Figures> {
  const source = kyselySource(db, db.selectFrom('events').selectAll());
  const runs = new Map<string, () => Promise<unknown>>();
  for (const depth of DEPTHS) {
    const offset = Math.floor(N * depth);
    // The boundary row: the last row of the page before this depth (none at depth 0).
    const boundary =
      offset === 0
        ? undefined
        : (
            await sql<Row>`select * from events order by created_at desc, id desc limit 1 offset ${offset - 1}`.execute(
              db,
            )
          ).rows[0]!;
    const token = boundary ? list.tokenFor(boundary, { binding }) : undefined;
    const [ts, id] = boundary ? list.keysOf(boundary) : [null, null];
    const tsText = ts === null ? null : String(ts);
    const idValue = id === null ? null : (id as bigint);
    const run: Record<Method, () => Promise<unknown>> = {
      engine: async () => {
        const page = await list.page({ source, binding, pageSize: PAGE, token });
        if (page.items.length !== PAGE || !page.nextToken) throw new Error('short page');
      },
      // The engine's SQL alone: kyselySource.fetch with the same boundary, no token work.
      engineSql: () =>
        source.fetch({
          sort: list.definition.sort,
          boundary: boundary ? { keys: list.keysOf(boundary), direction: 'after' } : undefined,
          window: [],
          limit: PAGE + 1,
          offset: 0,
          signal: undefined,
        }),
      raw: () =>
        boundary
          ? sql`select * from events where (created_at, id) < (${tsText}, ${idValue}) order by created_at desc, id desc limit ${PAGE + 1}`.execute(
              db,
            )
          : sql`select * from events order by created_at desc, id desc limit ${PAGE + 1}`.execute(
              db,
            ),
      offset: () =>
        sql`select * from events order by created_at desc, id desc limit ${PAGE + 1} offset ${offset}`.execute(
          db,
        ),
      nestedOr: () =>
        boundary
          ? sql`select * from events where created_at < ${tsText} or (created_at = ${tsText} and id < ${idValue}) order by created_at desc, id desc limit ${PAGE + 1}`.execute(
              db,
            )
          : sql`select * from events order by created_at desc, id desc limit ${PAGE + 1}`.execute(
              db,
            ),
    };
    for (const m of METHODS) runs.set(`${depth * 100} ${m}`, run[m]);
  }
  // Every depth in one rotation (seek methods together, scanning ones
  // together): a burst of load from elsewhere on this shared machine then
  // lands on all depths alike instead of on whichever depth was being timed.
  const keysOf = (methods: readonly Method[]) =>
    DEPTHS.flatMap((d) => methods.map((m) => `${d * 100} ${m}`));
  const all = Object.fromEntries(runs) as Record<string, () => Promise<unknown>>;
  const seek = await timeGroup(keysOf(['engine', 'engineSql', 'raw']), all, SEEK_WARM_UPS);
  process.stderr.write(`  ${label} seek methods done\n`);
  const scan = await timeGroup(keysOf(['offset', 'nestedOr']), all, 5);
  process.stderr.write(`  ${label} scanning methods done\n`);
  const times = { ...seek, ...scan } as Record<string, number>;
  const figures: Figures = {};
  for (const depth of DEPTHS) {
    figures[String(depth * 100)] = Object.fromEntries(
      METHODS.map((m) => [m, times[`${depth * 100} ${m}`]!]),
    ) as Record<Method, number>;
  }
  return figures;
}

function report(label: string, figures: Figures) {
  const f = (x: number) => x.toFixed(3).padStart(9);
  const lines = [
    `\n${label}: ${N.toLocaleString('en-US')} rows, page of ${PAGE}, median ms per page`,
    '| depth | engine | engine SQL only | raw row-value | OFFSET | nested OR | engine/raw | engine SQL/raw |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const engineRaw: Record<string, number> = {};
  const engineSqlRaw: Record<string, number> = {};
  for (const [depth, r] of Object.entries(figures)) {
    engineRaw[depth] = r.engine / r.raw;
    engineSqlRaw[depth] = r.engineSql / r.raw;
    lines.push(
      `| ${depth}% | ${f(r.engine)} | ${f(r.engineSql)} | ${f(r.raw)} | ${f(r.offset)} | ${f(r.nestedOr)} | ${(r.engine / r.raw).toFixed(2)} | ${(r.engineSql / r.raw).toFixed(2)} |`,
    );
  }
  const d0 = figures['0']!;
  const d99 = figures['99']!;
  const depthRatio = Object.fromEntries(METHODS.map((m) => [m, d99[m] / d0[m]])) as Record<
    Method,
    number
  >;
  lines.push(
    `| 99%/0% | ${depthRatio.engine.toFixed(2)} | ${depthRatio.engineSql.toFixed(2)} | ${depthRatio.raw.toFixed(2)} | ${depthRatio.offset.toFixed(2)} | ${depthRatio.nestedOr.toFixed(2)} | | |`,
  );
  console.log(lines.join('\n'));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    msPerPage: Object.fromEntries(
      Object.entries(figures).map(([d, r]) => [
        d,
        Object.fromEntries(METHODS.map((m) => [m, round(r[m])])),
      ]),
    ),
    engineOverRaw: Object.fromEntries(Object.entries(engineRaw).map(([d, r]) => [d, round(r)])),
    engineSqlOverRaw: Object.fromEntries(
      Object.entries(engineSqlRaw).map(([d, r]) => [d, round(r)]),
    ),
    depth99OverDepth0: Object.fromEntries(METHODS.map((m) => [m, round(depthRatio[m])])),
  };
}

async function benchSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'pagewise-bench-'));
  const raw = new Database(join(dir, 'bench.sqlite'));
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = OFF');
    raw.exec(
      'create table events (id integer primary key, created_at text not null, payload text not null)',
    );
    const insert = raw.prepare('insert into events values (?, ?, ?)');
    const payload = 'x'.repeat(100);
    raw.transaction(() => {
      for (let i = 1; i <= N; i++) insert.run(i, sqliteTime(i), payload);
    })();
    raw.exec('create index events_sort on events (created_at desc, id desc); analyze');
    // Move the load out of the WAL into the database file first: right after
    // the load, every read also searches a WAL of the whole table, which
    // measured the first depths up to twice as slow as the steady state.
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const db = new Kysely<Events>({ dialect: new SqliteDialect({ database: raw }) });
    const figures = await measure(db, 'SQLite');
    const result = report('SQLite (better-sqlite3)', figures);
    return { ...result, statementCache: await statementCacheComparison(raw) };
  } finally {
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same engine page (50% depth) through Kysely's plain SqliteDialect and
 * through `sqliteStatementCache` on the same better-sqlite3 handle, side by
 * side (round-robin, medians): what the wrapper saves an API on SQLite.
 */
async function statementCacheComparison(raw: Database.Database) {
  const plainDb = new Kysely<Events>({ dialect: new SqliteDialect({ database: raw }) });
  const cachedDb = new Kysely<Events>({
    dialect: new SqliteDialect({ database: sqliteStatementCache(raw) }),
  });
  const boundary = (
    await sql<Row>`select * from events order by created_at desc, id desc limit 1 offset ${Math.floor(N / 2) - 1}`.execute(
      plainDb,
    )
  ).rows[0]!;
  const token = list.tokenFor(boundary, { binding });
  const pageOf = (db: Kysely<Events>) => {
    const source = kyselySource(db, db.selectFrom('events').selectAll());
    return async () => {
      const page = await list.page({ source, binding, pageSize: PAGE, token });
      if (page.items.length !== PAGE) throw new Error('short page');
    };
  };
  const t = await timeGroup(
    ['plain', 'cached'],
    { plain: pageOf(plainDb), cached: pageOf(cachedDb) },
    SEEK_WARM_UPS,
  );
  const plainMs = t.plain!;
  const cachedMs = t.cached!;
  console.log(
    `\nSQLite engine page of ${PAGE} at 50% depth: Kysely SqliteDialect on better-sqlite3 ${plainMs.toFixed(3)} ms, ` +
      `with sqliteStatementCache ${cachedMs.toFixed(3)} ms (${(plainMs / cachedMs).toFixed(2)}x faster)`,
  );
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { plainMs: round(plainMs), cachedMs: round(cachedMs), speedup: round(plainMs / cachedMs) };
}

async function benchPostgres() {
  const server = await startEmbeddedPostgres();
  const pool = new pg.Pool({
    connectionString: server.url,
    max: 1,
    types: pagewisePgTypes(pg.types),
  });
  pool.on('error', () => {}); // an idle client losing its server at shutdown is not a failure
  const db = new Kysely<Events>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`create table events (id bigint primary key, created_at timestamptz not null, payload text not null)`.execute(
      db,
    );
    await sql`insert into events select i, timestamptz '2020-01-01 00:00:00+00' + (i / 4) * interval '1 second' + (i % 4) * interval '1 microsecond', repeat('x', 100) from generate_series(1, ${N}::int) i`.execute(
      db,
    );
    await sql`create index events_sort on events (created_at desc, id desc)`.execute(db);
    await sql`vacuum analyze events`.execute(db);
    const figures = await measure(db, 'PostgreSQL');
    return report('PostgreSQL 17 (embedded, pg)', figures);
  } finally {
    await db.destroy();
    await server.stop();
  }
}

const started = Date.now();
const sqlite = await benchSqlite();
const postgres = await benchPostgres();
console.log(
  JSON.stringify({
    bench: 'engine',
    rows: N,
    pageSize: PAGE,
    quick,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    sqlite,
    postgres,
  }),
);
