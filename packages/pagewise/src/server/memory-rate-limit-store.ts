import type { CounterRequest, CounterResult, RateLimitStore } from './rate-limit-store.js';

/**
 * In-process {@link RateLimitStore}: a `Map` of counters, checked and bumped
 * synchronously (so atomically: JavaScript runs one call at a time). Expired
 * counters are swept as new ones are created, so memory stays bounded by the
 * live windows.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #counters = new Map<string, { count: number; expiresAt: number }>();
  readonly #now: () => number;
  #nextSweep = 0;

  /** @param now Clock used to forget expired counters. @default Date.now */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  consume(counters: readonly CounterRequest[]): CounterResult {
    this.#sweep();
    const current = counters.map((c) => this.#counters.get(c.key)?.count ?? 0);
    const allowed = counters.every((c, i) => (current[i] ?? 0) < c.limit);
    if (!allowed) return { allowed, counts: current };
    const counts = counters.map((c, i) => {
      const count = (current[i] ?? 0) + 1;
      this.#counters.set(c.key, { count, expiresAt: c.expiresAt });
      return count;
    });
    return { allowed, counts };
  }

  /** Number of live counters (for tests and metrics). */
  get size(): number {
    return this.#counters.size;
  }

  #sweep(): void {
    const now = this.#now();
    if (now < this.#nextSweep) return;
    // At most one full pass per second of clock time: O(1) amortised per call.
    this.#nextSweep = now + 1000;
    for (const [key, entry] of this.#counters) {
      if (entry.expiresAt <= now) this.#counters.delete(key);
    }
  }
}
