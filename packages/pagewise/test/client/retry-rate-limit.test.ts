import { describe, expect, it } from 'vitest';
import {
  GovernorRegistry,
  isHttpError,
  isNetworkError,
  isRateLimitError,
  type PaginateOptions,
  paginate,
  parseRetryAfter,
  RateLimitGovernor,
  readRateLimit,
} from '../../src/client/index.js';
import { fakeFetch, manualClock, numbered, type Reply } from './support/list-server.js';

const URL_X = 'https://api.test/2/users/1/tweets?max_results=2';

/** An X-shaped list of `n` items in pages of 2, where `before(call)` may answer first. */
function xList(n: number, before: (call: number, url: URL) => Reply | undefined) {
  let call = 0;
  return fakeFetch((url) => {
    call++;
    const early = before(call, url);
    if (early) return early;
    const offset = Number(url.searchParams.get('pagination_token')?.slice(1) ?? 0);
    const data = numbered(offset + 1, Math.min(offset + 2, n));
    const meta: Record<string, unknown> = { result_count: data.length };
    if (offset + 2 < n) meta['next_token'] = `n${offset + 2}`;
    return { body: { data, meta } };
  });
}

function options(extra: Partial<PaginateOptions> = {}) {
  const clock = manualClock();
  return {
    clock,
    opts: {
      preset: 'x',
      clock,
      random: () => 0.5,
      governors: new GovernorRegistry(),
      ...extra,
    } as PaginateOptions<{ id: string }>,
  };
}

async function run(fetch: ReturnType<typeof fakeFetch>, opts: PaginateOptions<{ id: string }>) {
  const out: string[] = [];
  for await (const item of paginate<{ id: string }>(URL_X, { ...opts, fetch })) out.push(item.id);
  return out;
}

