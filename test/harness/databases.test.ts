import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, hasPg } from '../helpers/pg.js';
import { createTestSqlite } from '../helpers/sqlite.js';

describe('test harness', () => {
  it('opens a temp SQLite file with WAL and cleans it up', () => {
    const s = createTestSqlite();
    s.db.exec('create table t (x integer)');
    s.db.prepare('insert into t values (?)').run(42);
    expect(s.db.prepare('select x from t').get()).toEqual({ x: 42 });
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    s.close();
  });

  it('has PostgreSQL under CI', () => {
    if (process.env['CI'] === 'true') expect(hasPg).toBe(true);
    else expect(typeof hasPg).toBe('boolean');
  });

  describe.skipIf(!hasPg)('PostgreSQL', () => {
    const dbs: Array<{ drop(): Promise<void> }> = [];
    afterAll(async () => {
      for (const d of dbs) await d.drop();
    });
    it('creates an isolated database that answers queries', async () => {
      const d = await createTestDatabase();
      dbs.push(d);
      const c = new pg.Client({ connectionString: d.url });
      await c.connect();
      const r = await c.query<{ v: string }>('select version() as v');
      await c.end();
      expect(r.rows[0]?.v).toMatch(/^PostgreSQL 17/);
    });
  });
});
