import Database from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { definePaginatedList } from '../../src/engine/index.js';
import { kyselySource, sqliteStatementCache } from '../../src/sources/kysely/index.js';
import { KeyRing, TokenCodec } from '../../src/token/index.js';

describe('sqliteStatementCache', () => {
  let sqlite: Database.Database;
  afterEach(() => sqlite?.close());

  function open() {
    sqlite = new Database(':memory:');
    sqlite.defaultSafeIntegers(true);
    sqlite.exec(
      'create table t (id integer primary key, name text, big integer, note text);' +
        "insert into t values (1, 'a', 9007199254740993, null), (2, 'b', -5, 'x');",
    );
    return sqliteStatementCache(sqlite);
  }

  it('returns the same rows as better-sqlite3 object mode, duplicate and special names included', () => {
    const db = open();
    for (const sql of [
      'select * from t order by id',
      'select id, name as id, big from t order by id',
      'select id as "__proto__", name as "constructor", note as "a""b" from t order by id',
      'select count(*) as n from t where id > ?',
    ]) {
      const params = sql.includes('?') ? [0] : [];
      const expected = sqlite.prepare(sql).all(...params);
      const rows = db.prepare(sql).all(params) as Record<string, unknown>[];
      expect(rows).toEqual(expected);
      for (const [i, row] of rows.entries()) {
        expect(Object.keys(row)).toEqual(Object.keys(expected[i] as object));
        expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      }
    }
    // 64-bit values stay exact.
    expect(
      (db.prepare('select big from t where id = 1').all([]) as { big: bigint }[])[0]?.big,
    ).toBe(9007199254740993n);
  });

  it('iterates rows as objects and runs writes', () => {
    const db = open();
    const insert = db.prepare('insert into t (name, big) values (?, ?)');
    expect(insert.reader).toBe(false);
    expect(Number(insert.run(['c', 7n]).changes)).toBe(1);
    const rows = [...db.prepare('select id, name from t order by id').iterate([])];
    expect(rows).toEqual([
      { id: 1n, name: 'a' },
      { id: 2n, name: 'b' },
      { id: 3n, name: 'c' },
    ]);
  });

  it('reuses a statement by SQL text, but never one that is still iterating', () => {
    const db = open();
    const sql = 'select id from t order by id';
    const first = db.prepare(sql);
    expect(db.prepare(sql)).toBe(first);
    const it = first.iterate([]);
    it.next();
    const second = db.prepare(sql);
    expect(second).not.toBe(first);
    // The busy statement keeps its place; the fresh one still reads every row.
    expect(second.all([])).toEqual([{ id: 1n }, { id: 2n }]);
    it.return?.();
    expect(db.prepare(sql)).toBe(first);
  });

  it('keeps at most `size` statements, dropping the least recently used', () => {
    sqlite = new Database(':memory:');
    sqlite.exec('create table t (id integer primary key)');
    const db = sqliteStatementCache(sqlite, { size: 2 });
    const a = db.prepare('select 1 as a');
    const b = db.prepare('select 2 as b');
    expect(db.prepare('select 1 as a')).toBe(a); // a is now the most recent
    db.prepare('select 3 as c'); // evicts b
    expect(db.prepare('select 1 as a')).toBe(a);
    expect(db.prepare('select 2 as b')).not.toBe(b);
    expect(() => sqliteStatementCache(sqlite, { size: 0 })).toThrow(RangeError);
    expect(() => sqliteStatementCache(sqlite, { size: 1.5 })).toThrow(/positive whole number/);
  });

  it('gives Kysely and the keyset engine the same pages as the plain database', async () => {
    sqlite = new Database(':memory:');
    sqlite.defaultSafeIntegers(true);
    sqlite.exec('create table ev (id integer primary key, at text not null, body text)');
    const insert = sqlite.prepare('insert into ev values (?, ?, ?)');
    for (let i = 1; i <= 53; i++) {
      insert.run(
        BigInt(i) * 10n ** 15n,
        `2024-01-0${1 + (i % 5)} 00:00:00`,
        i % 7 ? `b${i}` : null,
      );
    }
    const list = definePaginatedList<Record<string, unknown>>({
      name: 'ev',
      codec: new TokenCodec({ keyRing: new KeyRing([{ id: 'k', key: Buffer.alloc(32, 7) }]) }),
      sort: [
        { column: 'at', kind: 'timestamp', direction: 'desc', nullable: false },
        { column: 'id', kind: 'bigint', direction: 'asc', unique: true },
      ],
      pageSize: { default: 10, max: 50 },
    });
    const walk = async (database: SqliteDatabase) => {
      const db = new Kysely<{ ev: { id: bigint; at: string; body: string | null } }>({
        dialect: new SqliteDialect({ database }),
      });
      const source = kyselySource(db, db.selectFrom('ev').selectAll());
      const rows: unknown[] = [];
      let token: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await list.page({
          source,
          binding: { scope: 's', query: 'q' },
          pageSize: 7,
          token,
        });
        rows.push(...page.items);
        token = page.nextToken;
        if (token === undefined) break;
      }
      return rows;
    };
    const plain = await walk(sqlite as unknown as SqliteDatabase);
    const cached = await walk(sqliteStatementCache(sqlite));
    expect(plain).toHaveLength(53);
    expect(cached).toEqual(plain);
  });
});
