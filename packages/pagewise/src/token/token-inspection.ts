import type { PageCursor, TokenBinding } from './types.js';

/**
 * How one part of a token's binding compares with what the inspector
 * expected: `match`, `mismatch`, or `unchecked` when nothing was given to
 * compare with. A token carries keyed hashes of its scope and query, not the
 * values, so a binding can be compared but never read back.
 */
export type TokenBindingCheck = 'match' | 'mismatch' | 'unchecked';

/** What {@link TokenCodec.inspect} may be asked to compare a token's binding with; each part optional. */
export type InspectExpectation = Partial<TokenBinding>;

/**
 * What {@link TokenCodec.inspect} reads in a genuine token (one that
 * authenticated under a key of the ring). For admin tools and debugging:
 * never hand it to the token's holder, since the whole point of an opaque
 * token is that clients cannot read it.
 */
export interface TokenInspection {
  /** Id of the key that sealed the token (carried in clear in every token). */
  readonly keyId: string;
  /** When it was sealed, in milliseconds since 1970 (second precision). */
  readonly issuedAtMs: number;
  /** Its lifetime, in seconds. */
  readonly ttlSeconds: number;
  /** `issuedAtMs + ttlSeconds`; `open()` still accepts it for the codec's clock skew after this. */
  readonly expiresAtMs: number;
  /**
   * True when `open()` would refuse it as `expired` now: past its expiry plus
   * the clock skew, or issued further in the future than the skew allows.
   */
  readonly expired: boolean;
  /** The scope it is bound to, compared with the expected scope. */
  readonly scope: TokenBindingCheck;
  /** The query it is bound to, compared with the expected query. */
  readonly query: TokenBindingCheck;
  /**
   * The code `open()` would throw with the expected binding, checked in
   * `open()`'s order (scope, query, lifetime, skipping unchecked parts), or
   * `null` when it would open. Never `tampered`/`malformed`: such tokens are
   * refused by `inspect()` itself.
   */
  readonly refusal: 'wrong_scope' | 'wrong_query' | 'expired' | null;
  /** The cursor it carries (frozen), exactly as `open()` would return it. */
  readonly cursor: PageCursor;
}
