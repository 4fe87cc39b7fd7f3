import swagger from '@fastify/swagger';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createRateLimiter, fastifyPageRoute, styleErrorHandler } from '../../src/server/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import { x, xEndpoints, xRateLimitRules } from '../../src/styles/index.js';
import { tweetList, tweetRows } from './fixtures.js';

const rows = tweetRows(30);

async function followersApp(now: () => number) {
  const app = Fastify();
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } },
  });
  app.setErrorHandler(styleErrorHandler(x));
  app.route(
    fastifyPageRoute({
      url: '/2/users/:id/followers',
      style: x,
      endpoint: xEndpoints.followers,
      list: tweetList({ min: 1, max: 1000, def: 100, oversize: 'reject' }),
      source: memorySource(rows),
      scope: () => 'app-1',
      toItem: (row) => ({ id: row.id.toString(), name: row.text, username: `u${row.id}` }),
      itemSchema: Type.Object({ id: Type.String(), name: Type.String() }),
      schema: {
        summary: 'Followers of a user',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,19}$' }) }),
      },
      rateLimit: {
        limiter: createRateLimiter({ mode: 'scaled', windowMs: { window: 1000 }, now }),
        rules: xRateLimitRules(xEndpoints.followers),
      },
    }),
  );
  await app.ready();
  return app;
}

describe('x rate limits and schemas on Fastify', () => {
  it('sends x-rate-limit headers on every answer, a 429 at the limit, and lifts it at the reset', async () => {
    let now = 10_000_000;
    const app = await followersApp(() => now);
    const remaining: string[] = [];
    for (let i = 0; i < 15; i++) {
      const response = await app.inject({
        url: `/2/users/1/followers?max_results=${i === 3 ? 0 : 5}`,
      });
      remaining.push(String(response.headers['x-rate-limit-remaining']));
      expect(response.headers['x-rate-limit-limit']).toBe('15');
      expect(response.headers['x-rate-limit-reset']).toBe(String(Math.ceil((now + 1000) / 1000)));
    }
    expect(remaining).toEqual([
      '14',
      '13',
      '12',
      '11',
      '10',
      '9',
      '8',
      '7',
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
      '0',
    ]);
    const limited = await app.inject({ url: '/2/users/1/followers' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json');
    expect(limited.headers['retry-after']).toBeUndefined();
    expect(limited.body).toBe(
      '{"title":"Too Many Requests","type":"about:blank","status":429,"detail":"Too Many Requests"}',
    );
    now += 1000;
    const after = await app.inject({ url: '/2/users/1/followers' });
    expect(after.statusCode).toBe(200);
    expect(after.headers['x-rate-limit-remaining']).toBe('14');
    await app.close();
  });

  it('keeps exactly 15 of 60 concurrent requests', async () => {
    const app = await followersApp(() => 50_000_000);
    const responses = await Promise.all(
      Array.from({ length: 60 }, () => app.inject({ url: '/2/users/1/followers?max_results=2' })),
    );
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(15);
    expect(responses.filter((r) => r.statusCode === 429)).toHaveLength(45);
    await app.close();
  });

  it('sends the body as written even with a response schema (no dropped fields, same order)', async () => {
    const app = await followersApp(() => 90_000_000);
    const response = await app.inject({ url: '/2/users/1/followers?max_results=1' });
    const body = response.json() as {
      data: Record<string, unknown>[];
      meta: Record<string, unknown>;
    };
    expect(Object.keys(body.data[0] ?? {})).toEqual(['id', 'name', 'username']);
    expect(Object.keys(body.meta)).toEqual(['result_count', 'next_token']);
    await app.close();
  });

  it('maps a path-parameter validation error to the X 400 body', async () => {
    const app = await followersApp(() => 95_000_000);
    const response = await app.inject({ url: '/2/users/abc/followers' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      errors: [
        {
          parameters: { id: ['abc'] },
          message: 'The `id` query parameter value [abc] does not match ^[0-9]{1,19}$',
        },
      ],
      title: 'Invalid Request',
    });
    await app.close();
  });

  it('documents the paging parameters and envelope in the OpenAPI document', async () => {
    const app = await followersApp(() => 0);
    const doc = app.swagger() as { paths: Record<string, { get: Record<string, unknown> }> };
    const op = doc.paths['/2/users/{id}/followers']?.get as {
      parameters: { name: string; in: string; schema: Record<string, unknown> }[];
      responses: Record<string, unknown>;
    };
    const query = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    expect(query).toEqual(expect.arrayContaining(['max_results', 'pagination_token']));
    expect(op.parameters.find((p) => p.name === 'max_results')?.schema).toMatchObject({
      minimum: 1,
      maximum: 1000,
      default: 100,
    });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    await app.close();
  });
});

describe('hostile requests', () => {
  it('answers an unparsable Host header and a huge query without a 5xx', async () => {
    const app = await followersApp(() => 99_000_000);
    const badHost = await app.inject({
      url: '/2/users/1/followers?max_results=5',
      headers: { host: 'a b' },
    });
    expect(badHost.statusCode).toBe(200);
    const huge = await app.inject({
      url: `/2/users/1/followers?pagination_token=${'x'.repeat(6000)}`,
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.body.length).toBeLessThan(800);
    const many = await app.inject({
      url: `/2/users/1/followers?${Array.from({ length: 300 }, (_, i) => `p${i}=${i}`).join('&')}`,
    });
    expect(many.statusCode).toBeLessThan(500);
    await app.close();
  });
});
