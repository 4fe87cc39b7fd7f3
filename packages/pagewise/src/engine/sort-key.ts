import type { CursorValue } from '../token/types.js';

/**
 * How a sort-key (or window) value is typed, so it keeps its type and
 * precision through a page token:
 *
 * - `string`: text, compared by the column's collation in SQL and by the
 *   memory source's text comparator (default: UTF-16 code-unit order, which
 *   equals SQLite `BINARY` and PostgreSQL `COLLATE "C"` for BMP text).
 * - `number`: a JS number (integers within 2^53, or floats).
 * - `bigint`: a 64-bit integer carried as `bigint` (ids).
 * - `timestamp`: a {@link Timestamp} in the database's own text form.
 */
export type SortKeyKind = 'string' | 'number' | 'bigint' | 'timestamp';

/** One key of a list's sort order, as the user declares it. */
export interface SortKey {
  /** Column to sort by, as SQL sees it (may be qualified: `t.created_at`). */
  readonly column: string;
  /**
   * Property of a result row holding this key's value.
   * @default the part of `column` after the last `.`
   */
  readonly field?: string;
  /**
   * Sort direction.
   * @default 'asc'
   */
  readonly direction?: 'asc' | 'desc';
  /** How values of this key are typed (see {@link SortKeyKind}). */
  readonly kind: SortKeyKind;
  /**
   * True for the last key only: its values identify a row. Required, so the
   * order is total and no row is skipped or repeated between pages.
   * @default false
   */
  readonly unique?: boolean;
  /**
   * Whether the column may hold NULL. Declaring `false` lets SQL sources use
   * a plain row-value comparison and the index order without a NULLS clause;
   * a NULL found in a key declared `false` is an error. The unique key must
   * not be nullable.
   * @default true for non-unique keys, false for the unique key
   */
  readonly nullable?: boolean;
}

/** A sort key with every default resolved; what sources receive. */
export interface ResolvedSortKey {
  readonly column: string;
  readonly field: string;
  readonly direction: 'asc' | 'desc';
  readonly kind: SortKeyKind;
  readonly unique: boolean;
  readonly nullable: boolean;
}

/** Comparison operator of a window bound. */
export type WindowOperator = '<' | '<=' | '>' | '>=';

/** A named window (e.g. `since_id`), as the user declares it. */
export interface WindowDefinition {
  /** Column the bound applies to, as SQL sees it. */
  readonly column: string;
  /**
   * Property of a result row holding the column's value (memory source).
   * @default the part of `column` after the last `.`
   */
  readonly field?: string;
  /** `>` for `since_id` (exclusive), `<` for `until_id`, `>=` for `start_time`, `<` for `end_time`. */
  readonly op: WindowOperator;
  /**
   * How the bound's value is typed.
   * @default the kind of the sort key on the same column (required when there is none)
   */
  readonly kind?: SortKeyKind;
}

/**
 * One active window bound for a query. Rows whose column is NULL never
 * satisfy a window bound (SQL comparison semantics, also in memory).
 */
export interface WindowBound {
  readonly name: string;
  readonly column: string;
  readonly field: string;
  readonly op: WindowOperator;
  readonly kind: SortKeyKind;
  /** The bound's value, never null. */
  readonly value: Exclude<CursorValue, null>;
}
