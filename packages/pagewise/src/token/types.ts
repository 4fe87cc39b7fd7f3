/**
 * A timestamp carried in the database's own text form (for example
 * PostgreSQL's `2024-03-01 12:00:00.123456+00`), so no precision is lost:
 * a JS `Date` would drop the microseconds and the cursor would then skip or
 * repeat rows that differ only there.
 */
export class Timestamp {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
    Object.freeze(this);
  }
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

/** One sort-key or window value that a page token can carry and give back with its type. */
export type CursorValue = string | number | bigint | boolean | null | Timestamp;

/**
 * What a page token carries: where the next (or previous) page starts.
 * Engines put in it what they need; the codec only guarantees it comes back
 * exactly as sealed, or not at all.
 */
export interface PageCursor {
  /** Sort-key values of the boundary row, in the list's sort order. */
  readonly keys: readonly CursorValue[];
  /** `after`: rows after `keys` in sort order (next page); `before`: rows before them (previous page). */
  readonly direction: 'after' | 'before';
  /** Window bounds fixed for the whole walk (e.g. since_id, until_id, start_time, end_time); empty when none. */
  readonly window: readonly CursorValue[];
}

/**
 * What a token is bound to: it opens only with the same scope (API
 * principal, tenant) and the same query fingerprint it was sealed with.
 */
export interface TokenBinding {
  /** The caller's identity, e.g. a user or tenant id. */
  readonly scope: string;
  /** A canonical fingerprint of the request's query (see `fingerprintQuery`), including the list's name. */
  readonly query: string;
}
