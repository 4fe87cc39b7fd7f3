import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  fastifyPageRoute,
  fastifyStyleRoute,
  RouteConfigError,
  styleErrorHandler,
} from '../../src/server/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import { StyleProblemError, x, xEndpoints } from '../../src/styles/index.js';
import { tweetList, tweetRows } from './fixtures.js';

const rows = tweetRows(25);
const itemSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, text: { type: 'string' }, author_id: { type: 'string' } },
} as const;
const userSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, username: { type: 'string' } },
} as const;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

interface Params {
  readonly author: string;
}

function build(
  options: { serializeWithSchema?: boolean; admitted?: () => 'drop' | undefined } = {},
) {
  const instance = Fastify();
  instance.setErrorHandler(styleErrorHandler(x));
  const parsed: Params[] = [];
  instance.route(
    fastifyPageRoute({
      url: '/2/users/:id/tweets',
      style: x,
      endpoint: xEndpoints.userTweets,
      list: tweetList({ max: 100 }),
      scope: (req) => {
        if (req.headers.authorization !== 'Bearer ok') {
          throw new StyleProblemError({ kind: 'unauthorized', reason: 'missing' });
        }
        return 'app';
      },
      admit: (req) => {
        if (req.headers['x-fault'] === '503') return { kind: 'fault', status: 503 };
        return options.admitted?.();
      },
      rateLimit: { limiter: createRateLimiter({ mode: 'realistic' }) },
      parse: (req): Params => {
        const id = (req.params as { id: string }).id;
        if (!/^\d+$/.test(id)) {
          throw new StyleProblemError({
            kind: 'invalid_parameter',
            param: 'id',
            values: [id],
            fault: 'invalid',
            pattern: '^[0-9]{1,19}$',
          });
        }
        const params = { author: id };
        parsed.push(params);
        return params;
      },
      source: () => memorySource(rows),
      toItem: (row, params) => ({ id: String(row.id), text: row.text, author_id: params.author }),
      includes: (_items, request) => ({
        users: [{ id: request.params.author, username: `user${request.params.author}` }],
      }),
      itemSchema,
      includesSchemas: { users: userSchema },
      ...(options.serializeWithSchema ? { serializeWithSchema: true } : {}),
    }),
  );
  instance.route(
    fastifyStyleRoute({
      url: '/2/users/:id',
      style: x,
      endpoint: xEndpoints.followers,
      scope: () => 'app',
      rateLimit: { limiter: createRateLimiter({ mode: 'realistic' }) },
      parse: (req) => ({ id: (req.params as { id: string }).id }),
      handler: ({ params }) => {
        if (params.id !== '7')
          throw new StyleProblemError({ kind: 'not_found', resource: 'user', id: params.id });
        return {
          status: 200,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: { data: { id: '7' } },
        };
      },
    }),
  );
  app = instance;
  return { app: instance, parsed };
}

const auth = { authorization: 'Bearer ok' };

describe('the Fastify adapter', () => {
  it('parses each request once and hands the typed params to every callback', async () => {
    const { app, parsed } = build();
    const res = await app.inject({ url: '/2/users/42/tweets?max_results=5', headers: auth });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { data: { author_id: string }[]; includes: { users: unknown[] } };
    expect(body.data.every((t) => t.author_id === '42')).toBe(true);
    expect(body.includes.users).toEqual([{ id: '42', username: 'user42' }]);
    expect(parsed).toEqual([{ author: '42' }]);
    expect(res.headers['x-rate-limit-limit']).toBe('1500');
  });

  it('answers a parse failure in the style, with the rate-limit headers', async () => {
    const { app } = build();
    const res = await app.inject({ url: '/2/users/abc/tweets', headers: auth });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      title: 'Invalid Request',
      errors: [{ parameters: { id: ['abc'] } }],
    });
    expect(res.headers['x-rate-limit-remaining']).toBe('1499');
  });

  it('runs admission in order: scope, the route check, then the rate limit', async () => {
    const { app } = build();
    const anonymous = await app.inject({ url: '/2/users/1/tweets', headers: { 'x-fault': '503' } });
    expect(anonymous.statusCode).toBe(401);
    const fault = await app.inject({
      url: '/2/users/1/tweets',
      headers: { ...auth, 'x-fault': '503' },
    });
    expect(fault.statusCode).toBe(503);
    expect(fault.json()).toMatchObject({ title: 'Service Unavailable', status: 503 });
    // Neither was counted: the next request is the first in the window.
    const next = await app.inject({ url: '/2/users/1/tweets', headers: auth });
    expect(next.headers['x-rate-limit-remaining']).toBe('1499');
  });

  it("drops the connection without an answer when the check says 'drop'", async () => {
    const { app } = build({ admitted: () => 'drop' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    await expect(
      fetch(`http://127.0.0.1:${port}/2/users/1/tweets`, { headers: auth }),
    ).rejects.toThrow();
  });

  it('writes the same page with the compiled serializer as with JSON.stringify', async () => {
    const plain = await build().app.inject({
      url: '/2/users/42/tweets?max_results=7',
      headers: auth,
    });
    await app?.close();
    const compiled = await build({ serializeWithSchema: true }).app.inject({
      url: '/2/users/42/tweets?max_results=7',
      headers: auth,
    });
    const strip = (text: string) => text.replace(/"next_token":"[^"]+"/, '"next_token":"…"');
    expect(strip(compiled.body)).toBe(strip(plain.body));
    expect(compiled.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('refuses, at start-up, a compiled serializer with nothing to compile', () => {
    expect(() =>
      fastifyPageRoute({
        url: '/items',
        style: x,
        endpoint: xEndpoints.userTweets,
        list: tweetList(),
        source: memorySource(rows),
        scope: () => 's',
        serializeWithSchema: true,
      }),
    ).toThrow(RouteConfigError);
  });

  it('serves single resources with the same admission and error path', async () => {
    const { app } = build();
    const found = await app.inject({ url: '/2/users/7' });
    expect(found.json()).toEqual({ data: { id: '7' } });
    expect(found.headers['x-rate-limit-limit']).toBe('15');
    const missing = await app.inject({ url: '/2/users/8' });
    expect(missing.statusCode).toBe(200);
    expect(missing.json()).toMatchObject({
      errors: [{ title: 'Not Found Error', resource_id: '8' }],
    });
  });
});
