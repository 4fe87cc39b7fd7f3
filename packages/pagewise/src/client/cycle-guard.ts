import { BoundedSet } from './bounded-set.js';
import { CursorCycleError, EmptyPagesError, RepeatedItemsError } from './client-errors.js';
import type { Cursor } from './cursor.js';

/** Limits of a {@link CycleGuard}. */
export interface CycleGuardLimits {
  /** Consecutive empty pages with a next token that are followed. */
  readonly maxEmptyPages: number;
  /** Item keys remembered to spot pages of only already-seen items. */
  readonly recentKeys: number;
  /** Tokens remembered to spot a repeated token. */
  readonly recentTokens: number;
}

/**
 * Stops walks that do not advance: a token the API already returned, pages
 * holding only items already seen, or an endless run of empty pages. Memory
 * is bounded: it remembers the last `recentTokens` tokens and `recentKeys`
 * item keys (insertion-ordered sets, oldest dropped first).
 */
export class CycleGuard {
  readonly #limits: CycleGuardLimits;
  readonly #tokens: BoundedSet;
  readonly #keys: BoundedSet;
  #emptyRun = 0;

  constructor(limits: CycleGuardLimits) {
    this.#limits = limits;
    this.#tokens = new BoundedSet(limits.recentTokens);
    this.#keys = new BoundedSet(limits.recentKeys);
  }

  /** Forgets the tokens: after a restart with a narrower query, tokens belong to a new walk. */
  resetTokens(): void {
    this.#tokens.clear();
  }

  /**
   * Checks one page. `keys` are the item keys (`undefined` for items without
   * one), `token` the token pointing to the next page, `cursor` the page's own
   * cursor (carried by the errors).
   */
  check(
    keys: readonly (string | undefined)[],
    token: string | undefined,
    hasNext: boolean,
    cursor: Cursor,
  ): void {
    if (keys.length === 0) {
      this.#emptyRun = hasNext ? this.#emptyRun + 1 : 0;
      if (this.#emptyRun > this.#limits.maxEmptyPages) {
        throw new EmptyPagesError(this.#emptyRun, { cursor });
      }
    } else {
      this.#emptyRun = 0;
      let fresh = false;
      for (const key of keys) {
        if (key === undefined || !this.#keys.has(key)) {
          fresh = true;
          break;
        }
      }
      if (!fresh) throw new RepeatedItemsError(1, { cursor });
      for (const key of keys) if (key !== undefined) this.#keys.add(key);
    }
    if (token !== undefined && hasNext) {
      if (this.#tokens.has(token)) throw new CursorCycleError(token, { cursor });
      this.#tokens.add(token);
    }
  }
}
