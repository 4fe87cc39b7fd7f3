/** One counter to check and bump, as the limiter hands it to a store. */
export interface CounterRequest {
  /** Counter identity: principal, bucket and window start. */
  readonly key: string;
  /** Requests allowed in the window. */
  readonly limit: number;
  /** When the window ends, epoch milliseconds; the store may forget the counter after it. */
  readonly expiresAt: number;
}

/** What a store answers for a batch of counters. */
export interface CounterResult {
  /** True when every counter was below its limit and all were incremented. */
  readonly allowed: boolean;
  /** Each counter's value after the call, in request order. */
  readonly counts: readonly number[];
}

/**
 * Where rate-limit counters live. `consume` must be atomic for the whole
 * batch: either every counter is below its limit and each is incremented by
 * one, or none is changed. That is what makes the limit exact under
 * concurrency (no request is counted against one quota and refused by
 * another).
 *
 * The built-in {@link MemoryRateLimitStore} is exact within one process.
 * Several server replicas need a shared store (e.g. Redis with a Lua script,
 * or a database row per counter updated in one transaction) implementing
 * this interface.
 */
export interface RateLimitStore {
  /** Atomically checks and increments a batch of counters. */
  consume(counters: readonly CounterRequest[]): CounterResult | Promise<CounterResult>;
}

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
