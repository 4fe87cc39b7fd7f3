/**
 * A small TTL cache of counts, keyed by scope and query fingerprint.
 * Bounded: when full, the oldest entry goes first (Map insertion order).
 * @internal
 */
export class TotalsCache {
  readonly #entries = new Map<string, { value: number; expiresAt: number }>();
  /** Counts being computed, by key: concurrent misses share one query. */
  readonly #inFlight = new Map<string, Promise<number>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(ttlMs: number, maxEntries: number, now: () => number) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  /**
   * Returns the cached count for `key`, or computes, stores and returns it.
   * Requests that miss while the count is being computed wait for that one
   * computation instead of each sending the same COUNT when an entry
   * expires under load. `compute` must not depend on one caller's abort
   * signal: its result (or failure) is shared by every caller waiting on it.
   */
  get(key: string, compute: () => Promise<number>): Promise<number> {
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > this.#now()) return Promise.resolve(hit.value);
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return pending;
    const computing = (async () => {
      try {
        const value = await compute();
        this.#entries.delete(key);
        this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
        while (this.#entries.size > this.#maxEntries) {
          const oldest = this.#entries.keys().next().value;
          if (oldest === undefined) break;
          this.#entries.delete(oldest);
        }
        return value;
      } finally {
        this.#inFlight.delete(key);
      }
    })();
    this.#inFlight.set(key, computing);
    return computing;
  }
}
