import { describe, expect, it } from 'vitest';
import {
  link,
  linkEndpoints,
  type PageView,
  searchParamsOf,
  x,
  xEndpoints,
  zoom,
  zoomEndpoints,
} from '../../src/styles/index.js';

const items = [{ id: '3' }, { id: '2' }];

describe('each style reads back what it writes', () => {
  const cases: Array<[string, PageView, boolean]> = [
    ['first page', { items, pageSize: 2, nextToken: 'N' }, false],
    ['middle page', { items, pageSize: 2, nextToken: 'N', previousToken: 'P' }, false],
    ['last page', { items, pageSize: 2, previousToken: 'P' }, true],
    ['empty list', { items: [], pageSize: 2 }, true],
  ];

  it.each(cases)('zoom: %s', (_name, view, done) => {
    const written = zoom.formatPage(
      { ...view, totalRecords: 9 },
      zoomEndpoints.pastMeetingParticipants,
    );
    const reading = zoom.readPage(written);
    expect(reading).toMatchObject({ ok: true, done, items: view.items, totalRecords: 9 });
    expect(reading.nextToken).toBe(view.nextToken);
  });

  it.each(cases)('x: %s', (_name, view, done) => {
    for (const endpoint of Object.values(xEndpoints)) {
      const written = x.formatPage(view, endpoint);
      const reading = x.readPage(written);
      expect(reading).toMatchObject({ ok: true, done, items: view.items });
      expect(reading.nextToken).toBe(view.nextToken);
      if (endpoint.metaKeys.includes('previous_token')) {
        expect(reading.previousToken).toBe(
          view.items.length > 0 ? view.previousToken : view.previousToken,
        );
      }
    }
  });

  it.each(cases)('link (cursor): %s', (_name, view, done) => {
    const written = link.formatPage(view, linkEndpoints.cursor, {
      url: 'https://h/items?per_page=2',
    });
    const reading = link.readPage({ ...written, headers: new Headers(written.headers) });
    expect(reading).toMatchObject({ ok: true, done, items: view.items });
    if (view.nextToken)
      expect(searchParamsOf(reading.nextUrl ?? '').get('cursor')).toBe(view.nextToken);
    if (view.previousToken)
      expect(searchParamsOf(reading.previousUrl ?? '').get('cursor')).toBe(view.previousToken);
  });

  it('reads every style error as not ok, with the API message', () => {
    const zoomError = zoom.formatProblem({ kind: 'unauthorized', reason: 'invalid' });
    expect(zoom.readPage(zoomError).error).toEqual({
      status: 401,
      code: 124,
      message: 'Invalid access token.',
    });
    const xError = x.formatProblem({
      kind: 'invalid_token',
      param: 'pagination_token',
      value: 'a',
      reason: 'tampered',
    });
    expect(x.readPage(xError).error).toEqual({
      status: 400,
      code: 'https://api.twitter.com/2/problems/invalid-request',
      message: 'The `pagination_token` query parameter value [a] is not a valid token.',
    });
    const notFound = x.formatProblem({ kind: 'not_found', resource: 'user', id: '9' });
    expect(x.readPage(notFound)).toMatchObject({
      ok: false,
      error: {
        status: 200,
        code: 'https://api.twitter.com/2/problems/resource-not-found',
        message: 'Could not find user with id: [9].',
      },
    });
    const linkError = link.formatProblem({ kind: 'not_found', resource: 'item', id: '9' });
    expect(link.readPage(linkError).error).toEqual({ status: 404, message: 'Not Found' });
  });

  it('reads Zoom rate-limit headers case-insensitively from Headers and records', () => {
    const headers = {
      'X-RateLimit-Category': 'Light',
      'X-RateLimit-Limit': '6000',
      'X-RateLimit-Remaining': '5893',
    };
    for (const h of [headers, new Headers(headers)]) {
      const reading = zoom.readPage({
        status: 200,
        headers: h,
        body: { next_page_token: '', users: [] },
      });
      expect(reading.rateLimit).toEqual({ category: 'Light', limit: 6000, remaining: 5893 });
    }
  });

  it('reads a Zoom QPS 429 without Retry-After as having no retry time', () => {
    const reading = zoom.readPage({
      status: 429,
      headers: { 'X-RateLimit-Type': 'QPS' },
      body: { code: 429, message: 'm' },
    });
    expect(reading.rateLimit.retryAt).toBeUndefined();
    expect(reading.rateLimit.type).toBe('QPS');
  });
});

describe('searchParamsOf', () => {
  it('reads the query of absolute, relative and unparsable URLs', () => {
    expect(searchParamsOf('https://a/b?x=1&x=2').getAll('x')).toEqual(['1', '2']);
    expect(searchParamsOf('/b?y=3').get('y')).toBe('3');
    expect(searchParamsOf('http://bad host/b?z=4#frag').get('z')).toBe('4');
    expect([...searchParamsOf('/no-query')]).toEqual([]);
  });
});

describe('queryValues', () => {
  it('reads URLSearchParams, strings, arrays and values a framework already coerced', async () => {
    const { queryValues } = await import('../../src/styles/index.js');
    expect(queryValues(new URLSearchParams('a=1&a=2'), 'a')).toEqual(['1', '2']);
    expect(queryValues({ a: 'x' }, 'a')).toEqual(['x']);
    expect(queryValues({ a: ['x', 'y'] }, 'a')).toEqual(['x', 'y']);
    expect(queryValues({ a: 7 } as never, 'a')).toEqual(['7']);
    expect(queryValues({ a: [7, 8] } as never, 'a')).toEqual(['7', '8']);
    expect(queryValues({}, 'a')).toEqual([]);
    expect(queryValues({ ['__proto__']: 'x' } as never, 'toString')).toEqual([]);
  });
});
