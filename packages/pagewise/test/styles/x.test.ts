import { describe, expect, it } from 'vitest';
import { type StyleProblem, StyleProblemError, x, xEndpoints } from '../../src/styles/index.js';

const tweets = [
  { id: '1578522194770296832', text: 'a', edit_history_tweet_ids: ['1578522194770296832'] },
  { id: '1578519088158371840', text: 'b', edit_history_tweet_ids: ['1578519088158371840'] },
];

function problemOf(fn: () => unknown): StyleProblem {
  try {
    fn();
  } catch (error) {
    if (error instanceof StyleProblemError) return error.problem;
    throw error;
  }
  throw new Error('expected a StyleProblemError');
}

function bodyOf(problem: StyleProblem): string {
  return JSON.stringify(x.formatProblem(problem).body);
}

describe('x style: request parameters', () => {
  it('uses each endpoint default page size', () => {
    expect(x.parseRequest({}, xEndpoints.userTweets).pageSize).toBe(10);
    expect(x.parseRequest({}, xEndpoints.followers).pageSize).toBe(100);
    expect(x.parseRequest({}, xEndpoints.searchRecent).pageSize).toBe(10);
  });

  it('accepts the limits of each endpoint inclusive', () => {
    expect(x.parseRequest({ max_results: '5' }, xEndpoints.userTweets).pageSize).toBe(5);
    expect(x.parseRequest({ max_results: '100' }, xEndpoints.userTweets).pageSize).toBe(100);
    expect(x.parseRequest({ max_results: '1000' }, xEndpoints.followers).pageSize).toBe(1000);
    expect(x.parseRequest({ max_results: '1' }, xEndpoints.following).pageSize).toBe(1);
  });

  it.each([
    [
      '0',
      xEndpoints.userTweets,
      'The `max_results` query parameter value [0] is not between 5 and 100',
    ],
    [
      '-1',
      xEndpoints.userTweets,
      'The `max_results` query parameter value [-1] is not between 5 and 100',
    ],
    [
      '101',
      xEndpoints.userTweets,
      'The `max_results` query parameter value [101] is not between 5 and 100',
    ],
    [
      'abc',
      xEndpoints.userTweets,
      'The `max_results` query parameter value [abc] is not between 5 and 100',
    ],
    [
      '9',
      xEndpoints.searchRecent,
      'The `max_results` query parameter value [9] is not between 10 and 100',
    ],
    [
      '1001',
      xEndpoints.followers,
      'The `max_results` query parameter value [1001] is not between 1 and 1000',
    ],
    [
      '99999999999999999999999',
      xEndpoints.userTweets,
      'The `max_results` query parameter value [99999999999999999999999] is not between 5 and 100',
    ],
  ])('rejects max_results=%s with the X 400 body', (value, endpoint, message) => {
    const problem = problemOf(() => x.parseRequest({ max_results: value }, endpoint));
    const response = x.formatProblem(problem);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.stringify(response.body)).toBe(
      JSON.stringify({
        errors: [{ parameters: { max_results: [value] }, message }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      }),
    );
  });

  it('rejects a repeated max_results', () => {
    const problem = problemOf(() =>
      x.parseRequest(new URLSearchParams('max_results=10&max_results=20'), xEndpoints.userTweets),
    );
    expect(problem).toMatchObject({ kind: 'invalid_parameter', fault: 'repeated' });
    expect(x.formatProblem(problem).status).toBe(400);
  });

  it('takes pagination_token on timelines and user lists', () => {
    expect(x.parseRequest({ pagination_token: 'abc' }, xEndpoints.userTweets)).toMatchObject({
      token: 'abc',
      tokenParam: 'pagination_token',
    });
    expect(x.parseRequest({ pagination_token: 'abc' }, xEndpoints.followers)).toMatchObject({
      token: 'abc',
    });
  });

  it('refuses next_token on followers, as X does', () => {
    const problem = problemOf(() => x.parseRequest({ next_token: 'abc' }, xEndpoints.followers));
    expect(problem).toMatchObject({
      kind: 'invalid_parameter',
      param: 'next_token',
      fault: 'unknown',
    });
    expect(bodyOf(problem)).toContain('The query parameter [next_token] is not one of [');
  });

  it('takes next_token and also pagination_token on search', () => {
    expect(x.parseRequest({ next_token: 't1' }, xEndpoints.searchRecent)).toMatchObject({
      token: 't1',
      tokenParam: 'next_token',
    });
    expect(x.parseRequest({ pagination_token: 't2' }, xEndpoints.searchRecent)).toMatchObject({
      token: 't2',
      tokenParam: 'pagination_token',
    });
    expect(
      problemOf(() =>
        x.parseRequest({ next_token: 't1', pagination_token: 't2' }, xEndpoints.searchRecent),
      ),
    ).toMatchObject({ kind: 'invalid_parameter', fault: 'conflict' });
  });

  it('refuses parameters outside allowedParams with the list X gives', () => {
    const endpoint = {
      ...xEndpoints.followers,
      allowedParams: ['id', 'max_results', 'pagination_token'],
    };
    const problem = problemOf(() => x.parseRequest({ foo: 'bar' }, endpoint));
    expect(bodyOf(problem)).toContain(
      '"message":"The query parameter [foo] is not one of [id,max_results,pagination_token]"',
    );
  });
});

