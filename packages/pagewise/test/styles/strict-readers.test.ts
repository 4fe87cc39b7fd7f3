import { describe, expect, it } from 'vitest';
import {
  isMalformedPageError,
  link,
  MalformedPageError,
  type StyleProblem,
  x,
  xEndpoints,
  zoom,
  zoomEndpoints,
} from '../../src/styles/index.js';

const ok = (body: unknown, headers: Record<string, string> = {}) => ({
  status: 200,
  headers,
  body,
});

describe('the styles read pages strictly', () => {
  it.each([
    ['a string body', 'not json'],
    ['no items array', { next_page_token: '' }],
    ['no token (Zoom always sends the key)', { page_size: 30, users: [] }],
    ['a numeric token', { next_page_token: 42, users: [] }],
    ['a page_count that is not a number', { page_count: '3', next_page_token: '', users: [] }],
  ])('zoom: %s is a MalformedPageError, never the end of the list', (_why, body) => {
    expect(() => zoom.readPage(ok(body), zoomEndpoints.users)).toThrow(MalformedPageError);
  });

  it('zoom: a legacy page-number page may leave the token out, and reads its next number', () => {
    const reading = zoom.readPage(
      ok({ page_count: 3, page_number: 2, page_size: 30, total_records: 61, users: [{ id: 'a' }] }),
    );
    expect(reading).toMatchObject({ ok: true, done: false, nextPageNumber: 3, totalRecords: 61 });
  });

  it('zoom: reads the endpoint\'s items key, and "" as the end', () => {
    const reading = zoom.readPage(
      ok({ page_size: 30, next_page_token: '', meetings: [{ id: 1 }], users: [] }),
      zoomEndpoints.userMeetings,
    );
    expect(reading).toMatchObject({ ok: true, done: true, items: [{ id: 1 }] });
  });

  it.each([
    ['no meta', { data: [] }],
    ['a numeric next_token', { data: [{ id: '1' }], meta: { result_count: 1, next_token: 7 } }],
    ['data that is not an array', { data: { id: '1' }, meta: { result_count: 1 } }],
    ['no data while result_count says 3', { meta: { result_count: 3 } }],
  ])('x: %s is a MalformedPageError', (_why, body) => {
    expect(() => x.readPage(ok(body))).toThrow(MalformedPageError);
  });

  it('x: an empty result and a 200 that carries only errors read as X means them', () => {
    expect(x.readPage(ok({ meta: { result_count: 0 } }))).toMatchObject({
      ok: true,
      done: true,
      items: [],
    });
    const partial = x.readPage(
      ok({
        errors: [
          {
            detail: 'Could not find user with id: [1].',
            type: 'https://api.twitter.com/2/problems/resource-not-found',
          },
        ],
      }),
    );
    expect(partial).toMatchObject({
      ok: false,
      error: { status: 200, code: 'https://api.twitter.com/2/problems/resource-not-found' },
    });
  });

  it('link: a 2xx body that is not an array is a MalformedPageError', () => {
    expect(() => link.readPage(ok({ items: [] }))).toThrow(MalformedPageError);
    expect(link.readPage(ok([1, 2], { link: '</items?page=2>; rel="next"' }))).toMatchObject({
      ok: true,
      done: false,
      nextUrl: '/items?page=2',
    });
  });

  it('the error carries a stable code and is recognised across realms', () => {
    const error = new MalformedPageError('boom');
    expect(error.code).toBe('malformed_page');
    const foreign = Object.assign(new Error('boom'), {
      name: 'MalformedPageError',
      code: 'malformed_page',
    });
    expect(isMalformedPageError(foreign)).toBe(true);
    expect(isMalformedPageError(new Error('boom'))).toBe(false);
  });

  it('every style reads back the pages it writes', () => {
    const items = [{ id: '9' }, { id: '8' }];
    const view = { items, pageSize: 2, nextToken: 'n', previousToken: 'p' };
    expect(
      zoom.readPage(zoom.formatPage(view, zoomEndpoints.users), zoomEndpoints.users),
    ).toMatchObject({
      ok: true,
      items,
      nextToken: 'n',
    });
    expect(x.readPage(x.formatPage(view, xEndpoints.userTweets))).toMatchObject({
      ok: true,
      items,
      nextToken: 'n',
      previousToken: 'p',
    });
  });
});

