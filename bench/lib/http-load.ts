import autocannon from 'autocannon';

/** One target of a side-by-side load: a URL and the bearer token it wants. */
export interface LoadTarget {
  readonly key: string;
  readonly url: string;
  readonly token?: string;
  /** The CPU time (µs) the serving process has used so far, to measure CPU per request. */
  readonly cpuUs?: () => Promise<number>;
}

/** What one load run measured. */
export interface LoadResult {
  readonly rps: number;
  /** Requests answered. */
  readonly total: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

/** GETs `url` with a bearer token; throws on a non-200 answer. */
export async function getJson(
  url: string,
  token: string | undefined,
): Promise<{ body: Record<string, unknown>; text: string }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} -> ${res.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as Record<string, unknown>, text };
}

/** Loads `target` with autocannon for `seconds` (or for `amount` requests). */
export async function load(
  target: LoadTarget,
  connections: number,
  limit: { seconds: number } | { amount: number },
): Promise<LoadResult> {
  const r = await autocannon({
    url: target.url,
    connections,
    ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
    headers: target.token ? { authorization: `Bearer ${target.token}` } : {},
  });
  // Requests over the run's own measured duration: autocannon's requests.average is
  // a mean of whole-second samples, meaningless for runs of a second or two.
  return {
    rps: r.duration > 0 ? r.requests.total / r.duration : 0,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
  };
}

/**
 * Sends `requests` requests to a target over `connections` concurrent
 * callers, unmeasured (autocannon would round even a warm-up up to its
 * one-second tick).
 */
export async function warm(
  target: LoadTarget,
  connections: number,
  requests: number,
): Promise<void> {
  let left = requests;
  const headers: Record<string, string> = target.token
    ? { authorization: `Bearer ${target.token}` }
    : {};
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (left-- > 0) {
        const res = await fetch(target.url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${target.key}: ${res.status} in the warm-up`);
      }
    }),
  );
}

/** The mean of an ABBA run's passes: req/s and p50 averaged, p99 the worst. */
export interface AbbaResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /**
   * CPU time of the serving process per request answered (µs), over all
   * halves, when the target can tell it: unlike req/s, it hardly moves when
   * other processes compete for the cores.
   */
  readonly cpuUsPerRequest?: number;
}

/**
 * Loads every target side by side: a short unmeasured warm-up each (so
 * every server's JavaScript is optimized before it is timed), then each
 * target for `seconds / passes` at a time, the targets in one order, then
 * in the reverse order, and so on (ABBA, ABBAABBA), so that drift during the
 * run (a checkpoint, a cache warming up, load from elsewhere) does not
 * favour whichever ran first. Any failed request fails the run.
 */
export async function loadAbba(
  targets: readonly LoadTarget[],
  options: {
    readonly seconds: number;
    readonly connections: number;
    /** Requests of unmeasured load on each target first. */
    readonly warmup: number;
    /** Passes over the targets (even: as many forward as reversed). @default 2 */
    readonly passes?: number;
  },
): Promise<Map<string, AbbaResult>> {
  const passes = options.passes ?? 2;
  // autocannon stops on its one-second tick: a slice of 2.5 s runs 3 s.
  if (!Number.isInteger(options.seconds / passes)) {
    throw new Error(`loadAbba: ${options.seconds} s in ${passes} passes is not whole seconds each`);
  }
  for (const t of targets) await warm(t, options.connections, options.warmup);
  const halves = new Map<string, LoadResult[]>();
  const cpu = new Map<string, number>();
  const order: LoadTarget[] = [];
  for (let p = 0; p < passes; p++) order.push(...(p % 2 === 0 ? targets : [...targets].reverse()));
  for (const t of order) {
    const before = await t.cpuUs?.();
    const r = await load(t, options.connections, { seconds: options.seconds / passes });
    const after = await t.cpuUs?.();
    if (r.errors > 0) throw new Error(`${t.key}: ${r.errors} failed requests under load`);
    halves.set(t.key, [...(halves.get(t.key) ?? []), r]);
    if (before !== undefined && after !== undefined) {
      cpu.set(t.key, (cpu.get(t.key) ?? 0) + (after - before));
    }
  }
  const out = new Map<string, AbbaResult>();
  for (const [key, h] of halves) {
    const cpuUs = cpu.get(key);
    const total = h.reduce((a, r) => a + r.total, 0);
    out.set(key, {
      rps: h.reduce((a, r) => a + r.rps, 0) / h.length,
      p50: h.reduce((a, r) => a + r.p50, 0) / h.length,
      p99: Math.max(...h.map((r) => r.p99)),
      ...(cpuUs === undefined || total === 0 ? {} : { cpuUsPerRequest: cpuUs / total }),
    });
  }
  return out;
}