describe('x style: envelopes', () => {
  it('writes a timeline middle page with every meta key', () => {
    const response = x.formatPage(
      { items: tweets, pageSize: 2, nextToken: 'n1', previousToken: 'p1' },
      xEndpoints.userTweets,
    );
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toBe(
      JSON.stringify({
        data: tweets,
        meta: {
          result_count: 2,
          newest_id: '1578522194770296832',
          oldest_id: '1578519088158371840',
          next_token: 'n1',
          previous_token: 'p1',
        },
      }),
    );
  });

  it('omits next_token on the last page (never an empty string)', () => {
    const response = x.formatPage(
      { items: tweets, pageSize: 10, previousToken: 'p1', nextToken: '' },
      xEndpoints.userTweets,
    );
    expect(response.body).toEqual({
      data: tweets,
      meta: {
        result_count: 2,
        newest_id: '1578522194770296832',
        oldest_id: '1578519088158371840',
        previous_token: 'p1',
      },
    });
  });

  it('writes search meta in the recorded order and without previous_token', () => {
    const response = x.formatPage(
      { items: tweets, pageSize: 10, nextToken: 'n1', previousToken: 'p1' },
      xEndpoints.searchRecent,
    );
    expect(JSON.stringify(response.body)).toBe(
      JSON.stringify({
        data: tweets,
        meta: {
          newest_id: '1578522194770296832',
          oldest_id: '1578519088158371840',
          result_count: 2,
          next_token: 'n1',
        },
      }),
    );
  });

  it('writes user lists without newest_id/oldest_id', () => {
    const users = [{ id: '12', name: 'A', username: 'a' }];
    const response = x.formatPage(
      { items: users, pageSize: 100, nextToken: 'n' },
      xEndpoints.followers,
    );
    expect(JSON.stringify(response.body)).toBe(
      JSON.stringify({ data: users, meta: { result_count: 1, next_token: 'n' } }),
    );
  });

  it.each(Object.entries(xEndpoints))(
    'writes an empty %s result exactly as X does',
    (_name, endpoint) => {
      const response = x.formatPage({ items: [], pageSize: 10 }, endpoint);
      expect(JSON.stringify(response.body)).toBe('{"meta":{"result_count":0}}');
    },
  );
});

