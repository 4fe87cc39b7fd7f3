import type Database from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type pg from 'pg';
import type { EmulatorDatabase } from './schema.js';
import type { TableColumns } from './table-columns.js';

type Row = Record<string, unknown>;

/** Appends rows to tables in large batches inside the caller's transaction. */
export interface BulkWriter {
  add<T extends keyof EmulatorDatabase>(
    spec: TableColumns<T>,
    row: Insertable<EmulatorDatabase[T]>,
  ): Promise<void>;
  /** Writes what is buffered. */
  flush(): Promise<void>;
}

/** SQLite: one prepared statement per table, run row by row (fast inside one transaction). */
export function sqliteBulkWriter(db: Database.Database): BulkWriter {
  const statements = new Map<string, Database.Statement>();
  return {
    async add(spec, row) {
      let st = statements.get(spec.table);
      if (!st) {
        const cols = spec.columns.map(([c]) => c);
        st = db.prepare(
          `insert into ${spec.table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
        );
        statements.set(spec.table, st);
      }
      const r = row as unknown as Row;
      st.run(...spec.columns.map(([c]) => toSqlite(r[c])));
    },
    async flush() {},
  };
}

function toSqlite(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** PostgreSQL: buffers rows per table and writes each batch with one `insert … select from unnest(…)`. */
export function postgresBulkWriter(client: pg.PoolClient, batchSize = 5000): BulkWriter {
  const buffers = new Map<string, { spec: TableColumns<keyof EmulatorDatabase>; rows: Row[] }>();
  async function write(spec: TableColumns<keyof EmulatorDatabase>, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    const cols = spec.columns.map(([c]) => c);
    const params = spec.columns.map(([c]) =>
      rows.map((r) => {
        const v = r[c];
        return typeof v === 'bigint' ? v.toString() : v;
      }),
    );
    const unnest = spec.columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
    await client.query(
      `insert into ${spec.table} (${cols.join(', ')}) select * from unnest(${unnest})`,
      params,
    );
  }
  return {
    async add(spec, row) {
      let b = buffers.get(spec.table);
      if (!b) {
        b = { spec: spec as unknown as TableColumns<keyof EmulatorDatabase>, rows: [] };
        buffers.set(spec.table, b);
      }
      b.rows.push(row as unknown as Row);
      if (b.rows.length >= batchSize) {
        const rows = b.rows;
        b.rows = [];
        await write(b.spec, rows);
      }
    },
    async flush() {
      for (const b of buffers.values()) {
        const rows = b.rows;
        b.rows = [];
        await write(b.spec, rows);
      }
    },
  };
}
