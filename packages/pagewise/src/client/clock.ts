/**
 * Time as the client sees it. Injected so tests drive retries, backoff and
 * rate-limit waits with fake time instead of the wall clock.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `Date.now()` and an abortable `setTimeout`.
 *
 * However many sleeps wait on one signal at once (parallel shards, or many
 * paginators sharing one job's signal), the signal carries at most one
 * listener of ours: a listener per sleep would pass Node's leak-warning
 * threshold of 10 and print a false alarm into the user's stderr.
 */
export const systemClock: Clock = /* @__PURE__ */ Object.freeze({
  now: () => Date.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let unregister: (() => void) | undefined;
      const timer = setTimeout(
        () => {
          unregister?.();
          resolve();
        },
        Math.max(0, ms),
      );
      if (signal !== undefined) {
        unregister = whenAborted(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      }
    });
  },
});

/** The sleeps waiting on a signal, and the one listener that cancels them all. */
interface Waiters {
  readonly cancels: Set<() => void>;
  readonly listener: () => void;
}

const waitersBySignal = new WeakMap<AbortSignal, Waiters>();

/**
 * Runs `cancel` when `signal` aborts; returns the function that takes it off
 * again. The signal's listener is added with the first waiter and removed
 * with the last.
 */
function whenAborted(signal: AbortSignal, cancel: () => void): () => void {
  let waiters = waitersBySignal.get(signal);
  if (waiters === undefined) {
    const cancels = new Set<() => void>();
    const listener = () => {
      waitersBySignal.delete(signal);
      for (const c of cancels) c();
    };
    waiters = { cancels, listener };
    waitersBySignal.set(signal, waiters);
    signal.addEventListener('abort', listener, { once: true });
  }
  const current = waiters;
  current.cancels.add(cancel);
  return () => {
    current.cancels.delete(cancel);
    if (current.cancels.size === 0 && waitersBySignal.get(signal) === current) {
      waitersBySignal.delete(signal);
      signal.removeEventListener('abort', current.listener);
    }
  };
}
