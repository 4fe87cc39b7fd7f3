import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { createTestDatabase } from '../../../../test/helpers/pg.js';
import { createTestSqlite } from '../../../../test/helpers/sqlite.js';
import type { Source } from '../../src/engine/index.js';
import {
  kyselySource,
  pagewisePgTypes,
  pgPreparedStatements,
  preparedKyselySource,
} from '../../src/sources/kysely/index.js';
import { memorySource } from '../../src/sources/memory/index.js';

/** A row of the test table `items`, as the tests write it. */
export interface ItemRow {
  id: bigint;
  /** Fixed-width text `YYYY-MM-DD HH:MM:SS.ffffff+00`: sorts as text (SQLite) and as an instant (PostgreSQL, memory). */
  created_at: string;
  score: number | null;
  name: string | null;
  grp: number;
}

interface ItemsTable {
  id: bigint | number | string;
  created_at: string;
  score: number | null;
  name: string | null;
  grp: number;
}

/** The test database schema. */
export interface TestDb {
  items: ItemsTable;
}

/** One backend holding the `items` table: memory, SQLite or PostgreSQL. */
export interface Backend {
  readonly name: 'memory' | 'sqlite' | 'postgres';
  /** Replaces the table's contents. */
  load(rows: readonly ItemRow[]): Promise<void>;
  insert(row: ItemRow): Promise<void>;
  remove(id: bigint): Promise<void>;
  update(id: bigint, patch: Partial<Omit<ItemRow, 'id'>>): Promise<void>;
  /** A source over the whole table (or with `where`, a filtered base query). */
  source(filter?: { minGrp?: number }): Source<Record<string, unknown>>;
  readonly db?: Kysely<TestDb>;
  close(): Promise<void>;
}

const DDL_SQLITE = `create table items (
  id integer primary key, created_at text not null, score integer, name text, grp integer not null)`;
const DDL_PG = `create table items (
  id bigint primary key, created_at timestamptz not null, score integer, name text collate "C", grp integer not null)`;

/** Timestamp text for microsecond offset `n` from a fixed instant. */
export function tsText(n: number): string {
  const base = Date.UTC(2024, 0, 1, 0, 0, 0);
  const ms = base + Math.floor(n / 1000);
  const iso = new Date(ms).toISOString(); // 2024-01-01T00:00:00.000Z
  const micros = String(n % 1000).padStart(3, '0');
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${micros}+00`;
}

export function memoryBackend(): Backend {
  let rows: ItemRow[] = [];
  return {
    name: 'memory',
    async load(next) {
      rows = next.map((r) => ({ ...r }));
    },
    async insert(row) {
      rows.push({ ...row });
    },
    async remove(id) {
      rows = rows.filter((r) => r.id !== id);
    },
    async update(id, patch) {
      rows = rows.map((r) => (r.id === id ? { ...r, ...patch } : r));
    },
    source(filter) {
      return memorySource(() =>
        filter?.minGrp === undefined ? rows : rows.filter((r) => r.grp >= filter.minGrp!),
      ) as unknown as Source<Record<string, unknown>>;
    },
    async close() {},
  };
}

/** How a Kysely backend makes its sources. */
interface KyselyBackendOptions {
  /** Through `preparedKyselySource` (one per query shape), not `kyselySource`. */
  readonly prepared?: boolean;
}

function kyselyBackend(
  name: 'sqlite' | 'postgres',
  db: Kysely<TestDb>,
  close: () => Promise<void>,
  options: KyselyBackendOptions = {},
): Backend {
  // Two shapes, so two prepared sources: the filter's presence changes the SQL.
  const all = preparedKyselySource(db, (_: Record<string, never>) =>
    db.selectFrom('items').selectAll(),
  );
  const fromGrp = preparedKyselySource(db, (v: { minGrp: number }) =>
    db.selectFrom('items').selectAll().where('grp', '>=', v.minGrp),
  );
  return {
    name,
    db,
    async load(rows) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('items').execute();
        for (let i = 0; i < rows.length; i += 200) {
          const chunk = rows.slice(i, i + 200);
          if (chunk.length > 0) await trx.insertInto('items').values(chunk).execute();
        }
      });
    },
    async insert(row) {
      await db.insertInto('items').values(row).execute();
    },
    async remove(id) {
      await db.deleteFrom('items').where('id', '=', id).execute();
    },
    async update(id, patch) {
      await db.updateTable('items').set(patch).where('id', '=', id).execute();
    },
    source(filter) {
      if (options.prepared === true) {
        const source = filter?.minGrp === undefined ? all({}) : fromGrp({ minGrp: filter.minGrp });
        return source as Source<Record<string, unknown>>;
      }
      let q = db.selectFrom('items').selectAll();
      if (filter?.minGrp !== undefined) q = q.where('grp', '>=', filter.minGrp);
      return kyselySource(db, q) as Source<Record<string, unknown>>;
    },
    close,
  };
}

export async function sqliteBackend(options: KyselyBackendOptions = {}): Promise<Backend> {
  const s = createTestSqlite();
  s.db.exec(DDL_SQLITE);
  const db = new Kysely<TestDb>({ dialect: new SqliteDialect({ database: s.db }) });
  return kyselyBackend(
    'sqlite',
    db,
    async () => {
      await db.destroy();
      s.close();
    },
    options,
  );
}

export async function pgBackend(
  options: { readonly preparedStatements?: boolean } & KyselyBackendOptions = {},
): Promise<Backend> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({
    connectionString: database.url,
    max: 2,
    options: '-c TimeZone=UTC',
    types: pagewisePgTypes(pg.types),
  });
  const db = new Kysely<TestDb>({
    dialect: new PostgresDialect({
      pool: options.preparedStatements === true ? pgPreparedStatements(pool) : pool,
    }),
  });
  await pool.query(DDL_PG);
  return kyselyBackend(
    'postgres',
    db,
    async () => {
      await db.destroy();
      await database.drop();
    },
    options,
  );
}
