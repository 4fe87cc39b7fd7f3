import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyCursor,
  GovernorRegistry,
  isMalformedResponseError,
  offsetLimit,
  type PaginateOptions,
  paginate,
  parseLinkHeader,
} from '../../src/client/index.js';
import { type Handler, numbered, startListServer } from './support/list-server.js';
import {
  linkHandler,
  offsetHandler,
  slackHandler,
  stripeHandler,
  xHandler,
  zoomPagesHandler,
  zoomTokenHandler,
} from './support/shapes.js';

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler) {
  const server = await startListServer(handler);
  servers.push(server);
  return server;
}

const fast: PaginateOptions = {
  governors: new GovernorRegistry(),
  retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
};

async function ids(url: string, options: PaginateOptions): Promise<string[]> {
  const out: string[] = [];
  for await (const item of paginate<{ id: string }>(url, {
    ...fast,
    ...options,
  } as PaginateOptions<{
    id: string;
  }>)) {
    out.push(item.id);
  }
  return out;
}

const expected = (n: number) => numbered(1, n).map((i) => i.id);

describe('each strategy and preset walks a real server of its shape', () => {
  it('zoom token: follows next_page_token with the same query until it is empty', async () => {
    const server = await serve(zoomTokenHandler(numbered(1, 23)));
    expect(
      await ids(`${server.url}/v2/users?page_size=5&status=active`, { preset: 'zoom' }),
    ).toEqual(expected(23));
    expect(server.requests).toHaveLength(5);
    expect(server.requests.every((u) => u.searchParams.get('status') === 'active')).toBe(true);
    expect(server.requests.every((u) => u.searchParams.get('page_size') === '5')).toBe(true);
  });

  it('zoom page numbers: stops at page_count', async () => {
    const server = await serve(zoomPagesHandler(numbered(1, 10)));
    expect(await ids(`${server.url}/v2/users?page_size=3`, { preset: 'zoom-pages' })).toEqual(
      expected(10),
    );
    expect(server.requests.map((u) => u.searchParams.get('page_number'))).toEqual([
      null,
      '2',
      '3',
      '4',
    ]);
  });

  it('x timeline: meta.next_token goes back as pagination_token; omitted ends', async () => {
    const server = await serve(xHandler(numbered(1, 12)));
    expect(await ids(`${server.url}/2/users/1/tweets?max_results=5`, { preset: 'x' })).toEqual(
      expected(12),
    );
    expect(server.requests[1]?.searchParams.get('pagination_token')).toBe('n5');
  });

  it('x search: the token goes back as next_token', async () => {
    const server = await serve(xHandler(numbered(1, 12), 'next_token'));
    expect(
      await ids(`${server.url}/2/tweets/search/recent?query=a&max_results=10`, { preset: 'x' }),
    ).toEqual(expected(12));
    expect(server.requests[1]?.searchParams.get('next_token')).toBe('n10');
    expect(server.requests[1]?.searchParams.has('pagination_token')).toBe(false);
  });

  it('x: an empty result without data is an empty list', async () => {
    const server = await serve(xHandler([]));
    expect(await ids(`${server.url}/2/users/1/tweets`, { preset: 'x' })).toEqual([]);
  });

  it('github: follows Link rel="next"', async () => {
    let origin = '';
    const server = await serve(linkHandler(numbered(1, 7), () => origin));
    origin = server.url;
    expect(await ids(`${server.url}/repos/a/b/issues?per_page=3`, { preset: 'github' })).toEqual(
      expected(7),
    );
  });

  it('stripe: has_more + starting_after = last id', async () => {
    const server = await serve(stripeHandler(numbered(1, 25)));
    expect(await ids(`${server.url}/v1/customers?limit=10`, { preset: 'stripe' })).toEqual(
      expected(25),
    );
    expect(server.requests[2]?.searchParams.get('starting_after')).toBe('20');
  });

  it('slack: response_metadata.next_cursor → cursor', async () => {
    const server = await serve(slackHandler(numbered(1, 9)));
    expect(await ids(`${server.url}/api/users.list?limit=4`, { preset: 'slack' })).toEqual(
      expected(9),
    );
  });

  it('generic body cursor and offset/limit strategies', async () => {
    const slack = await serve(slackHandler(numbered(1, 5)));
    expect(
      await ids(`${slack.url}/x?limit=2`, {
        strategy: bodyCursor({ param: 'cursor', nextPath: 'response_metadata.next_cursor' }),
        items: 'members',
      }),
    ).toEqual(expected(5));
    const offset = await serve(offsetHandler(numbered(1, 11)));
    expect(
      await ids(`${offset.url}/items?limit=4`, {
        strategy: offsetLimit({ totalPath: 'total' }),
        items: 'results',
      }),
    ).toEqual(expected(11));
  });

  it('detects the style from the first response when none is given', async () => {
    const stripe = await serve(stripeHandler(numbered(1, 5)));
    expect(await ids(`${stripe.url}/v1/c?limit=2`, {})).toEqual(expected(5));
    const x = await serve(xHandler(numbered(1, 5)));
    expect(await ids(`${x.url}/2/users/1/tweets?max_results=2`, {})).toEqual(expected(5));
  });

  it('an explicit strategy wins over detection', async () => {
    // The body looks like Zoom (next_page_token) but we force offset/limit on `users`.
    const server = await serve(zoomTokenHandler(numbered(1, 4)));
    const seen = await ids(`${server.url}/v2/users?page_size=10&limit=10`, {
      strategy: offsetLimit(),
      items: 'users',
    });
    expect(seen).toEqual(expected(4));
  });

  it('parses Link headers with several relations and commas in URLs', () => {
    const links = parseLinkHeader(
      '<https://a.test/x?q=a,b&page=2>; rel="next", <https://a.test/x?page=9>; rel="last"',
    );
    expect(links.get('next')).toBe('https://a.test/x?q=a,b&page=2');
    expect(links.get('last')).toBe('https://a.test/x?page=9');
  });
});

