import { describe, expect, it } from 'vitest';
import {
  GovernorRegistry,
  isClientOptionsError,
  MemoryCheckpointStore,
  type PaginateOptions,
  paginate,
  timeShards,
} from '../../src/client/index.js';
import { fakeFetch, manualClock, numbered } from './support/list-server.js';
import { zoomPagesHandler } from './support/shapes.js';

type Item = { id: string; t?: number };

function opts(extra: Partial<PaginateOptions<Item>>): PaginateOptions<Item> {
  return { clock: manualClock(), governors: new GovernorRegistry(), ...extra };
}

/** Wraps a handler so replies arrive after a few event-loop turns, counting concurrency. */
function slow(handler: Parameters<typeof fakeFetch>[0]) {
  let inFlight = 0;
  const stats = { max: 0 };
  const fetch = fakeFetch(async (url, h) => {
    inFlight++;
    stats.max = Math.max(stats.max, inFlight);
    // Later pages answer sooner, so out-of-order arrival is exercised.
    const turns = 20 - (Number(url.searchParams.get('page_number') ?? 1) % 10);
    for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
    inFlight--;
    return handler(url, h);
  });
  return { fetch, stats };
}

describe('parallel page numbers', () => {
  it('fetches with bounded concurrency and yields pages in order', async () => {
    const { fetch, stats } = slow(zoomPagesHandler(numbered(1, 100)));
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of paginate<Item>(
      'https://z.test/v2/users?page_size=7',
      opts({ preset: 'zoom-pages', fetch, concurrency: 4 }),
    ).pages()) {
      pages.push(page.index);
      ids.push(...page.items.map((i) => i.id));
    }
    expect(ids).toEqual(numbered(1, 100).map((i) => i.id));
    expect(pages).toEqual([...Array(15).keys()]);
    expect(stats.max).toBeGreaterThan(1);
    expect(stats.max).toBeLessThanOrEqual(4);
  });

  it('resumes a parallel walk from its checkpoint with each item once', async () => {
    const store = new MemoryCheckpointStore();
    const checkpoint = { store, key: 'p' };
    const { fetch } = slow(zoomPagesHandler(numbered(1, 50)));
    const base = opts({ preset: 'zoom-pages', fetch, concurrency: 3, checkpoint });
    const seen: string[] = [];
    for await (const page of paginate<Item>('https://z.test/v2/users?page_size=5', base).pages()) {
      seen.push(...page.items.map((i) => i.id));
      if (page.index === 4) break; // pages 0..3 acknowledged
    }
    const firstRun = seen.splice(0, 20);
    seen.length = 0; // page 4 was not acknowledged: it comes again
    for await (const item of paginate<Item>('https://z.test/v2/users?page_size=5', {
      ...base,
      resume: true,
    })) {
      seen.push(item.id);
    }
    expect([...firstRun, ...seen]).toEqual(numbered(1, 50).map((i) => i.id));
  });

  it('rejects concurrency for strategies without page numbers', () => {
    expect(() =>
      paginate('https://x.test/2/users/1/tweets', { preset: 'x', concurrency: 2 }),
    ).toThrow();
    try {
      paginate('https://x.test/2/users/1/tweets', { preset: 'x', concurrency: 2 });
    } catch (error) {
      expect(isClientOptionsError(error)).toBe(true);
    }
  });
});

describe('time shards', () => {
  const start = Date.UTC(2024, 0, 1);
  // 200 tweets, one a minute, newest first; ids grow with time.
  const tweets = Array.from({ length: 200 }, (_, i) => ({
    id: String(1000 + i),
    t: start + i * 60_000,
  })).reverse();

  /** X search with start_time (inclusive) / end_time (exclusive) windows. */
  const handler = fakeFetch((url) => {
    const from = Date.parse(url.searchParams.get('start_time') ?? '1970-01-01T00:00:00Z');
    const to = Date.parse(url.searchParams.get('end_time') ?? '2100-01-01T00:00:00Z');
    const pool = tweets.filter((t) => t.t >= from && t.t < to);
    const offset = Number(url.searchParams.get('next_token')?.slice(1) ?? 0);
    const data = pool.slice(offset, offset + 10);
    const meta: Record<string, unknown> = { result_count: data.length };
    if (offset + 10 < pool.length) meta['next_token'] = `n${offset + 10}`;
    return { body: data.length ? { data, meta } : { meta } };
  });

  it('splits a window into contiguous, non-overlapping shards', () => {
    const x = timeShards({ from: start, to: start + 200 * 60_000, count: 4, style: 'x' });
    expect(x).toHaveLength(4);
    expect(x[0]).toEqual({ start_time: '2024-01-01T00:00:00Z', end_time: '2024-01-01T00:50:00Z' });
    expect(x[3]?.['end_time']).toBe('2024-01-01T03:20:00Z');
    const zoom = timeShards({ from: '2024-02-01', to: '2024-02-10', count: 3, style: 'zoom' });
    expect(zoom).toEqual([
      { from: '2024-02-01', to: '2024-02-03' },
      { from: '2024-02-04', to: '2024-02-06' },
      { from: '2024-02-07', to: '2024-02-10' },
    ]);
  });

  it('walks shards concurrently and returns exactly the set of a sequential walk', async () => {
    const shards = timeShards({ from: start, to: start + 200 * 60_000, count: 5, style: 'x' });
    const ids: string[] = [];
    const shardOf = new Set<number>();
    for await (const page of paginate<Item>('https://x.test/2/tweets/search/recent?query=a', {
      ...opts({ preset: 'x', fetch: handler, shards }),
    }).pages()) {
      ids.push(...page.items.map((i) => i.id));
      if (page.shard !== undefined) shardOf.add(page.shard);
    }
    expect([...ids].sort()).toEqual(tweets.map((t) => t.id).sort());
    expect(new Set(ids).size).toBe(200);
    expect(shardOf.size).toBe(5);
  });

  it('dedupe drops items repeated by overlapping shards', async () => {
    const overlapping = [
      { start_time: '2024-01-01T00:00:00Z', end_time: '2024-01-01T02:00:00Z' },
      { start_time: '2024-01-01T01:00:00Z', end_time: '2024-01-01T04:00:00Z' },
    ];
    const ids = (
      await paginate<Item>('https://x.test/2/tweets/search/recent?query=a', {
        ...opts({ preset: 'x', fetch: handler, shards: overlapping, dedupe: true }),
      }).collect({ limit: 1000 })
    ).map((i) => i.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  it('resumes every shard from a checkpoint', async () => {
    const store = new MemoryCheckpointStore();
    const shards = timeShards({ from: start, to: start + 200 * 60_000, count: 3, style: 'x' });
    const base = opts({ preset: 'x', fetch: handler, shards, checkpoint: { store, key: 's' } });
    const first: string[] = [];
    let pending: string[] = [];
    for await (const page of paginate<Item>(
      'https://x.test/2/tweets/search/recent?query=a',
      base,
    ).pages()) {
      first.push(...pending);
      pending = page.items.map((i) => i.id);
      if (page.index === 7) break; // the last page is not acknowledged
    }
    const rest = await paginate<Item>('https://x.test/2/tweets/search/recent?query=a', {
      ...base,
      resume: true,
    }).collect({ limit: 1000 });
    const all = [...first, ...rest.map((i) => i.id)];
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
  });
});