describe('x style: errors and headers', () => {
  it('echoes a bad token, truncated, in X wording', () => {
    expect(
      bodyOf({
        kind: 'invalid_token',
        param: 'pagination_token',
        value: 'abc',
        reason: 'malformed',
      }),
    ).toBe(
      JSON.stringify({
        errors: [
          {
            parameters: { pagination_token: ['abc'] },
            message: 'The `pagination_token` query parameter value [abc] is not a valid token.',
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      }),
    );
    const long = 'z'.repeat(5000);
    const body = bodyOf({
      kind: 'invalid_token',
      param: 'next_token',
      value: long,
      reason: 'malformed',
    });
    expect(body.length).toBeLessThan(700);
    expect(body).toContain(`[${'z'.repeat(128)}...]`);
  });

  it('answers 401 and 429 with problem JSON', () => {
    const unauthorized = x.formatProblem({ kind: 'unauthorized', reason: 'missing' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(unauthorized.body)).toBe(
      '{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}',
    );
    const limited = x.formatProblem({
      kind: 'rate_limited',
      state: {
        limit: 15,
        remaining: 0,
        used: 15,
        resetAt: 1705420800000,
        kind: 'window',
        limited: true,
        now: 1705420000000,
      },
    });
    expect(limited.status).toBe(429);
    expect(JSON.stringify(limited.body)).toBe(
      '{"title":"Too Many Requests","type":"about:blank","status":429,"detail":"Too Many Requests"}',
    );
    expect(limited.headers).toEqual({
      'content-type': 'application/problem+json',
      'x-rate-limit-limit': '15',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': '1705420800',
    });
    expect(limited.headers).not.toHaveProperty('retry-after');
  });

  it('reports an unknown user the way X does (200 with a resource-not-found error)', () => {
    const response = x.formatProblem({ kind: 'not_found', resource: 'user', id: '42' });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toBe(
      JSON.stringify({
        errors: [
          {
            value: '42',
            detail: 'Could not find user with id: [42].',
            title: 'Not Found Error',
            resource_type: 'user',
            parameter: 'id',
            resource_id: '42',
            type: 'https://api.twitter.com/2/problems/resource-not-found',
          },
        ],
      }),
    );
  });

  it('answers a token of the wrong kind with X’s "Unsupported Authentication" 403', () => {
    const app = x.formatProblem({ kind: 'forbidden', unsupportedAuth: 'app' });
    expect(app.status).toBe(403);
    expect(app.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(app.body)).toBe(
      JSON.stringify({
        title: 'Unsupported Authentication',
        detail:
          'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
        type: 'https://api.twitter.com/2/problems/unsupported-authentication',
        status: 403,
      }),
    );
    const user = x.formatProblem({ kind: 'forbidden', unsupportedAuth: 'user' });
    expect((user.body as { detail: string }).detail).toBe(
      'Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
    );
    // Without the field, the plain 403.
    expect((x.formatProblem({ kind: 'forbidden' }).body as { title: string }).title).toBe(
      'Forbidden',
    );
  });
});

describe('x style: reading responses', () => {
  it('reads a middle page and its rate limit', () => {
    const reading = x.readPage({
      status: 200,
      headers: new Headers({
        'x-rate-limit-limit': '450',
        'x-rate-limit-remaining': '449',
        'x-rate-limit-reset': '1705420800',
      }),
      body: { data: tweets, meta: { result_count: 2, next_token: 'n1' } },
    });
    expect(reading).toMatchObject({ ok: true, done: false, nextToken: 'n1', items: tweets });
    expect(reading.rateLimit).toEqual({ limit: 450, remaining: 449, resetAt: 1705420800000 });
  });

  it('reads an empty result as the end', () => {
    const reading = x.readPage({ status: 200, headers: {}, body: { meta: { result_count: 0 } } });
    expect(reading).toMatchObject({ ok: true, done: true, items: [] });
  });

  it('reads a 429 with the reset as the time to retry', () => {
    const reading = x.readPage({
      status: 429,
      headers: { 'x-rate-limit-reset': '100' },
      body: {
        title: 'Too Many Requests',
        type: 'about:blank',
        status: 429,
        detail: 'Too Many Requests',
      },
    });
    expect(reading.ok).toBe(false);
    expect(reading.rateLimit.retryAt).toBe(100_000);
    expect(reading.error).toMatchObject({ status: 429, message: 'Too Many Requests' });
  });

  it('round-trips what it writes', () => {
    const written = x.formatPage(
      { items: tweets, pageSize: 2, nextToken: 'n' },
      xEndpoints.userTweets,
    );
    const reading = x.readPage({
      status: written.status,
      headers: written.headers,
      body: written.body,
    });
    expect(reading).toMatchObject({ ok: true, nextToken: 'n', items: tweets });
  });
});

describe('x style: recent search parameters', () => {
  it('refuses previous_token on search with the exact list X gives', () => {
    const problem = problemOf(() =>
      x.parseRequest({ query: 'a', previous_token: 'b26v' }, xEndpoints.searchRecent),
    );
    expect(bodyOf(problem)).toBe(
      JSON.stringify({
        errors: [
          {
            parameters: { previous_token: ['b26v'] },
            message:
              'The query parameter [previous_token] is not one of [query,start_time,end_time,since_id,until_id,max_results,next_token,pagination_token,sort_order,expansions,tweet.fields,media.fields,poll.fields,place.fields,user.fields]',
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      }),
    );
  });
});

describe('x style: pattern and enumeration wordings', () => {
  it('writes X wording for a value that does not match a pattern or is not in a list', () => {
    expect(
      bodyOf({
        kind: 'invalid_parameter',
        param: 'id',
        values: ['1.2'],
        fault: 'invalid',
        pattern: '^[0-9]{1,19}$',
      }),
    ).toContain('"message":"The `id` query parameter value [1.2] does not match ^[0-9]{1,19}$"');
    expect(
      bodyOf({
        kind: 'invalid_parameter',
        param: 'tweet.fields',
        values: ['user'],
        fault: 'invalid',
        allowed: ['id', 'text'],
      }),
    ).toContain(
      '"message":"The `tweet.fields` query parameter value [user] is not one of [id,text]"',
    );
  });
});
