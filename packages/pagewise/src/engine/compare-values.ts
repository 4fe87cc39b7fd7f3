import type { CursorValue, Timestamp } from '../token/types.js';
import { isTimestamp } from './is-timestamp.js';
import type { ResolvedSortKey, SortKeyKind } from './sort-key.js';

/** Compares two strings; negative, zero or positive like `Array.prototype.sort`. */
export type TextComparator = (a: string, b: string) => number;

/**
 * Default text order: UTF-16 code units, the order of SQLite's `BINARY`
 * collation and of PostgreSQL's `COLLATE "C"` for text in the Basic
 * Multilingual Plane.
 */
export const codeUnitOrder: TextComparator = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const TIMESTAMP_RE =
  /^(-?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?(?::?\d{2})?)?$/i;

/**
 * Parses a timestamp's text (ISO-8601 or PostgreSQL output such as
 * `2024-03-01 12:00:00.123456+00`) into microseconds since the epoch, or
 * `undefined` when the text has another shape. A missing offset means UTC.
 */
export function timestampMicros(text: string): bigint | undefined {
  const m = TIMESTAMP_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz = 'Z'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  let micros = BigInt(ms) * 1000n + BigInt((frac + '000000').slice(0, 6));
  if (tz.toUpperCase() !== 'Z') {
    const sign = tz.startsWith('-') ? -1n : 1n;
    const digits = tz.slice(1).replaceAll(':', '');
    const offsetSeconds =
      Number(digits.slice(0, 2)) * 3600 +
      Number(digits.slice(2, 4) || '0') * 60 +
      Number(digits.slice(4, 6) || '0');
    micros -= sign * BigInt(offsetSeconds) * 1_000_000n;
  }
  return micros;
}

function compareTimestamps(a: Timestamp, b: Timestamp): number {
  const x = timestampMicros(a.text);
  const y = timestampMicros(b.text);
  // Unparseable text (a custom format) falls back to text order, which is what SQLite does.
  if (x === undefined || y === undefined) return codeUnitOrder(a.text, b.text);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Compares two non-null values of one kind in ascending order. Timestamps
 * compare by instant (microsecond precision) when their text parses, text
 * order otherwise.
 */
export function compareNonNull(
  a: Exclude<CursorValue, null>,
  b: Exclude<CursorValue, null>,
  kind: SortKeyKind,
  compareText: TextComparator = codeUnitOrder,
): number {
  switch (kind) {
    case 'timestamp':
      if (isTimestamp(a) && isTimestamp(b)) return compareTimestamps(a, b);
      break;
    case 'string':
      return compareText(String(a), String(b));
    default:
      break;
  }
  if (typeof a === 'object' || typeof b === 'object') return codeUnitOrder(String(a), String(b));
  // number and bigint compare correctly with each other in JS.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares two values of one key in ascending order, NULL being the largest
 * value: ascending keys put NULLs last, descending keys first. This is
 * PostgreSQL's default and what SQL sources emit explicitly on SQLite.
 */
export function compareCursorValues(
  a: CursorValue,
  b: CursorValue,
  kind: SortKeyKind,
  compareText: TextComparator = codeUnitOrder,
): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compareNonNull(a, b, kind, compareText);
}

/**
 * Compares two rows' key tuples in the list's sort order: negative when `a`
 * comes first.
 */
export function compareKeys(
  a: readonly CursorValue[],
  b: readonly CursorValue[],
  sort: readonly ResolvedSortKey[],
  compareText: TextComparator = codeUnitOrder,
): number {
  for (let i = 0; i < sort.length; i++) {
    const key = sort[i]!;
    const c = compareCursorValues(a[i] ?? null, b[i] ?? null, key.kind, compareText);
    if (c !== 0) return key.direction === 'asc' ? c : -c;
  }
  return 0;
}
