import { type CursorValue, isTimestamp } from '../../engine/index.js';

/**
 * Turns a cursor value into a query parameter: timestamps are bound as their
 * database text (so PostgreSQL parses microseconds itself, and SQLite compares
 * the stored text), bigints stay bigints (better-sqlite3 binds them as
 * INTEGER, pg sends their decimal text).
 * @internal
 */
export function bindValue(value: Exclude<CursorValue, null>): string | number | bigint | boolean {
  return isTimestamp(value) ? value.text : value;
}
