import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestSqlite } from '../../../../test/helpers/sqlite.js';
import { definePaginatedList } from '../../src/engine/index.js';
import { kyselySource } from '../../src/sources/kysely/index.js';
import { testCodec } from './codec.js';

describe('64-bit ids on SQLite', () => {
  const s = createTestSqlite();
  // better-sqlite3 returns numbers by default, which cannot hold ids above 2^53.
  s.db.defaultSafeIntegers(true);
  const db = new Kysely<{ t: { id: bigint; v: bigint } }>({
    dialect: new SqliteDialect({ database: s.db }),
  });
  afterAll(async () => {
    await db.destroy();
    s.close();
  });

  it('pages exactly through ids near 2^63 with safe integers on', async () => {
    s.db.exec('create table t (id integer primary key, v integer not null)');
    const base = 9_223_372_036_854_775_000n;
    const insert = s.db.prepare('insert into t values (?, ?)');
    for (let i = 0n; i < 7n; i++) insert.run(base + i, i % 2n);
    const list = definePaginatedList<{ id: bigint; v: bigint }>({
      name: 'big',
      sort: [
        { column: 'v', kind: 'number', nullable: false },
        { column: 'id', kind: 'bigint', direction: 'desc', unique: true },
      ],
      windows: { since_id: { column: 'id', op: '>' } },
      totals: { mode: 'exact' },
      codec: testCodec(),
    });
    const source = kyselySource(db, db.selectFrom('t').selectAll());
    const binding = { scope: 's', query: 'q' };
    const seen: bigint[] = [];
    let token: string | undefined;
    do {
      const page = await list.page({
        source,
        binding,
        pageSize: 2,
        token,
        window: { since_id: String(base) },
      });
      expect(page.totals?.totalRecords).toBe(6);
      seen.push(...page.items.map((r) => r.id));
      token = page.nextToken;
    } while (token !== undefined);
    expect(seen).toEqual([6n, 4n, 2n, 5n, 3n, 1n].map((i) => base + i));
  });
});
