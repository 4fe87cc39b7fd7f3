/** A request timeout's signal, lent to one request at a time by {@link TimeoutSignals}. */
export interface TimeoutLease {
  /** Aborted by the request's timer (or with `base`). */
  readonly controller: AbortController;
  /** What the request is given: the timeout signal, combined with `base` when there is one. */
  readonly signal: AbortSignal;
  /** The caller's signal this lease is combined with. */
  readonly base: AbortSignal | undefined;
  /** Requests that used it so far. */
  uses: number;
}

/** Requests one timeout signal serves before a fresh one replaces it. */
const MAX_USES = 100;
/** Idle leases kept; more than the widest concurrency in flight is never needed. */
const MAX_IDLE = 64;

/**
 * Per-request timeout signals, reused from one request to the next instead of
 * a new `AbortController` (and `AbortSignal.any`) per request.
 *
 * Why: on Node 20 every `AbortSignal` gets a hidden class (map) of its own, so
 * a signal per page leaves an old-space map behind whose references keep
 * young objects alive through scavenges: streaming 1M items promoted about
 * 8 MiB more than the same loop without it (bench/client.ts, `--trace-gc-nvp`).
 *
 * A lease is lent to one request at a time, so concurrent requests never share
 * a timeout; it goes back to the pool only if it was not aborted. It is retired
 * after {@link MAX_USES} requests because `fetch` (undici) leaves an abort
 * listener on the signal of every request until that request is collected.
 */
export class TimeoutSignals {
  readonly #idle: TimeoutLease[] = [];

  /** A signal that no request in flight uses, combined with `base` when given. */
  acquire(base: AbortSignal | undefined): TimeoutLease {
    const idle = this.#idle;
    let found: TimeoutLease | undefined;
    for (let i = idle.length - 1; i >= 0; i--) {
      const lease = idle[i] as TimeoutLease;
      // Aborted meanwhile (e.g. the walk that owned `base` closed): drop it.
      if (lease.signal.aborted) idle.splice(i, 1);
      else if (found === undefined && lease.base === base) {
        idle.splice(i, 1);
        found = lease;
      }
    }
    if (found !== undefined) {
      found.uses++;
      return found;
    }
    const controller = new AbortController();
    const signal = base ? AbortSignal.any([base, controller.signal]) : controller.signal;
    return { controller, signal, base, uses: 1 };
  }

  /** Takes a lease back once its request is over (its timer cleared). */
  release(lease: TimeoutLease): void {
    if (lease.signal.aborted || lease.uses >= MAX_USES || this.#idle.length >= MAX_IDLE) return;
    this.#idle.push(lease);
  }
}
