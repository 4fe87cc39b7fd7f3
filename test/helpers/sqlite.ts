import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens a better-sqlite3 database in a fresh temp file (WAL mode, like
 * production) and returns it with a `close()` that also deletes the files.
 */
export function createTestSqlite(): { db: Database.Database; path: string; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pagewise-sqlite-'));
  const path = join(dir, 'test.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  return {
    db,
    path,
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
