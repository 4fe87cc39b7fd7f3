/**
 * A small TTL cache of counts, keyed by scope and query fingerprint.
 * Bounded: when full, the oldest entry goes first (Map insertion order).
 * @internal
 */
export class TotalsCache {
  readonly #entries = new Map<string, { value: number; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(ttlMs: number, maxEntries: number, now: () => number) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  /** Returns the cached count for `key`, or computes, stores and returns it. */
  async get(key: string, compute: () => Promise<number>): Promise<number> {
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > this.#now()) return hit.value;
    const value = await compute();
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return value;
  }
}
