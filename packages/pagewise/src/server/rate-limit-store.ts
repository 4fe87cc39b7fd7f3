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
 * The built-in `MemoryRateLimitStore` is exact within one process.
 * Several server replicas need a shared store (e.g. Redis with a Lua script,
 * or a database row per counter updated in one transaction) implementing
 * this interface.
 */
export interface RateLimitStore {
  /** Atomically checks and increments a batch of counters. */
  consume(counters: readonly CounterRequest[]): CounterResult | Promise<CounterResult>;
}
