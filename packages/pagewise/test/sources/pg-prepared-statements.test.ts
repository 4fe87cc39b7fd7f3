import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, hasPg } from '../../../../test/helpers/pg.js';
import { definePaginatedList } from '../../src/engine/index.js';
import { kyselySource, pgPreparedStatements } from '../../src/sources/kysely/index.js';
import { testCodec } from './codec.js';

interface Db {
  items: { id: string; grp: number };
}

describe('pgPreparedStatements', () => {
  it('refuses a size that is not a positive whole number', () => {
    const pool = { connect: async () => ({}) as never, end: async () => {} };
    expect(() => pgPreparedStatements(pool, { size: 0 })).toThrow(RangeError);
    expect(() => pgPreparedStatements(pool, { size: 1.5 })).toThrow(RangeError);
  });
});

describe.skipIf(!hasPg)('pgPreparedStatements on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let db: Kysely<Db>;
  // Two connections and room for every statement: a read sent to the wrong session would show.
  let db2: Kysely<Db>;
  // One connection, so every query sees the statements prepared on it.
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    db = new Kysely<Db>({
      dialect: new PostgresDialect({ pool: pgPreparedStatements(pool, { size: 2 }) }),
    });
    db2 = new Kysely<Db>({
      dialect: new PostgresDialect({
        pool: pgPreparedStatements(new pg.Pool({ connectionString: database.url, max: 2 })),
      }),
    });
    await sql`create table items (id bigint primary key, grp integer not null)`.execute(db);
    await db
      .insertInto('items')
      .values(Array.from({ length: 25 }, (_, i) => ({ id: String(i + 1), grp: i % 3 })))
      .execute();
  });
  afterAll(async () => {
    await db?.destroy();
    await db2?.destroy();
    await database?.drop();
  });

  const prepared = async (): Promise<string[]> => {
    const { rows } = await sql<{
      statement: string;
    }>`select statement from pg_prepared_statements order by prepare_time`.execute(db);
    return rows.map((r) => r.statement);
  };

  it('runs parameterised reads as named statements, the rest unnamed, up to size texts', async () => {
    const list = definePaginatedList<{ id: string; grp: number }>({
      name: 'items',
      sort: [{ column: 'id', direction: 'asc', kind: 'bigint', unique: true }],
      pageSize: { default: 10, max: 10 },
      codec: testCodec(),
    });
    const binding = { scope: 's', query: 'q' };
    const source = () => kyselySource(db, db.selectFrom('items').selectAll().where('grp', '>=', 0));
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await list.page({ source: source(), binding, token });
      ids.push(...page.items.map((r) => String(r.id)));
      token = page.nextToken;
    } while (token !== undefined);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    // Two shapes (first page, after a token), each prepared once on the connection.
    const statements = await prepared();
    expect(statements).toHaveLength(2);
    expect(statements.every((s) => /^select /i.test(s))).toBe(true);
    // Past `size` texts, new reads still answer, unnamed.
    const third = await db.selectFrom('items').select('id').where('id', '=', '7').execute();
    expect(third.map((r) => String(r.id))).toEqual(['7']);
    expect(await prepared()).toHaveLength(2);
    // Writes pass through unnamed.
    await db.updateTable('items').set({ grp: 5 }).where('id', '=', '1').execute();
    expect(await prepared()).toHaveLength(2);
  });

  it('runs a transaction on one session: its reads see its own writes', async () => {
    await db2.transaction().execute(async (trx) => {
      await trx.updateTable('items').set({ grp: 7 }).where('id', '=', '3').execute();
      const seen = await trx.selectFrom('items').select('grp').where('id', '=', '3').execute();
      expect(seen.map((r) => r.grp)).toEqual([7]);
      await sql`select pg_sleep(0)`.execute(trx);
    });
    const after = await db2.selectFrom('items').select('grp').where('id', '=', '3').execute();
    expect(after.map((r) => r.grp)).toEqual([7]);
  });

  it('keeps a session set up by a connection block', async () => {
    await db2.connection().execute(async (conn) => {
      await sql`set application_name = 'pagewise-test'`.execute(conn);
      const { rows } = await sql<{
        name: string;
      }>`select current_setting(${'application_name'}) as name`.execute(conn);
      expect(rows[0]?.name).toBe('pagewise-test');
    });
  });

  it('keeps transactions and errors as pg gives them', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('items').set({ grp: 9 }).where('id', '=', '2').execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const row = await db.selectFrom('items').select('grp').where('id', '=', '2').executeTakeFirst();
    expect(row?.grp).toBe(1);
    await expect(sql`select * from missing_table where id = ${1}`.execute(db)).rejects.toThrow(
      /missing_table/,
    );
  });

  it('hands a wrapper out again only when it held no session and was not discarded', async () => {
    const wrapped = pgPreparedStatements(new pg.Pool({ connectionString: database.url, max: 2 }));
    try {
      const read = async (c: Awaited<ReturnType<typeof wrapped.connect>>) =>
        (await c.query<{ id: string }>('select id from items where id = $1', ['4'])).rows;
      const first = await wrapped.connect();
      expect((await read(first)).map((r) => String(r.id))).toEqual(['4']);
      first.release();
      const again = await wrapped.connect();
      expect(again).toBe(first);
      // A statement that needs a session checks a client out: that wrapper is not kept.
      await again.query('begin', []);
      expect((await read(again)).map((r) => String(r.id))).toEqual(['4']);
      await again.query('rollback', []);
      again.release();
      const fresh = await wrapped.connect();
      expect(fresh).not.toBe(first);
      await read(fresh);
      // Kysely's release(true) discards a connection: neither is that one kept.
      (fresh.release as (discard?: boolean) => void)(true);
      expect(await wrapped.connect()).not.toBe(fresh);
    } finally {
      await wrapped.end();
    }
  });

  it("runs Kysely's onCreateConnection once for a run of reads, not once per query", async () => {
    let created = 0;
    const counted = new Kysely<Db>({
      dialect: new PostgresDialect({
        pool: pgPreparedStatements(new pg.Pool({ connectionString: database.url, max: 2 })),
        onCreateConnection: async () => {
          created++;
        },
      }),
    });
    try {
      for (let i = 1; i <= 10; i++) {
        const rows = await counted
          .selectFrom('items')
          .select('id')
          .where('id', '=', String(i))
          .execute();
        expect(rows.map((r) => String(r.id))).toEqual([String(i)]);
      }
      expect(created).toBe(1);
    } finally {
      await counted.destroy();
    }
  });
});
