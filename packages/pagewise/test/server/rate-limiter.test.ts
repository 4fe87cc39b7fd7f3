import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  MemoryRateLimitStore,
  RateLimiterConfigError,
  type RateLimitRule,
} from '../../src/server/index.js';
import {
  x,
  xEndpoints,
  xRateLimitRules,
  zoom,
  zoomRateLimitRules,
} from '../../src/styles/index.js';

const rule = (limit: number, windowMs = 900_000): RateLimitRule => ({
  bucket: 'b',
  limit,
  windowMs,
  kind: 'window',
});

function fakeClock(start: number) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('rate limiter', () => {
  it('lets exactly the limit through among 50 concurrent requests', async () => {
    const limiter = createRateLimiter({ now: () => 1_000_000 });
    const decisions = await Promise.all(
      Array.from({ length: 50 }, () => limiter.check('alice', [rule(10)])),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    const remaining = decisions.filter((d) => d.allowed).map((d) => d.state?.remaining);
    expect(remaining.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const refused of decisions.filter((d) => !d.allowed)) {
      expect(refused.state).toMatchObject({ limited: true, remaining: 0, used: 10, limit: 10 });
    }
  });

  it('stays exact with an asynchronous store', async () => {
    const memory = new MemoryRateLimitStore(() => 0);
    const limiter = createRateLimiter({
      now: () => 0,
      store: {
        // A store that answers later, as a networked one would; its consume stays atomic.
        consume: async (counters) => {
          await new Promise((r) => setTimeout(r, 1));
          return memory.consume(counters);
        },
      },
    });
    const decisions = await Promise.all(
      Array.from({ length: 30 }, () => limiter.check('p', [rule(7)])),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
  });

  it('counts principals and buckets separately', async () => {
    const limiter = createRateLimiter({ now: () => 0 });
    expect((await limiter.check('a', [rule(1)])).allowed).toBe(true);
    expect((await limiter.check('a', [rule(1)])).allowed).toBe(false);
    expect((await limiter.check('b', [rule(1)])).allowed).toBe(true);
    expect((await limiter.check('a', [{ ...rule(1), bucket: 'other' }])).allowed).toBe(true);
  });

  it('resets at the window boundary, and reports that boundary', async () => {
    const clock = fakeClock(Date.UTC(2024, 0, 16, 16, 1, 0));
    const limiter = createRateLimiter({ now: clock.now });
    const windowStart = Date.UTC(2024, 0, 16, 16, 0, 0);
    const first = await limiter.check('p', [rule(2)]);
    expect(first.state).toMatchObject({ resetAt: windowStart + 900_000, remaining: 1, used: 1 });
    await limiter.check('p', [rule(2)]);
    expect((await limiter.check('p', [rule(2)])).allowed).toBe(false);
    clock.advance(900_000 - 60_001); // 1 ms before the reset
    expect((await limiter.check('p', [rule(2)])).allowed).toBe(false);
    clock.advance(1);
    const after = await limiter.check('p', [rule(2)]);
    expect(after.allowed).toBe(true);
    expect(after.state?.remaining).toBe(1);
  });

  it('scales windows in scaled mode (factor or explicit length)', async () => {
    const clock = fakeClock(0);
    const scaled = createRateLimiter({ mode: 'scaled', scale: 900, now: clock.now });
    expect(scaled.windowOf(rule(1))).toBe(1000);
    expect(scaled.windowOf(rule(1, 86_400_000))).toBe(96_000);
    expect(scaled.windowOf(rule(1, 1000))).toBe(1000);
    expect(scaled.windowOf(rule(1, 60_000))).toBe(1000);
    const explicit = createRateLimiter({
      mode: 'scaled',
      windowMs: { window: 50 },
      now: clock.now,
    });
    expect(explicit.windowOf(rule(1))).toBe(50);
    expect((await explicit.check('p', [rule(1)])).allowed).toBe(true);
    expect((await explicit.check('p', [rule(1)])).allowed).toBe(false);
    clock.advance(50);
    expect((await explicit.check('p', [rule(1)])).allowed).toBe(true);
    expect(createRateLimiter({ mode: 'realistic' }).windowOf(rule(1))).toBe(900_000);
  });

  it('passes everything and reports nothing when off', async () => {
    const limiter = createRateLimiter({ mode: 'off' });
    for (let i = 0; i < 5; i++) {
      const decision = await limiter.check('p', [rule(1)]);
      expect(decision).toEqual({ allowed: true, states: [] });
    }
  });

  it('refuses bad options', () => {
    expect(() => createRateLimiter({ mode: 'fast' as 'off' })).toThrow(RateLimiterConfigError);
    expect(() => createRateLimiter({ scale: 0 })).toThrow(RateLimiterConfigError);
    expect(() => createRateLimiter({ windowMs: { qps: 0 } })).toThrow(RateLimiterConfigError);
    expect(() => createRateLimiter({ modes: 'off' } as never)).toThrow(
      /unknown rate limiter option/,
    );
  });

  it('counts all rules or none (a refused daily cap does not use up the per-second quota)', async () => {
    const limiter = createRateLimiter({ now: () => 0 });
    const daily: RateLimitRule = { bucket: 'd', limit: 2, windowMs: 86_400_000, kind: 'daily' };
    const qps: RateLimitRule = { bucket: 'q', limit: 3, windowMs: 1000, kind: 'qps' };
    expect((await limiter.check('p', [qps, daily])).allowed).toBe(true);
    expect((await limiter.check('p', [qps, daily])).allowed).toBe(true);
    const refused = await limiter.check('p', [qps, daily]);
    expect(refused.allowed).toBe(false);
    expect(refused.state?.kind).toBe('daily');
    // The per-second bucket counted 2, not 3: one more request on it alone passes.
    expect((await limiter.check('p', [qps])).state?.used).toBe(3);
  });
});

describe('rate-limit rules of the styles', () => {
  it('gives Zoom Pro Heavy a 10/s rate and the shared 30,000/day cap, reset at 00:00 UTC', async () => {
    const rules = zoomRateLimitRules('Heavy', 'pro');
    expect(rules.map((r) => [r.kind, r.limit])).toEqual([
      ['qps', 10],
      ['daily', 30000],
    ]);
    expect(zoomRateLimitRules('Resource-intensive', 'pro')[1]?.bucket).toBe(rules[1]?.bucket);
    expect(zoomRateLimitRules('Light', 'pro')).toHaveLength(1);
    expect(zoomRateLimitRules('Light', 'free')[1]?.limit).toBe(6000);
    const now = Date.UTC(2020, 4, 30, 13, 0, 0);
    const limiter = createRateLimiter({ now: () => now });
    const decision = await limiter.check('account', rules);
    // On success Zoom reports the daily limit.
    expect(zoom.rateLimitHeaders(decision.state!)).toEqual({
      'X-RateLimit-Category': 'Heavy',
      'X-RateLimit-Type': 'Daily-limit',
      'X-RateLimit-Limit': '30000',
      'X-RateLimit-Remaining': '29999',
    });
    expect(decision.state?.resetAt).toBe(Date.UTC(2020, 4, 31));
  });

  it('trips Zoom QPS within one second and reports it as QPS', async () => {
    const limiter = createRateLimiter({ now: () => 5_000 });
    const rules = zoomRateLimitRules('Medium', 'pro');
    const decisions = await Promise.all(
      Array.from({ length: 25 }, () => limiter.check('acct', rules)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(20);
    const refused = decisions.find((d) => !d.allowed)!;
    const response = zoom.formatProblem({ kind: 'rate_limited', state: refused.state! });
    expect(response.status).toBe(429);
    expect(response.headers['X-RateLimit-Type']).toBe('QPS');
  });

  it('gives X endpoints their 15-minute app limits', async () => {
    expect(xRateLimitRules(xEndpoints.searchRecent)[0]?.limit).toBe(450);
    expect(xRateLimitRules(xEndpoints.searchRecent, 'user')[0]?.limit).toBe(300);
    expect(xRateLimitRules(xEndpoints.followers)[0]?.limit).toBe(15);
    const limiter = createRateLimiter({ now: () => 1_705_420_000_000 });
    const decision = await limiter.check('app', xRateLimitRules(xEndpoints.followers));
    expect(x.rateLimitHeaders(decision.state!)).toEqual({
      'x-rate-limit-limit': '15',
      'x-rate-limit-remaining': '14',
      'x-rate-limit-reset': String(Math.ceil((Math.floor(1_705_420_000_000 / 900_000) + 1) * 900)),
    });
  });

  it('forgets expired counters', async () => {
    const clock = fakeClock(0);
    const store = new MemoryRateLimitStore(clock.now);
    const limiter = createRateLimiter({
      now: clock.now,
      store,
      mode: 'scaled',
      windowMs: { window: 10 },
    });
    for (let i = 0; i < 100; i++) {
      await limiter.check(`p${i}`, [rule(1)]);
    }
    expect(store.size).toBe(100);
    clock.advance(2000);
    await limiter.check('late', [rule(1)]);
    expect(store.size).toBe(1);
  });
});
