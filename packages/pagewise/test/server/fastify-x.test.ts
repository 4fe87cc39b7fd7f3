import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastifyPageRoute, styleErrorHandler } from '../../src/server/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import { StyleProblemError, x, xEndpoints } from '../../src/styles/index.js';
import { tweetList, tweetRows } from './fixtures.js';

const rows = tweetRows(23);

function scopeOf(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  if (auth === undefined) throw new StyleProblemError({ kind: 'unauthorized', reason: 'missing' });
  return auth.replace(/^Bearer /, '');
}

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(styleErrorHandler(x));
  app.route(
    fastifyPageRoute({
      url: '/2/users/:id/tweets',
      style: x,
      endpoint: xEndpoints.userTweets,
      list: tweetList({ min: 5, max: 100, oversize: 'reject' }),
      source: memorySource(rows),
      scope: scopeOf,
      toItem: (row) => ({
        id: row.id.toString(),
        text: row.text,
        edit_history_tweet_ids: [row.id.toString()],
      }),
      window: ({ query }) => {
        const since = query.get('since_id');
        return since === null ? undefined : { since_id: since };
      },
    }),
  );
  app.route(
    fastifyPageRoute({
      url: '/2/tweets/search/recent',
      style: x,
      endpoint: xEndpoints.searchRecent,
      list: tweetList({ min: 10, max: 100, oversize: 'reject' }),
      source: memorySource(rows),
      scope: scopeOf,
      toItem: (row) => ({ id: row.id, text: row.text }),
      schema: {
        querystring: {
          type: 'object',
          properties: { query: { type: 'string', minLength: 1 } },
          required: ['query'],
        },
      },
    }),
  );
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const auth = { authorization: 'Bearer alice' };

