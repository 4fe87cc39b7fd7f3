import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createRateLimiter, fastifyPageRoute, fetchPageHandler } from '../../src/server/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import {
  StyleProblemError,
  zoom,
  zoomEndpoints,
  zoomRateLimitRules,
} from '../../src/styles/index.js';
import { tweetList, tweetRows } from './fixtures.js';

describe('zoom style through the Request -> Response handler', () => {
  it('serves the envelope, the rate-limit headers and the daily 429 with an ISO Retry-After', async () => {
    const now = Date.UTC(2020, 4, 30, 18, 0, 0);
    const handler = fetchPageHandler({
      style: zoom,
      endpoint: zoomEndpoints.reportMeetingParticipants,
      list: tweetList({ totals: true, max: 300, def: 30 }),
      source: memorySource(tweetRows(3)),
      scope: (request) => {
        if (request.headers.get('authorization') !== 'Bearer ok') {
          throw new StyleProblemError({ kind: 'unauthorized', reason: 'invalid' });
        }
        return 'account';
      },
      toItem: (row) => ({ id: row.id.toString() }),
      rateLimit: {
        limiter: createRateLimiter({ now: () => now }),
        // A free-plan Heavy daily cap of 1,000 would take long to reach; one of 2 shows the shape.
        rules: [
          { bucket: 'heavy-qps', limit: 10, windowMs: 1000, kind: 'qps', category: 'Heavy' },
          {
            bucket: 'heavy-daily',
            limit: 2,
            windowMs: 86_400_000,
            kind: 'daily',
            category: 'Heavy',
          },
        ],
      },
    });
    const request = () =>
      new Request('https://api.zoom.test/v2/report/meetings/1/participants', {
        headers: { authorization: 'Bearer ok' },
      });
    const ok = await handler(request());
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await ok.text()).toBe(
      '{"page_count":1,"page_size":30,"total_records":3,"next_page_token":"","participants":[{"id":"1002"},{"id":"1001"},{"id":"1000"}]}',
    );
    expect(ok.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('1');
    await handler(request());
    const limited = await handler(request());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2020-05-31T00:00:00Z');
    expect(limited.headers.get('x-ratelimit-category')).toBe('Heavy');
    expect(await limited.json()).toEqual({
      code: 429,
      message:
        'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.',
    });
    const unauthorized = await handler(
      new Request('https://api.zoom.test/v2/report/meetings/1/participants'),
    );
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.text()).toBe('{"code":124,"message":"Invalid access token."}');
  });

  it('documents Zoom paging without a maximum (clamped) and with the legacy page number', async () => {
    const app = Fastify();
    await app.register(swagger, {
      openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } },
    });
    app.route(
      fastifyPageRoute({
        url: '/v2/users',
        style: zoom,
        endpoint: zoomEndpoints.users,
        list: tweetList(),
        source: memorySource(tweetRows(1)),
        scope: () => 'a',
        rateLimit: {
          limiter: createRateLimiter({ mode: 'off' }),
          rules: zoomRateLimitRules('Medium'),
        },
      }),
    );
    await app.ready();
    const doc = app.swagger() as {
      paths: Record<
        string,
        { get: { parameters: { name: string; schema: Record<string, unknown> }[] } }
      >;
    };
    const params = doc.paths['/v2/users']?.get.parameters ?? [];
    const pageSize = params.find((p) => p.name === 'page_size')?.schema;
    expect(pageSize).toMatchObject({ type: 'integer', minimum: 1, default: 30 });
    expect(pageSize).not.toHaveProperty('maximum');
    expect(params.map((p) => p.name)).toEqual(
      expect.arrayContaining(['next_page_token', 'page_number']),
    );
    const off = await app.inject({ url: '/v2/users' });
    expect(off.headers['x-ratelimit-limit']).toBeUndefined();
    await app.close();
  });
});
