import { describe, expect, it } from 'vitest';
import { createRateLimiter, fetchPageHandler } from '../../src/server/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import {
  link,
  linkEndpoints,
  linkRateLimitRules,
  StyleProblemError,
} from '../../src/styles/index.js';
import { tweetList, tweetRows } from './fixtures.js';

const rows = tweetRows(7);
const scope = (request: Request) => {
  const tenant = request.headers.get('x-tenant');
  if (tenant === null) throw new StyleProblemError({ kind: 'unauthorized', reason: 'missing' });
  return tenant;
};
const headers = { 'x-tenant': 't1' };

describe('link style through the Request -> Response handler', () => {
  const cursorHandler = fetchPageHandler({
    style: link,
    endpoint: linkEndpoints.cursor,
    list: tweetList(),
    source: memorySource(rows),
    scope,
    toItem: (row) => ({ id: Number(row.id) }),
  });

  it('walks cursor pages by following the Link header', async () => {
    const seen: number[] = [];
    let url: string | undefined = 'https://api.example.com/items?per_page=3';
    let requests = 0;
    while (url !== undefined && requests < 10) {
      const response = await cursorHandler(new Request(url, { headers }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const reading = link.readPage<{ id: number }>({
        status: response.status,
        headers: response.headers,
        body: await response.json(),
      });
      if (requests === 0) expect(reading.previousUrl).toBeUndefined();
      else expect(reading.previousUrl).toMatch(/^https:\/\/api\.example\.com\/items\?/);
      seen.push(...reading.items.map((i) => i.id));
      url = reading.nextUrl;
      requests += 1;
    }
    expect(requests).toBe(3);
    expect(seen).toEqual([1006, 1005, 1004, 1003, 1002, 1001, 1000]);
  });

  it('omits Link when everything fits on one page', async () => {
    const response = await cursorHandler(
      new Request('https://api.example.com/items?per_page=50', { headers }),
    );
    expect(response.headers.get('link')).toBeNull();
    expect(await response.text()).toBe(
      JSON.stringify([1006, 1005, 1004, 1003, 1002, 1001, 1000].map((id) => ({ id }))),
    );
  });

  it('answers bad cursors and bad per_page with 400 and missing auth with 401', async () => {
    const bad = await cursorHandler(
      new Request('https://api.example.com/items?cursor=nope', { headers }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      message: 'The `cursor` query parameter value [nope] is not a valid cursor.',
      status: '400',
    });
    const size = await cursorHandler(
      new Request('https://api.example.com/items?per_page=0', { headers }),
    );
    expect(size.status).toBe(400);
    expect(await size.json()).toEqual({
      message: "Query parameter 'per_page' must be an integer between 1 and 100, got [0].",
      errors: [{ field: 'per_page', code: 'out_of_range' }],
      status: '400',
    });
    const anonymous = await cursorHandler(new Request('https://api.example.com/items'));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: 'Bad credentials', status: '401' });
  });

  it('numbers pages with first/prev/next/last rels', async () => {
    const handler = fetchPageHandler({
      style: link,
      endpoint: linkEndpoints.pages,
      list: tweetList({ totals: true, pageNumbers: true }),
      source: memorySource(rows),
      scope,
      toItem: (row) => ({ id: Number(row.id) }),
    });
    const response = await handler(
      new Request('https://api.example.com/items?page=2&per_page=2', { headers }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBe(
      '<https://api.example.com/items?page=1&per_page=2>; rel="prev", ' +
        '<https://api.example.com/items?page=3&per_page=2>; rel="next", ' +
        '<https://api.example.com/items?page=4&per_page=2>; rel="last", ' +
        '<https://api.example.com/items?page=1&per_page=2>; rel="first"',
    );
    expect(await response.json()).toEqual([{ id: 1004 }, { id: 1003 }]);
  });

  it('counts down x-ratelimit-remaining and answers 429 with retry-after seconds', async () => {
    const now = 1_700_000_000_000;
    const handler = fetchPageHandler({
      style: link,
      endpoint: linkEndpoints.cursor,
      list: tweetList(),
      source: memorySource(rows),
      scope,
      rateLimit: {
        limiter: createRateLimiter({ now: () => now }),
        rules: linkRateLimitRules({ limit: 3, windowMs: 60_000 }),
      },
    });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await handler(new Request('https://api.example.com/items', { headers }));
      remaining.push(response.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await handler(new Request('https://api.example.com/items', { headers }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe(
      String(Math.ceil((Math.floor(now / 60_000) * 60_000 + 60_000 - now) / 1000)),
    );
    expect(limited.headers.get('x-ratelimit-used')).toBe('3');
    expect(await limited.json()).toEqual({ message: 'API rate limit exceeded.', status: '429' });
  });
});
