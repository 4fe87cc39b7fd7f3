import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { statementCacheDatabase } from '../../src/emulator/data/statement-cache-database.js';

describe('statementCacheDatabase', () => {
  let sqlite: Database.Database;
  afterEach(() => sqlite?.close());

  function open() {
    sqlite = new Database(':memory:');
    sqlite.defaultSafeIntegers(true);
    sqlite.exec(
      'create table t (id integer primary key, name text, big integer, note text);' +
        "insert into t values (1, 'a', 9007199254740993, null), (2, 'b', -5, 'x');",
    );
    return statementCacheDatabase(sqlite);
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
});
