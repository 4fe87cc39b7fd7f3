import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GovernorRegistry, isNetworkError, paginate } from '../../src/client/index.js';
import { TimeoutSignals } from '../../src/client/timeout-signals.js';
import { manualClock, numbered, startListServer } from './support/list-server.js';

/** A Zoom-shaped list of `n` items in pages of 2 (token = offset). */
function zoomPage(url: URL, n: number) {
  const offset = Number(url.searchParams.get('next_page_token') ?? 0);
  const users = numbered(offset + 1, Math.min(offset + 2, n));
  const next = offset + 2 < n ? String(offset + 2) : '';
  return { page_size: 2, total_records: n, next_page_token: next, users };
}

describe('per-request timeout', () => {
  it('aborts a request that does not answer in timeoutMs, retries it, and later requests get a live signal', async () => {
    const seen: boolean[] = [];
    let call = 0;
    const fetch = async (input: string, init: { signal: AbortSignal }) => {
      call++;
      seen.push(init.signal.aborted);
      if (call === 2) {
        // Stalls until the timeout aborts it.
        await new Promise((_, reject) =>
          init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true }),
        );
      }
      return Response.json(zoomPage(new URL(input), 6));
    };
    const items: string[] = [];
    for await (const item of paginate<{ id: string }>('https://api.test/v2/users?page_size=2', {
      preset: 'zoom',
      fetch,
      timeoutMs: 20,
      clock: manualClock(),
      random: () => 0.5,
      governors: new GovernorRegistry(),
    })) {
      items.push(item.id);
    }
    expect(items).toEqual(['1', '2', '3', '4', '5', '6']);
    // Page 2 stalled once and was fetched again: 4 requests, none handed an aborted signal.
    expect(seen).toEqual([false, false, false, false]);
  });

  it('a request that never answers fails with NetworkError once the attempts are spent', async () => {
    const fetch = (_input: string, init: { signal: AbortSignal }) =>
      new Promise<Response>((_, reject) =>
        init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true }),
      );
    const error = await paginate('https://api.test/v2/users', {
      preset: 'zoom',
      fetch,
      timeoutMs: 10,
      retry: { attempts: 2 },
      clock: manualClock(),
      governors: new GovernorRegistry(),
    })
      .collect({ limit: 10 })
      .catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
  });
});

describe('TimeoutSignals', () => {
  it('lends a signal to one request at a time and reuses it once released unaborted', () => {
    const pool = new TimeoutSignals();
    const a = pool.acquire(undefined);
    const b = pool.acquire(undefined);
    expect(b.signal).not.toBe(a.signal);
    pool.release(a);
    expect(pool.acquire(undefined).signal).toBe(a.signal);
  });

  it('never lends an aborted signal again', () => {
    const pool = new TimeoutSignals();
    const a = pool.acquire(undefined);
    a.controller.abort(new Error('timed out'));
    pool.release(a);
    const b = pool.acquire(undefined);
    expect(b.signal).not.toBe(a.signal);
    expect(b.signal.aborted).toBe(false);
  });

  it("combines with the caller's signal and only reuses a lease made for the same one", () => {
    const pool = new TimeoutSignals();
    const caller = new AbortController();
    const other = new AbortController();
    const a = pool.acquire(caller.signal);
    pool.release(a);
    expect(pool.acquire(other.signal).signal).not.toBe(a.signal);
    const again = pool.acquire(caller.signal);
    expect(again.signal).toBe(a.signal);
    caller.abort(new Error('stop'));
    expect(again.signal.aborted).toBe(true);
    pool.release(again);
    expect(pool.acquire(caller.signal).signal).not.toBe(a.signal);
  });
});

describe('real fetch', () => {
  it('keeps the abort listeners undici leaves on a reused signal bounded', async () => {
    // undici leaves one abort listener per request on the caller's signal until that request
    // is garbage-collected, so a signal reused without bound would gather one per page.
    const n = 500; // 250 requests
    const server = await startListServer((url) => ({ body: zoomPage(url, n) }));
    let most = 0;
    try {
      const items = await paginate(`${server.url}/v2/users?page_size=2`, {
        preset: 'zoom',
        governors: new GovernorRegistry(),
        fetch: (input, init) => {
          most = Math.max(most, getEventListeners(init.signal, 'abort').length);
          return globalThis.fetch(input, init);
        },
      }).collect({ limit: n });
      expect(items).toHaveLength(n);
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(100);
    } finally {
      await server.close();
    }
  });
});
