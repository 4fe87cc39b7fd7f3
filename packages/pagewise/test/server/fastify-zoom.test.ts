import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, fastifyPageRoute, styleErrorHandler } from '../../src/server/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import {
  StyleProblemError,
  zoom,
  zoomEndpoints,
  zoomRateLimitRules,
} from '../../src/styles/index.js';
import { testCodec, tweetList, tweetRows } from './fixtures.js';

const rows = tweetRows(65);
let now = Date.UTC(2024, 2, 7, 12, 0, 0);
const codec = testCodec(() => now);
let app: FastifyInstance;

const toUser = (row: { id: bigint }) => ({ id: `u${row.id}`, email: `${row.id}@example.com` });

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(styleErrorHandler(zoom));
  const scope = () => 'account-1';
  app.route(
    fastifyPageRoute({
      url: '/v2/users',
      style: zoom,
      endpoint: zoomEndpoints.users,
      list: tweetList({ codec, min: 1, max: 300, def: 30, totals: true, pageNumbers: true }),
      source: memorySource(rows),
      scope,
      toItem: toUser,
    }),
  );
  app.route(
    fastifyPageRoute({
      url: '/v2/metrics/meetings',
      style: zoom,
      endpoint: zoomEndpoints.dashboardMeetings,
      list: tweetList({ codec, min: 1, max: 300, def: 30, totals: true }),
      source: memorySource(rows),
      scope,
      toItem: (row) => ({ uuid: `m${row.id}==`, id: Number(row.id) }),
      range: ({ query }) => {
        const from = query.get('from');
        const to = query.get('to');
        if (from === null || !/^\d{4}-\d{2}-\d{2}$/.test(from)) {
          throw new StyleProblemError({
            kind: 'invalid_parameter',
            param: 'from',
            values: from ? [from] : [],
            fault: 'invalid',
          });
        }
        return { from, to: to ?? from };
      },
      rateLimit: {
        limiter: createRateLimiter({ now: () => now }),
        rules: zoomRateLimitRules('Resource-intensive', 'pro'),
      },
    }),
  );
  app.get('/v2/users/:userId', async (request) => {
    throw new StyleProblemError({
      kind: 'not_found',
      resource: 'user',
      id: (request.params as { userId: string }).userId,
    });
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('zoom style on Fastify', () => {
  it('walks /users with next_page_token, starting from an empty token', async () => {
    const seen: string[] = [];
    let token = '';
    let requests = 0;
    do {
      const response = await app.inject({ url: `/v2/users?page_size=30&next_page_token=${token}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json;charset=UTF-8');
      const body = response.json() as Record<string, unknown> & {
        users: { id: string }[];
        next_page_token: string;
      };
      expect(Object.keys(body)).toEqual([
        'page_count',
        ...(requests === 0 ? ['page_number'] : []),
        'page_size',
        'total_records',
        'next_page_token',
        'users',
      ]);
      expect(body).toMatchObject({ page_count: 3, page_size: 30, total_records: 65 });
      seen.push(...body.users.map((u) => u.id));
      token = body.next_page_token;
      requests += 1;
    } while (token !== '' && requests < 10);
    expect(requests).toBe(3);
    expect(new Set(seen).size).toBe(65);
  });

  it('clamps page_size above 300 and refuses 0, -1, non-numeric and repeated values', async () => {
    const big = await app.inject({ url: '/v2/users?page_size=100000' });
    expect(big.statusCode).toBe(200);
    expect(big.json()).toMatchObject({ page_size: 300, page_count: 1, total_records: 65 });
    for (const query of [
      'page_size=0',
      'page_size=-1',
      'page_size=ten',
      'page_size=10&page_size=20',
    ]) {
      const response = await app.inject({ url: `/v2/users?${query}` });
      expect(response.statusCode).toBe(400);
      expect(response.body).toBe(
        '{"code":300,"message":"Validation Failed.","errors":[{"field":"page_size","message":"Invalid field."}]}',
      );
    }
  });

  it('serves legacy page numbers with page_number in the envelope', async () => {
    const response = await app.inject({ url: '/v2/users?page_size=30&page_number=3' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as Record<string, unknown> & { users: unknown[] };
    expect(Object.keys(body)).toEqual([
      'page_count',
      'page_number',
      'page_size',
      'total_records',
      'next_page_token',
      'users',
    ]);
    expect(body).toMatchObject({ page_count: 3, page_number: 3, next_page_token: '' });
    expect(body.users).toHaveLength(5);
  });

  it('refuses a page number past the depth cap with a validation error, not a 500', async () => {
    const response = await app.inject({ url: '/v2/users?page_size=1&page_number=200' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 300,
      message: 'Validation Failed.',
      errors: [{ field: 'page_number' }],
    });
  });

  it('answers a bad or expired token with code 300', async () => {
    const expected = '{"code":300,"message":"The next page token is invalid or expired."}';
    const garbage = await app.inject({ url: '/v2/users?next_page_token=garbage' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.body).toBe(expected);
    const first = await app.inject({ url: '/v2/users' });
    const token = (first.json() as { next_page_token: string }).next_page_token;
    now += 16 * 60 * 1000; // Zoom tokens live 15 minutes
    const expired = await app.inject({ url: `/v2/users?next_page_token=${token}` });
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toBe(expected);
  });

  it('echoes from/to on the dashboard and writes the documented key order', async () => {
    const response = await app.inject({
      url: '/v2/metrics/meetings?from=2024-02-07&to=2024-03-07&page_size=1',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'from',
      'to',
      'page_count',
      'page_size',
      'total_records',
      'next_page_token',
      'meetings',
    ]);
    expect(body).toMatchObject({
      from: '2024-02-07',
      to: '2024-03-07',
      page_count: 65,
      page_size: 1,
      total_records: 65,
    });
    expect(response.headers['x-ratelimit-category']).toBe('Resource-intensive');
    expect(response.headers['x-ratelimit-type']).toBe('Daily-limit');
    expect(response.headers['x-ratelimit-limit']).toBe('30000');
  });

  it('writes route errors (bad date, unknown user) in Zoom bodies', async () => {
    const bad = await app.inject({ url: '/v2/metrics/meetings?from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      code: 300,
      message: 'Validation Failed.',
      errors: [{ field: 'from', message: 'Invalid field.' }],
    });
    const missing = await app.inject({ url: '/v2/users/nobody' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe('{"code":1001,"message":"User not exist: nobody"}');
  });

  it('sends the per-minute 429 of Resource-intensive after 10 requests, then lifts it', async () => {
    now = Date.UTC(2024, 2, 8, 0, 0, 30);
    const url = '/v2/metrics/meetings?from=2024-02-07&to=2024-03-07';
    const statuses = await Promise.all(Array.from({ length: 14 }, () => app.inject({ url })));
    expect(statuses.filter((r) => r.statusCode === 200)).toHaveLength(10);
    const limited = statuses.find((r) => r.statusCode === 429)!;
    expect(limited.body).toBe(
      '{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}',
    );
    expect(limited.headers['x-ratelimit-type']).toBe('QPS');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(limited.headers['retry-after']).toBeUndefined();
    now += 30_000; // next minute window
    expect((await app.inject({ url })).statusCode).toBe(200);
  });
});