describe('retries', () => {
  it('retries 5xx, 408 and connection resets with full-jitter exponential backoff', async () => {
    const replies: Reply[] = [{ status: 503 }, { reset: true }, { status: 408 }];
    const fetch = xList(4, (call) => (call <= 3 ? replies[call - 1] : undefined));
    const { clock, opts } = options({
      retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 10_000 },
    });
    expect(await run(fetch, opts)).toEqual(['1', '2', '3', '4']);
    // random() = 0.5 → half of base × 2^retry: 50, 100, 200.
    expect(clock.sleeps).toEqual([50, 100, 200]);
  });

  it('gives up after the bounded attempts with a typed error carrying the cursor', async () => {
    const fetch = xList(4, (call) =>
      call >= 2 ? { status: 502, body: 'bad gateway' } : undefined,
    );
    const { opts } = options({ retry: { attempts: 3, baseDelayMs: 1 } });
    const error = await run(fetch, opts).catch((e: unknown) => e);
    expect(isHttpError(error) && error.status).toBe(502);
    expect(isHttpError(error) && error.cursor).toEqual({ params: { pagination_token: 'n2' } });
    expect(fetch.calls).toHaveLength(4);
  });

  it('network errors on every attempt end in NetworkError', async () => {
    const fetch = xList(4, () => ({ reset: true }));
    const { opts } = options({ retry: { attempts: 3, baseDelayMs: 1 } });
    const error = await run(fetch, opts).catch((e: unknown) => e);
    expect(isNetworkError(error) && error.attempts).toBe(3);
  });

  it('other 4xx fail at once with status, bounded body and request id', async () => {
    const fetch = xList(4, () => ({
      status: 403,
      headers: { 'x-request-id': 'req-42' },
      body: { title: 'Forbidden', detail: 'x'.repeat(10_000) },
    }));
    const { opts } = options();
    const error = await run(fetch, opts).catch((e: unknown) => e);
    expect(isHttpError(error)).toBe(true);
    if (!isHttpError(error)) return;
    expect(error.status).toBe(403);
    expect(error.requestId).toBe('req-42');
    expect(error.body.length).toBeLessThanOrEqual(4096);
    expect(error.cursor).toEqual({});
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('Retry-After in seconds, HTTP-date and ISO-8601 are all waited out', async () => {
    const now = Date.UTC(2024, 0, 1);
    expect(parseRetryAfter('7', now)).toBe(now + 7000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(now + 30_000);
    expect(parseRetryAfter('2024-01-01T00:00:45Z', now)).toBe(now + 45_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();

    for (const value of ['3', 'Mon, 01 Jan 2024 00:00:03 GMT', '2024-01-01T00:00:03Z']) {
      const fetch = xList(2, (call) =>
        call === 1 ? { status: 429, headers: { 'retry-after': value } } : undefined,
      );
      const { clock, opts } = options();
      expect(await run(fetch, opts)).toEqual(['1', '2']);
      expect(clock.sleeps).toEqual([3000]);
    }
  });

  it('x-rate-limit-reset (epoch seconds) on a 429 is waited out', async () => {
    const { clock, opts } = options();
    const reset = String(Math.floor(clock.now() / 1000) + 10);
    const fetch = xList(2, (call) =>
      call === 1
        ? {
            status: 429,
            headers: {
              'x-rate-limit-limit': '450',
              'x-rate-limit-remaining': '0',
              'x-rate-limit-reset': reset,
            },
          }
        : undefined,
    );
    expect(await run(fetch, opts)).toEqual(['1', '2']);
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('paces before the 429 when remaining is low', async () => {
    const { clock, opts } = options();
    let remaining = 4;
    const reset = String(Math.floor(clock.now() / 1000) + 100);
    const inner = xList(12, () => undefined);
    const fetch = Object.assign(
      async (input: string, init: { headers: Headers; signal: AbortSignal; method: 'GET' }) => {
        const response = await inner(input, init);
        const headers = new Headers(response.headers);
        headers.set('x-rate-limit-limit', '100');
        headers.set('x-rate-limit-remaining', String(remaining--));
        headers.set('x-rate-limit-reset', reset);
        return new Response(await response.text(), { status: 200, headers });
      },
      { calls: inner.calls },
    );
    const ids = await run(fetch as ReturnType<typeof fakeFetch>, opts);
    expect(ids).toHaveLength(12);
    // 6 requests, no 429: after the first response (4 left of 100, under 10%), requests are
    // spread over the time left to the reset; once 0 remain the next waits for the reset.
    expect(clock.sleeps.length).toBeGreaterThan(0);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThan(50_000);
    expect(clock.sleeps.every((ms) => ms <= 100_000)).toBe(true);
  });

  it('a wait longer than maxWait throws RateLimitError with the reset time and cursor', async () => {
    const { clock, opts } = options({ maxWaitMs: 5_000 });
    const fetch = xList(4, (call) =>
      call === 2 ? { status: 429, headers: { 'retry-after': '600' } } : undefined,
    );
    const error = await run(fetch, opts).catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    if (!isRateLimitError(error)) return;
    expect(error.resetAt).toBe(clock.now() + 600_000);
    expect(error.scope).toBe('window');
    expect(error.cursor).toEqual({ params: { pagination_token: 'n2' } });
  });

  it("Zoom's daily limit is not slept through: RateLimitError scope daily", async () => {
    const { opts } = options({ maxWaitMs: 60_000 });
    const fetch = xList(4, () => ({
      status: 429,
      headers: {
        'x-ratelimit-type': 'Daily-limit',
        'x-ratelimit-limit': '30000',
        'x-ratelimit-remaining': '0',
        'retry-after': '2024-01-02T00:00:00Z',
      },
      body: { code: 429, message: 'You have reached the maximum daily rate limit for this API.' },
    }));
    const error = await run(fetch, opts).catch((e: unknown) => e);
    expect(isRateLimitError(error) && error.scope).toBe('daily');
    expect(isRateLimitError(error) && error.resetAt).toBe(Date.UTC(2024, 0, 2));
    expect(fetch.calls).toHaveLength(1);
  });

  it('a daily limit within maxWait is waited out', async () => {
    const { clock, opts } = options({ maxWaitMs: 60_000 });
    const fetch = xList(2, (call) =>
      call === 1
        ? { status: 429, headers: { 'x-ratelimit-type': 'Daily-limit', 'retry-after': '30' } }
        : undefined,
    );
    expect(await run(fetch, opts)).toEqual(['1', '2']);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('a 429 without any time backs off (Zoom QPS)', async () => {
    const { clock, opts } = options({ retry: { baseDelayMs: 1000 } });
    const fetch = xList(2, (call) => (call === 1 ? { status: 429 } : undefined));
    expect(await run(fetch, opts)).toEqual(['1', '2']);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(1000);
  });

  it('one governor per origin and credential, shared by paginators; the key holds no secret', async () => {
    const registry = new GovernorRegistry();
    const a = registry.get(new URL('https://api.test/a'), 'Bearer secret-1');
    const b = registry.get(new URL('https://api.test/b?x=1'), 'Bearer secret-1');
    const c = registry.get(new URL('https://api.test/a'), 'Bearer secret-2');
    const d = registry.get(new URL('https://other.test/a'), 'Bearer secret-1');
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).not.toBe(d);
    expect(registry.size).toBe(3);

    // A 429 seen by one paginator makes another one on the same origin+credential wait.
    const clock = manualClock();
    const first = xList(2, (call) =>
      call === 1 ? { status: 429, headers: { 'retry-after': '20' } } : undefined,
    );
    const shared = {
      preset: 'x',
      clock,
      governors: registry,
      headers: { authorization: 'Bearer s' },
    } as const;
    const it1 = paginate(URL_X, { ...shared, fetch: first, maxWaitMs: 1 })[Symbol.asyncIterator]();
    await expect(it1.next()).rejects.toSatisfy(isRateLimitError);
    const second = xList(2, () => undefined);
    const out: unknown[] = [];
    for await (const item of paginate(URL_X, { ...shared, fetch: second })) out.push(item);
    expect(out).toHaveLength(2);
    expect(clock.sleeps).toEqual([20_000]);
  });

  it('governor: reserve books slots; a window reset forgets old counts', () => {
    const g = new RateLimitGovernor({ paceBelow: 0.5 });
    const now = Date.UTC(2024, 0, 1);
    g.observe(
      readRateLimit(
        new Headers({
          'x-rate-limit-limit': '10',
          'x-rate-limit-remaining': '4',
          'x-rate-limit-reset': String((now + 8000) / 1000),
        }),
        now,
      ),
    );
    const waits = [0, 1, 2, 3].map(() => g.reserve(now).waitMs);
    expect(waits).toEqual([0, 2000, 4000, 6000]);
    expect(g.reserve(now).waitMs).toBe(8000);
    expect(g.reserve(now + 9000).waitMs).toBe(0);
  });
});
