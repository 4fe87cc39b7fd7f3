import Database from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePaginatedList, type SortKey } from '../../src/engine/index.js';
import { kyselySource, pagewisePgTypes } from '../../src/sources/kysely/index.js';
import { createTestDatabase, hasPg } from '../helpers/pg.js';
import { testCodec } from './codec.js';

type Row = Record<string, unknown>;
interface Db {
  events: { id: number | bigint | string; created_at: string; payload: string };
}

const ROWS = 20_000;
const binding = { scope: 's', query: 'q' };

/** The two sort shapes: one direction (row-value predicate) and mixed (leading bound + OR-expansion). */
const SHAPES: Array<{ name: string; sort: SortKey[]; index: string }> = [
  {
    name: 'same-direction keys (row-value comparison)',
    sort: [
      { column: 'created_at', direction: 'desc', kind: 'timestamp', nullable: false },
      { column: 'id', direction: 'desc', kind: 'bigint', unique: true },
    ],
    index: 'create index events_same on events (created_at desc, id desc)',
  },
  {
    name: 'mixed-direction keys (leading bound and OR-expansion)',
    sort: [
      { column: 'created_at', direction: 'desc', kind: 'timestamp', nullable: false },
      { column: 'id', direction: 'asc', kind: 'bigint', unique: true },
    ],
    index: 'create index events_mixed on events (created_at desc, id asc)',
  },
];

/** Walks to a deep page through real tokens and returns the SQL of that last fetch. */
async function deepPageQuery(
  db: Kysely<Db>,
  captured: CompiledQuery[],
  sort: SortKey[],
): Promise<CompiledQuery> {
  const list = definePaginatedList<Row>({
    name: 'events',
    sort,
    pageSize: { default: 100, max: 1000 },
    codec: testCodec(),
  });
  const source = kyselySource(db, db.selectFrom('events').selectAll());
  // A 1000-row page at 90% depth gives a realistic deep boundary; then one page of 100 from it.
  let page = await list.page({ source, binding, pageSize: 1000 });
  for (let i = 0; i < Math.floor((ROWS * 0.9) / 1000) - 1; i++) {
    page = await list.page({ source, binding, pageSize: 1000, token: page.nextToken });
  }
  captured.length = 0;
  await list.page({ source, binding, pageSize: 100, token: page.nextToken });
  expect(captured).toHaveLength(1);
  return captured[0]!;
}

describe('deep pages seek on the index on SQLite', () => {
  const captured: CompiledQuery[] = [];
  let raw: Database.Database;
  let db: Kysely<Db>;
  beforeAll(() => {
    raw = new Database(':memory:');
    raw.exec(
      'create table events (id integer primary key, created_at text not null, payload text)',
    );
    const insert = raw.prepare('insert into events values (?, ?, ?)');
    raw.transaction(() => {
      for (let i = 1; i <= ROWS; i++) {
        insert.run(i, `2024-01-01 00:00:${String(Math.floor(i / 7)).padStart(6, '0')}`, 'x');
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
      raw.exec(shape.index);
      raw.exec('analyze');
      const query = await deepPageQuery(db, captured, shape.sort);
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
    await sql`create table events (id bigint primary key, created_at timestamptz not null, payload text)`.execute(
      db,
    );
    await sql`insert into events select i, timestamptz '2024-01-01' + (i / 7) * interval '1 second' + (i % 7) * interval '1 microsecond', 'x' from generate_series(1, ${ROWS}) i`.execute(
      db,
    );
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  for (const shape of SHAPES) {
    it(`for ${shape.name}`, async () => {
      await sql`drop index if exists events_same`.execute(db);
      await sql`drop index if exists events_mixed`.execute(db);
      await sql.raw(shape.index).execute(db);
      await sql`analyze events`.execute(db);
      const query = await deepPageQuery(db, captured, shape.sort);
      const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>({
        ...query,
        sql: `explain (format json) ${query.sql}`,
      });
      const plan = JSON.stringify(result.rows[0]?.['QUERY PLAN']);
      if (process.env['PAGEWISE_SHOW_PLANS']) console.log(query.sql, plan);
      const nodeTypes = [...plan.matchAll(/"Node Type":"([^"]+)"/g)].map((m) => m[1]);
      expect(nodeTypes, plan).toContain(
        nodeTypes.includes('Index Only Scan') ? 'Index Only Scan' : 'Index Scan',
      );
      expect(plan, plan).toMatch(/"Index Name":"events_(same|mixed)"/);
      expect(plan, plan).toMatch(/"Index Cond":"\(/);
      expect(nodeTypes, plan).not.toContain('Sort');
      expect(nodeTypes, plan).not.toContain('Seq Scan');
    });
  }
});