describe('X includes', () => {
  it('writes includes between data and meta, drops empty kinds, and none on an empty page', () => {
    const page = x.formatPage(
      {
        items: [{ id: '2', author_id: '7' }],
        pageSize: 10,
        includes: { users: [{ id: '7', name: 'A', username: 'a' }], tweets: [] },
      },
      xEndpoints.userTweets,
    );
    expect(Object.keys(page.body as object)).toEqual(['data', 'includes', 'meta']);
    expect((page.body as { includes: object }).includes).toEqual({
      users: [{ id: '7', name: 'A', username: 'a' }],
    });
    const empty = x.formatPage(
      { items: [], pageSize: 10, includes: { users: [{ id: '7' }] } },
      xEndpoints.userTweets,
    );
    expect(empty.body).toEqual({ meta: { result_count: 0 } });
    const none = x.formatPage(
      { items: [{ id: '2' }], pageSize: 10, includes: { users: [] } },
      xEndpoints.userTweets,
    );
    expect(Object.keys(none.body as object)).toEqual(['data', 'meta']);
  });
});

describe('faults and unknown routes, in each style', () => {
  const fault: StyleProblem = { kind: 'fault', status: 503, message: 'Injected fault.' };
  const noRoute: StyleProblem = { kind: 'route_not_found', method: 'GET', path: '/nope' };

  it('zoom writes { code, message } with the chosen status', () => {
    expect(zoom.formatProblem(fault)).toMatchObject({
      status: 503,
      body: { code: 503, message: 'Injected fault.' },
    });
    expect(zoom.formatProblem(noRoute)).toMatchObject({
      status: 404,
      body: { code: 404, message: 'No API at GET /nope.' },
    });
  });

  it('x writes problem JSON with the standard title', () => {
    expect(x.formatProblem(fault)).toEqual({
      status: 503,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        title: 'Service Unavailable',
        type: 'about:blank',
        status: 503,
        detail: 'Service Unavailable',
      },
    });
    expect(x.formatProblem(noRoute)).toMatchObject({ status: 404, body: { title: 'Not Found' } });
  });

  it("link writes GitHub's { message, status }", () => {
    expect(link.formatProblem(fault)).toMatchObject({
      status: 503,
      body: { message: 'Injected fault.', status: '503' },
    });
    expect(link.formatProblem(noRoute)).toMatchObject({
      status: 404,
      body: { message: 'Not Found' },
    });
  });
});

describe('each style owns its quotas and schemas', () => {
  it('derives rate-limit rules from the endpoint', () => {
    expect(zoom.rateLimitRules(zoomEndpoints.dashboardMeetings).map((r) => r.bucket)).toEqual([
      'zoom:Resource-intensive:rate',
      'zoom:Heavy+Resource-intensive:daily',
    ]);
    expect(x.rateLimitRules(xEndpoints.searchRecent)[0]).toMatchObject({
      bucket: 'x:searchRecent',
      limit: 450,
    });
    expect(x.rateLimitRules(xEndpoints.searchRecent, { auth: 'user' })[0]?.limit).toBe(300);
    expect(
      link.rateLimitRules({
        mode: 'page',
        pageParam: 'page',
        cursorParam: 'c',
        pageSize: { min: 1, max: 10, default: 5, oversized: 'clamp' },
      })[0]?.limit,
    ).toBe(5000);
  });

  it('describes its paging parameters and envelopes as JSON Schema', () => {
    expect(
      Object.keys((x.querySchema(xEndpoints.userTweets) as { properties: object }).properties),
    ).toEqual(['max_results', 'pagination_token']);
    const zoomPage = zoom.responseSchemas(zoomEndpoints.users, { type: 'object' })[200] as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(zoomPage.properties)).toEqual([
      'page_count',
      'page_number',
      'page_size',
      'total_records',
      'next_page_token',
      'users',
    ]);
    const xPage = x.responseSchemas(
      xEndpoints.userTweets,
      { type: 'object' },
      { users: { type: 'object' } },
    )[200] as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(xPage.properties)).toEqual(['data', 'includes', 'meta']);
  });
});
