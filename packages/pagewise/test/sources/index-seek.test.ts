import Database from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, hasPg } from '../../../../test/helpers/pg.js';
import { definePaginatedList, type SortKey } from '../../src/engine/index.js';
import { kyselySource, pagewisePgTypes } from '../../src/sources/kysely/index.js';
import { testCodec } from './codec.js';

type Row = Record<string, unknown>;
interface Db {
  events: {
    id: number | bigint | string;
    created_at: string;
    payload: string;
    score: number | null;
  };
}

const ROWS = 20_000;
const binding = { scope: 's', query: 'q' };

interface Shape {
  name: string;
  sort: SortKey[];
  index: string;
  /** Selects the boundary row of the deep page. */
  boundary: string;
  /** How many queries the page takes (a nullable leading key may need two index ranges). */
  queries: number;
  /**
   * PostgreSQL may sort the few rows of a short index range (a bitmap index
   * scan) instead of walking the index in order: still a seek, not a scan.
   */
  pgMaySortRange?: boolean;
}

/** The three predicate shapes: row-value, leading bound + OR-expansion, and a nullable leading key. */
const SHAPES: Shape[] = [
  {
    name: 'same-direction keys (row-value comparison)',
    sort: [
      { column: 'created_at', direction: 'desc', kind: 'timestamp', nullable: false },
      { column: 'id', direction: 'desc', kind: 'bigint', unique: true },
    ],
    index: 'create index events_same on events (created_at desc, id desc)',
    boundary: `select * from events order by created_at desc, id desc limit 1 offset ${ROWS * 0.9}`,
    queries: 1,
  },
  {
    name: 'mixed-direction keys (leading bound and OR-expansion)',
    sort: [
      { column: 'created_at', direction: 'desc', kind: 'timestamp', nullable: false },
      { column: 'id', direction: 'asc', kind: 'bigint', unique: true },
    ],
    index: 'create index events_mixed on events (created_at desc, id asc)',
    boundary: `select * from events order by created_at desc, id asc limit 1 offset ${ROWS * 0.9}`,
    queries: 1,
  },
  {
    name: 'a nullable leading key crossing into its NULL run (two index ranges)',
    sort: [
      { column: 'score', direction: 'asc', kind: 'number' },
      { column: 'id', direction: 'asc', kind: 'bigint', unique: true },
    ],
    index: 'create index events_nullable on events (score, id)',
    // 30 non-null rows remain after it: the page of 100 continues into the NULLs.
    boundary:
      'select * from events where score is not null order by score desc, id desc limit 1 offset 30',
    queries: 2,
    pgMaySortRange: true,
  },
];

/** Fetches the deep page of `shape` and returns the SQL it ran. */
async function deepPageQueries(
  db: Kysely<Db>,
  captured: CompiledQuery[],
  shape: Shape,
): Promise<CompiledQuery[]> {
  const list = definePaginatedList<Row>({ name: 'events', sort: shape.sort, codec: testCodec() });
  const source = kyselySource(db, db.selectFrom('events').selectAll());
  const row = (await sql<Row>`${sql.raw(shape.boundary)}`.execute(db)).rows[0]!;
  captured.length = 0;
  const page = await list.page({
    source,
    binding,
    pageSize: 100,
    token: list.tokenFor(row, { binding }),
  });
  expect(page.items).toHaveLength(100);
  expect(captured).toHaveLength(shape.queries);
  return [...captured];
}

describe('deep pages seek on the index on SQLite', () => {
  const captured: CompiledQuery[] = [];
  let raw: Database.Database;
  let db: Kysely<Db>;
  beforeAll(() => {
    raw = new Database(':memory:');
    raw.exec(
      'create table events (id integer primary key, created_at text not null, payload text, score integer)',
    );
    const insert = raw.prepare('insert into events values (?, ?, ?, ?)');
    raw.transaction(() => {
      for (let i = 1; i <= ROWS; i++) {
        const at = `2024-01-01 00:00:${String(Math.floor(i / 7)).padStart(6, '0')}`;
        insert.run(i, at, 'x', i % 20 === 0 ? null : i % 1000);
      }
    })();
    db = new Kysely<Db>({
      dialect: new SqliteDialect({ database: raw }),
      log: (event) => {
        captured.push(event.query);
      },
    });
  });
  afterAll(async () => {
    await db.destroy();
  });

  for (const shape of SHAPES) {
    it(`for ${shape.name}`, async () => {
      raw.exec('drop index if exists events_same; drop index if exists events_mixed');
      raw.exec('drop index if exists events_nullable');
      raw.exec(shape.index);
      raw.exec('analyze');
      for (const query of await deepPageQueries(db, captured, shape)) {
        const plan = raw
          .prepare(`explain query plan ${query.sql}`)
          .all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
        const details = plan.map((p) => p.detail);
        if (process.env['PAGEWISE_SHOW_PLANS']) console.log(query.sql, details);
        expect(
          details.some((d) => /^SEARCH events USING (COVERING )?INDEX events_/.test(d)),
          details.join('\n'),
        ).toBe(true);
        expect(
          details.some((d) => /TEMP B-TREE|^SCAN/.test(d)),
          details.join('\n'),
        ).toBe(false);
      }
    });
  }
});

describe.skipIf(!hasPg)('deep pages seek on the index on PostgreSQL', () => {
  const captured: CompiledQuery[] = [];
  let database: { url: string; drop(): Promise<void> };
  let db: Kysely<Db>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 1,
      types: pagewisePgTypes(pg.types),
    });
    db = new Kysely<Db>({
      dialect: new PostgresDialect({ pool }),
      log: (e) => {
        captured.push(e.query);
      },
    });
    await sql`create table events (id bigint primary key, created_at timestamptz not null, payload text, score integer)`.execute(
      db,
    );
    await sql`insert into events select i, timestamptz '2024-01-01' + (i / 7) * interval '1 second' + (i % 7) * interval '1 microsecond', 'x', case when i % 20 = 0 then null else i % 1000 end from generate_series(1, ${ROWS}) i`.execute(
      db,
    );
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  for (const shape of SHAPES) {
    it(`for ${shape.name}`, async () => {
      for (const name of ['events_same', 'events_mixed', 'events_nullable']) {
        await sql`drop index if exists ${sql.id(name)}`.execute(db);
      }
      await sql.raw(shape.index).execute(db);
      await sql`analyze events`.execute(db);
      for (const query of await deepPageQueries(db, captured, shape)) {
        const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>({
          ...query,
          sql: `explain (format json) ${query.sql}`,
        });
        const plan = JSON.stringify(result.rows[0]?.['QUERY PLAN']);
        if (process.env['PAGEWISE_SHOW_PLANS']) console.log(query.sql, plan);
        const nodeTypes = [...plan.matchAll(/"Node Type":"([^"]+)"/g)].map((m) => m[1]);
        const seek = nodeTypes.find((t) =>
          /^(Index Scan|Index Only Scan|Bitmap Index Scan)$/.test(t!),
        );
        expect(seek, plan).toBeDefined();
        if (!shape.pgMaySortRange) expect(seek, plan).not.toBe('Bitmap Index Scan');
        expect(plan, plan).toMatch(/"Index Name":"events_(same|mixed|nullable)"/);
        expect(plan, plan).toMatch(/"Index Cond":"\(/);
        if (!shape.pgMaySortRange) expect(nodeTypes, plan).not.toContain('Sort');
        expect(nodeTypes, plan).not.toContain('Seq Scan');
      }
    });
  }
});