describe('x style on Fastify', () => {
  it('walks a timeline with pagination_token, every row once, newest first', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let requests = 0;
    do {
      const url = `/2/users/1/tweets?max_results=5${token ? `&pagination_token=${token}` : ''}`;
      const response = await app.inject({ method: 'GET', url, headers: auth });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = response.json() as { data: { id: string }[]; meta: Record<string, unknown> };
      expect(body.meta['result_count']).toBe(body.data.length);
      expect(body.meta['newest_id']).toBe(body.data[0]?.id);
      expect(body.meta['oldest_id']).toBe(body.data.at(-1)?.id);
      if (requests > 0) expect(typeof body.meta['previous_token']).toBe('string');
      else expect(body.meta).not.toHaveProperty('previous_token');
      seen.push(...body.data.map((t) => t.id));
      token = body.meta['next_token'] as string | undefined;
      requests += 1;
    } while (token !== undefined && requests < 20);
    expect(requests).toBe(5);
    expect(seen).toEqual(rows.map((r) => r.id.toString()).reverse());
  });

  it('writes the last page byte for byte, without next_token', async () => {
    const first = await app.inject({ url: '/2/users/1/tweets?max_results=20', headers: auth });
    const next = (first.json() as { meta: { next_token: string } }).meta.next_token;
    const last = await app.inject({
      url: `/2/users/1/tweets?max_results=20&pagination_token=${next}`,
      headers: auth,
    });
    const body = last.json() as { meta: { previous_token: string } };
    expect(last.body).toBe(
      JSON.stringify({
        data: [1002, 1001, 1000].map((id) => ({
          id: String(id),
          text: `tweet ${id - 1000}`,
          edit_history_tweet_ids: [String(id)],
        })),
        meta: {
          result_count: 3,
          newest_id: '1002',
          oldest_id: '1000',
          previous_token: body.meta.previous_token,
        },
      }),
    );
  });

  it('answers an empty window with exactly {"meta":{"result_count":0}}', async () => {
    const response = await app.inject({ url: '/2/users/1/tweets?since_id=5000', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"meta":{"result_count":0}}');
  });

  it('sends bigint ids as strings', async () => {
    const response = await app.inject({
      url: '/2/tweets/search/recent?query=a&max_results=10',
      headers: auth,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('"id":"1022"');
  });

  it.each(['0', '-1', '4', '101', 'abc', '99999999999999999999'])(
    'rejects max_results=%s with the X 400 body (schema and parser agree)',
    async (value) => {
      const response = await app.inject({
        url: `/2/users/1/tweets?max_results=${value}`,
        headers: auth,
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toBe(
        JSON.stringify({
          errors: [
            {
              parameters: { max_results: [value] },
              message: `The \`max_results\` query parameter value [${value}] is not between 5 and 100`,
            },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        }),
      );
    },
  );

  it('rejects a garbage, foreign-scope or foreign-query token with 400, never 500', async () => {
    const garbage = await app.inject({
      url: '/2/users/1/tweets?pagination_token=abc',
      headers: auth,
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({
      errors: [
        {
          parameters: { pagination_token: ['abc'] },
          message: 'The `pagination_token` query parameter value [abc] is not a valid token.',
        },
      ],
    });
    const first = await app.inject({ url: '/2/users/1/tweets', headers: auth });
    const token = (first.json() as { meta: { next_token: string } }).meta.next_token;
    const bob = await app.inject({
      url: `/2/users/1/tweets?pagination_token=${token}`,
      headers: { authorization: 'Bearer bob' },
    });
    expect(bob.statusCode).toBe(400);
    const otherQuery = await app.inject({
      url: `/2/users/1/tweets?since_id=1001&pagination_token=${token}`,
      headers: auth,
    });
    expect(otherQuery.statusCode).toBe(400);
    const otherEndpoint = await app.inject({
      url: `/2/tweets/search/recent?query=a&next_token=${token}`,
      headers: auth,
    });
    expect(otherEndpoint.statusCode).toBe(400);
    expect(otherEndpoint.json()).toMatchObject({
      errors: [{ parameters: { next_token: [token] } }],
    });
  });

  it('lets max_results change mid-walk with the same token', async () => {
    const first = await app.inject({ url: '/2/users/1/tweets?max_results=5', headers: auth });
    const token = (first.json() as { meta: { next_token: string } }).meta.next_token;
    const second = await app.inject({
      url: `/2/users/1/tweets?max_results=7&pagination_token=${token}`,
      headers: auth,
    });
    expect(second.statusCode).toBe(200);
    expect((second.json() as { meta: { result_count: number } }).meta.result_count).toBe(7);
  });

  it('answers 401 in problem JSON without credentials', async () => {
    const response = await app.inject({ url: '/2/users/1/tweets' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toBe(
      '{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}',
    );
  });

  it('maps a missing required query (schema validation) to the X 400 body', async () => {
    const response = await app.inject({ url: '/2/tweets/search/recent', headers: auth });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      errors: [
        { parameters: { query: [] }, message: 'The `query` query parameter can not be empty' },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
  });

  it('accepts next_token and pagination_token on search, refuses next_token on timelines', async () => {
    const first = await app.inject({ url: '/2/tweets/search/recent?query=a', headers: auth });
    const token = (first.json() as { meta: { next_token: string } }).meta.next_token;
    for (const param of ['next_token', 'pagination_token']) {
      const response = await app.inject({
        url: `/2/tweets/search/recent?query=a&${param}=${token}`,
        headers: auth,
      });
      expect(response.statusCode).toBe(200);
    }
    const timeline = await app.inject({ url: '/2/users/1/tweets?next_token=x', headers: auth });
    expect(timeline.statusCode).toBe(400);
    expect(timeline.json()).toMatchObject({ errors: [{ parameters: { next_token: ['x'] } }] });
  });
});

describe('token binding to the path', () => {
  it('refuses a token of /users/1/tweets on /users/2/tweets', async () => {
    const first = await app.inject({ url: '/2/users/1/tweets', headers: auth });
    const token = (first.json() as { meta: { next_token: string } }).meta.next_token;
    const same = await app.inject({
      url: `/2/users/1/tweets?pagination_token=${token}`,
      headers: auth,
    });
    expect(same.statusCode).toBe(200);
    const other = await app.inject({
      url: `/2/users/2/tweets?pagination_token=${token}`,
      headers: auth,
    });
    expect(other.statusCode).toBe(400);
  });
});
