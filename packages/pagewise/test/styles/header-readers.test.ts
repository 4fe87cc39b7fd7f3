import { describe, expect, it } from 'vitest';
import {
  headerNumber,
  link,
  linkEndpoints,
  parseLinkHeader,
  parseRetryAfter,
  readLinkRateLimit,
  readLinkRels,
  readXRateLimit,
  readZoomRateLimit,
  X_TOKEN_PARAMS,
  xEndpoints,
  xTokenParamForPath,
  ZOOM_INVALID_TOKEN_CODE,
  zoom,
  zoomEndpoints,
} from '../../src/styles/index.js';

const NOW = Date.UTC(2024, 0, 1);

describe('header helpers the styles and the client share', () => {
  it('headerNumber takes the first value of a header fetch joined, and skips empty ones', () => {
    const joined = new Headers();
    joined.append('x-rate-limit-limit', '10');
    joined.append('x-rate-limit-limit', '20');
    expect(joined.get('x-rate-limit-limit')).toBe('10, 20');
    expect(headerNumber(joined, 'x-rate-limit-limit')).toBe(10);
    expect(headerNumber({ 'RateLimit-Limit': '100, 100;w=60' }, 'ratelimit-limit')).toBe(100);
    expect(headerNumber({ 'x-ratelimit-remaining': '' }, 'x-ratelimit-remaining')).toBeUndefined();
    expect(headerNumber({ 'x-ratelimit-remaining': 'lots' }, 'x-ratelimit-remaining')).toBe(
      undefined,
    );
  });

  it('parseRetryAfter reads whole and fractional seconds, HTTP and ISO dates', () => {
    expect(parseRetryAfter('7', NOW)).toBe(NOW + 7000);
    // A fraction is a delay, never handed to Date.parse (which would read "1.5" as a date).
    expect(parseRetryAfter('1.5', NOW)).toBe(NOW + 1500);
    expect(parseRetryAfter(' 2 ', NOW)).toBe(NOW + 2000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', NOW)).toBe(NOW + 30_000);
    expect(parseRetryAfter('2024-01-01T00:00:45Z', NOW)).toBe(NOW + 45_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('rate-limit readers per style', () => {
  it("Zoom's reader flags the daily limit, and only that", () => {
    const daily = readZoomRateLimit(
      {
        'X-RateLimit-Type': 'Daily-limit',
        'X-RateLimit-Category': 'Heavy',
        'Retry-After': '2024-01-02T00:00:00Z',
      },
      NOW,
    );
    expect(daily).toEqual({
      type: 'Daily-limit',
      category: 'Heavy',
      daily: true,
      retryAt: Date.UTC(2024, 0, 2),
      resetAt: Date.UTC(2024, 0, 2),
    });
    const qps = readZoomRateLimit({ 'X-RateLimit-Type': 'QPS' }, NOW);
    expect(qps).toEqual({ type: 'QPS' });
    expect(readZoomRateLimit({}, NOW)).toEqual({});
  });

  it("X's reader gives the reset as the retry time on a 429 only", () => {
    const headers = new Headers({
      'x-rate-limit-limit': '450',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': '1705420800',
    });
    expect(readXRateLimit(headers)).toEqual({
      limit: 450,
      remaining: 0,
      resetAt: 1_705_420_800_000,
    });
    expect(readXRateLimit(headers, 429).retryAt).toBe(1_705_420_800_000);
    expect(readXRateLimit(headers, 200).retryAt).toBeUndefined();
  });

  it("GitHub's reader reads x-ratelimit-* and retry-after, and ignores X's names", () => {
    expect(
      readLinkRateLimit(
        {
          'x-ratelimit-limit': '60',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '1705420800',
          'retry-after': '30',
          'x-rate-limit-limit': '450',
        },
        NOW,
      ),
    ).toEqual({ limit: 60, remaining: 0, resetAt: 1_705_420_800_000, retryAt: NOW + 30_000 });
  });

  it("each style's readPage reports what its rate-limit reader reads", () => {
    const headers = { 'x-ratelimit-type': 'Daily-limit', 'x-ratelimit-limit': '5' };
    const zoomPage = zoom.readPage({ status: 429, headers, body: {} }, zoomEndpoints.users, NOW);
    expect(zoomPage.rateLimit).toEqual(readZoomRateLimit(headers, NOW));
    const linkPage = link.readPage({ status: 200, headers, body: [] }, linkEndpoints.pages, NOW);
    expect(linkPage.rateLimit).toEqual(readLinkRateLimit(headers, NOW));
  });
});

describe('Link relations', () => {
  it('readLinkRels gives next and prev (or previous), each only when sent', () => {
    expect(readLinkRels({ link: '</a?page=3>; rel="next", </a?page=1>; rel="prev"' })).toEqual({
      nextUrl: '/a?page=3',
      previousUrl: '/a?page=1',
    });
    expect(readLinkRels(new Headers({ Link: '<https://x.test/b>; rel=previous' }))).toEqual({
      previousUrl: 'https://x.test/b',
    });
    expect(readLinkRels({})).toEqual({});
    expect(readLinkRels({ link: 'not a link header' })).toEqual({});
  });

  it('parseLinkHeader takes the URL inside <>, not one quoted in a parameter', () => {
    const links = parseLinkHeader('<a>; title="x, <y>"; rel="next"');
    expect(links.get('next')).toBe('a');
    expect(links).toBeInstanceOf(Map);
  });
});

describe('token facts the client reads from the styles', () => {
  it('X_TOKEN_PARAMS is every token parameter of every X endpoint', () => {
    const used = new Set(Object.values(xEndpoints).flatMap((e) => e.tokenParams));
    expect([...used].sort()).toEqual([...X_TOKEN_PARAMS].sort());
  });

  it('xTokenParamForPath: next_token on search, pagination_token elsewhere', () => {
    expect(xTokenParamForPath('/2/tweets/search/recent')).toBe('next_token');
    expect(xTokenParamForPath('/2/users/1/tweets')).toBe('pagination_token');
    expect(xTokenParamForPath('/2/users/1/followers')).toBe('pagination_token');
  });

  it('the Zoom invalid-token error carries ZOOM_INVALID_TOKEN_CODE and reads back', () => {
    const written = zoom.formatProblem({
      kind: 'invalid_token',
      param: 'next_page_token',
      value: 'x',
      reason: 'expired',
    });
    const error = zoom.readPage(written).error;
    expect(error?.code).toBe(ZOOM_INVALID_TOKEN_CODE);
    expect(error?.message).toMatch(/token/i);
  });
});
