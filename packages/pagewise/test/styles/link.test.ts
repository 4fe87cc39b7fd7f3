import { describe, expect, it } from 'vitest';
import {
  formatLinkHeader,
  link,
  linkEndpoints,
  parseLinkHeader,
  StyleProblemError,
} from '../../src/styles/index.js';

const rows = [{ id: 1 }, { id: 2 }];

describe('link style', () => {
  it('clamps per_page above 100 and refuses 0', () => {
    expect(link.parseRequest({ per_page: '500' }, linkEndpoints.pages)).toMatchObject({
      pageSize: 100,
      clamped: true,
    });
    expect(() => link.parseRequest({ per_page: '0' }, linkEndpoints.pages)).toThrow(
      StyleProblemError,
    );
    expect(link.parseRequest({}, linkEndpoints.pages)).toMatchObject({
      pageSize: 30,
      pageNumber: 1,
    });
  });

  it('writes GitHub-like rels for a middle page', () => {
    const response = link.formatPage(
      { items: rows, pageSize: 2, pageNumber: 2, totalRecords: 9 },
      linkEndpoints.pages,
      { url: 'https://api.example.com/items?page=2&per_page=2&state=open' },
    );
    expect(response.body).toEqual(rows);
    expect(response.headers['link']).toBe(
      '<https://api.example.com/items?page=1&per_page=2&state=open>; rel="prev", ' +
        '<https://api.example.com/items?page=3&per_page=2&state=open>; rel="next", ' +
        '<https://api.example.com/items?page=5&per_page=2&state=open>; rel="last", ' +
        '<https://api.example.com/items?page=1&per_page=2&state=open>; rel="first"',
    );
  });

  it('omits the Link header when everything fits on one page', () => {
    const response = link.formatPage(
      { items: rows, pageSize: 30, pageNumber: 1, totalRecords: 2 },
      linkEndpoints.pages,
      {
        url: '/items',
      },
    );
    expect(response.headers).not.toHaveProperty('link');
  });

  it('writes cursor rels from tokens, relative when the request URL is', () => {
    const response = link.formatPage(
      { items: rows, pageSize: 2, nextToken: 'N', previousToken: 'P' },
      linkEndpoints.cursor,
      {
        url: '/items?cursor=C&per_page=2',
      },
    );
    expect(response.headers['link']).toBe(
      '</items?cursor=P&per_page=2>; rel="prev", </items?cursor=N&per_page=2>; rel="next", </items?per_page=2>; rel="first"',
    );
  });

  it('parses Link headers with odd spacing, bare and multiple rels', () => {
    const parsed = parseLinkHeader('<a?x=1,2>;rel=next ,  <b> ; title="x, y" ; rel="prev first"');
    expect(parsed.get('next')).toBe('a?x=1,2');
    expect(parsed.get('prev')).toBe('b');
    expect(parsed.get('first')).toBe('b');
    expect(parseLinkHeader(formatLinkHeader([['next', '/n']])).get('next')).toBe('/n');
  });

  it('reads pages and 429s', () => {
    const page = link.readPage({
      status: 200,
      headers: { link: '</items?page=2>; rel="next"', 'x-ratelimit-remaining': '4' },
      body: rows,
    });
    expect(page).toMatchObject({ ok: true, done: false, nextUrl: '/items?page=2', items: rows });
    expect(page.rateLimit.remaining).toBe(4);
    const limited = link.formatProblem({
      kind: 'rate_limited',
      state: {
        limit: 5,
        remaining: 0,
        used: 5,
        resetAt: 10_500,
        kind: 'window',
        limited: true,
        now: 1000,
      },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers).toMatchObject({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '11',
      'x-ratelimit-used': '5',
      'retry-after': '10',
    });
    const reading = link.readPage(
      { status: 429, headers: limited.headers, body: limited.body },
      undefined,
      1000,
    );
    expect(reading).toMatchObject({ ok: false, rateLimit: { retryAt: 11_000 } });
  });
});
