import type { CursorValue } from '../token/types.js';
import { Timestamp } from '../token/types.js';
import { isTimestamp } from './is-timestamp.js';
import type { SortKeyKind } from './sort-key.js';

const INTEGER_RE = /^-?\d+$/;

/**
 * Converts a value read from a row (or given as a window bound) to the
 * typed form a cursor carries, or returns `undefined` when it cannot be one
 * of `kind`. `null`/`undefined` become `null`.
 *
 * - `bigint`: accepts bigint, safe integers and decimal strings (pg returns
 *   int8 as text; better-sqlite3 returns numbers unless `safeIntegers`).
 * - `timestamp`: accepts {@link Timestamp} and strings (kept verbatim), and
 *   `Date` (millisecond precision only: configure pg to return text, see
 *   `pagewisePgTypes`).
 * - `number`: accepts finite numbers and numeric strings.
 * - `string`: accepts strings.
 */
export function toCursorValue(value: unknown, kind: SortKeyKind): CursorValue | undefined {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'bigint':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
      if (typeof value === 'string' && INTEGER_RE.test(value)) return BigInt(value);
      return undefined;
    case 'timestamp':
      if (value instanceof Timestamp) return value;
      if (isTimestamp(value)) return new Timestamp(value.text);
      if (typeof value === 'string') return new Timestamp(value);
      if (value instanceof Date && !Number.isNaN(value.getTime())) {
        return new Timestamp(value.toISOString());
      }
      return undefined;
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
        return Number(value);
      }
      return undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
  }
}