describe('malformed responses are typed errors, never hangs', () => {
  const cases: [string, PaginateOptions, Handler][] = [
    ['missing items array (zoom)', { preset: 'zoom' }, () => ({ body: { next_page_token: '' } })],
    ['non-JSON body', { preset: 'zoom' }, () => ({ body: '<html>oops</html>' })],
    [
      'token of the wrong type (zoom)',
      { preset: 'zoom' },
      () => ({ body: { users: [], next_page_token: 42 } }),
    ],
    [
      'missing next_page_token key (zoom)',
      { preset: 'zoom' },
      () => ({ body: { users: [{ id: '1' }] } }),
    ],
    [
      'token of the wrong type (x)',
      { preset: 'x' },
      () => ({ body: { data: [{ id: '1' }], meta: { next_token: {} } } }),
    ],
    ['x without meta', { preset: 'x' }, () => ({ body: { data: [{ id: '1' }] } })],
    [
      'stripe has_more not boolean',
      { preset: 'stripe' },
      () => ({ body: { data: [], has_more: 'yes' } }),
    ],
    [
      'stripe has_more with no items',
      { preset: 'stripe' },
      () => ({ body: { data: [], has_more: true } }),
    ],
    [
      'slack cursor of the wrong type',
      { preset: 'slack' },
      () => ({ body: { ok: true, members: [], response_metadata: { next_cursor: 7 } } }),
    ],
    ['github body not an array', { preset: 'github' }, () => ({ body: { message: 'x' } })],
    ['page_count missing (zoom-pages)', { preset: 'zoom-pages' }, () => ({ body: { users: [] } })],
    ['undetectable style', {}, () => ({ body: { hello: 'world' } })],
  ];
  for (const [name, options, handler] of cases) {
    it(name, async () => {
      const server = await serve(handler);
      const error = await ids(`${server.url}/v2/users`, options).catch((e: unknown) => e);
      expect(isMalformedResponseError(error)).toBe(true);
    });
  }

  it('a Link rel="next" to another origin is refused', async () => {
    const server = await serve(() => ({
      headers: { link: '<https://evil.test/steal?page=2>; rel="next"' },
      body: [{ id: '1' }],
    }));
    const error = await ids(`${server.url}/r`, { preset: 'github' }).catch((e: unknown) => e);
    expect(isMalformedResponseError(error)).toBe(true);
  });
});
