import { describe, expect, it } from 'vitest';
import {
  type StyleProblem,
  StyleProblemError,
  ZOOM_PAGE_SIZE,
  ZOOM_USERS_PAGE_SIZE,
  zoom,
  zoomEndpoints,
} from '../../src/styles/index.js';

function problemOf(fn: () => unknown): StyleProblem {
  try {
    fn();
  } catch (error) {
    if (error instanceof StyleProblemError) return error.problem;
    throw error;
  }
  throw new Error('expected a StyleProblemError');
}

const meetings = [{ uuid: 'abcd1234==', id: 987654, topic: 'Standup' }];

describe('zoom style: request parameters', () => {
  it('defaults page_size to 30 and clamps above 300', () => {
    const meetings = zoomEndpoints.userMeetings;
    expect(zoom.parseRequest({}, meetings)).toEqual({ pageSize: 30, clamped: false });
    expect(zoom.parseRequest({ page_size: '300' }, meetings).pageSize).toBe(300);
    expect(zoom.parseRequest({ page_size: '301' }, meetings)).toEqual({
      pageSize: 300,
      clamped: true,
    });
    expect(zoom.parseRequest({ page_size: '1000000000000000000000' }, meetings).pageSize).toBe(300);
  });

  it('takes page_size up to 2000 on GET /users, as the current Users document allows', () => {
    expect(zoom.parseRequest({}, zoomEndpoints.users)).toEqual({ pageSize: 30, clamped: false });
    expect(zoom.parseRequest({ page_size: '2000' }, zoomEndpoints.users).pageSize).toBe(2000);
    expect(zoom.parseRequest({ page_size: '2001' }, zoomEndpoints.users)).toEqual({
      pageSize: 2000,
      clamped: true,
    });
    expect(ZOOM_USERS_PAGE_SIZE).toEqual({ ...ZOOM_PAGE_SIZE, max: 2000 });
  });

  it.each(['0', '-1', 'abc', '1.5', '', ' 5'])(
    'refuses page_size=%j with a validation error',
    (value) => {
      const problem = problemOf(() => zoom.parseRequest({ page_size: value }, zoomEndpoints.users));
      const response = zoom.formatProblem(problem);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toBe(
        '{"code":300,"message":"Validation Failed.","errors":[{"field":"page_size","message":"Invalid field."}]}',
      );
    },
  );

  it('refuses a repeated page_size', () => {
    const problem = problemOf(() =>
      zoom.parseRequest(new URLSearchParams('page_size=10&page_size=20'), zoomEndpoints.users),
    );
    expect(problem).toMatchObject({
      kind: 'invalid_parameter',
      param: 'page_size',
      fault: 'repeated',
    });
  });

  it('treats an empty next_page_token as none, as the Zoom sample loop sends it', () => {
    expect(zoom.parseRequest({ next_page_token: '' }, zoomEndpoints.users)).toEqual({
      pageSize: 30,
      clamped: false,
    });
    expect(zoom.parseRequest({ next_page_token: 'tok' }, zoomEndpoints.users)).toMatchObject({
      token: 'tok',
      tokenParam: 'next_page_token',
    });
  });

  it('reads page_number only on legacy endpoints and only without a token', () => {
    expect(zoom.parseRequest({ page_number: '3' }, zoomEndpoints.users).pageNumber).toBe(3);
    expect(
      zoom.parseRequest({ page_number: '3' }, zoomEndpoints.reportUserMeetings).pageNumber,
    ).toBeUndefined();
    expect(
      zoom.parseRequest({ page_number: '3', next_page_token: 't' }, zoomEndpoints.users).pageNumber,
    ).toBeUndefined();
    for (const bad of ['0', '-2', 'x']) {
      expect(
        problemOf(() => zoom.parseRequest({ page_number: bad }, zoomEndpoints.users)),
      ).toMatchObject({
        kind: 'invalid_parameter',
        param: 'page_number',
      });
    }
  });
});

describe('zoom style: envelopes', () => {
  it('writes the dashboard envelope in the documented key order', () => {
    const response = zoom.formatPage(
      {
        items: meetings,
        pageSize: 1,
        totalRecords: 5,
        nextToken: 'def5678',
        range: { from: '2024-02-07', to: '2024-03-07' },
      },
      zoomEndpoints.dashboardMeetings,
    );
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toBe(
      JSON.stringify({
        from: '2024-02-07',
        to: '2024-03-07',
        page_count: 5,
        page_size: 1,
        total_records: 5,
        next_page_token: 'def5678',
        meetings,
      }),
    );
  });

  it('shows page_number on legacy endpoints when known: asked for, or the first page', () => {
    const first = zoom.formatPage(
      { items: meetings, pageSize: 30, totalRecords: 1 },
      zoomEndpoints.userMeetings,
    );
    expect(JSON.stringify(first.body)).toBe(
      JSON.stringify({
        page_count: 1,
        page_number: 1,
        page_size: 30,
        total_records: 1,
        next_page_token: '',
        meetings,
      }),
    );
    const report = zoom.formatPage(
      { items: meetings, pageSize: 30, totalRecords: 1 },
      zoomEndpoints.reportMeetingParticipants,
    );
    expect(report.body).not.toHaveProperty('page_number');
  });

  it('ends with next_page_token "" and no page_number on a page reached by token', () => {
    const last = zoom.formatPage(
      { items: meetings, pageSize: 30, totalRecords: 1, previousToken: 'p' },
      zoomEndpoints.userMeetings,
    );
    expect(JSON.stringify(last.body)).toBe(
      JSON.stringify({
        page_count: 1,
        page_size: 30,
        total_records: 1,
        next_page_token: '',
        meetings,
      }),
    );
    const legacy = zoom.formatPage(
      { items: meetings, pageSize: 30, totalRecords: 61, pageNumber: 2 },
      zoomEndpoints.users,
    );
    expect(JSON.stringify(legacy.body)).toBe(
      JSON.stringify({
        page_count: 3,
        page_number: 2,
        page_size: 30,
        total_records: 61,
        next_page_token: '',
        users: meetings,
      }),
    );
  });

  it('writes an empty list', () => {
    const response = zoom.formatPage(
      { items: [], pageSize: 30, totalRecords: 0 },
      zoomEndpoints.pastMeetingParticipants,
    );
    expect(JSON.stringify(response.body)).toBe(
      '{"page_count":0,"page_size":30,"total_records":0,"next_page_token":"","participants":[]}',
    );
  });
});

describe('zoom style: errors and rate-limit headers', () => {
  it.each<[StyleProblem, number, string]>([
    [
      { kind: 'invalid_token', param: 'next_page_token', value: 'x', reason: 'expired' },
      400,
      '{"code":300,"message":"The next page token is invalid or expired."}',
    ],
    [
      { kind: 'unauthorized', reason: 'missing' },
      401,
      '{"code":124,"message":"Invalid access token."}',
    ],
    [
      { kind: 'unauthorized', reason: 'expired' },
      401,
      '{"code":124,"message":"Access token is expired."}',
    ],
    [
      { kind: 'not_found', resource: 'user', id: 'nobody' },
      404,
      '{"code":1001,"message":"User not exist: nobody"}',
    ],
  ])('writes %j', (problem, status, body) => {
    const response = zoom.formatProblem(problem);
    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body)).toBe(body);
  });

  it('writes the daily 429 with an ISO Retry-After', () => {
    const response = zoom.formatProblem({
      kind: 'rate_limited',
      state: {
        limit: 30000,
        remaining: 0,
        used: 30000,
        resetAt: Date.parse('2020-05-31T00:00:00Z'),
        kind: 'daily',
        category: 'Heavy',
        limited: true,
        now: Date.parse('2020-05-30T12:00:00Z'),
      },
    });
    expect(response.status).toBe(429);
    expect(response.headers).toMatchObject({
      'X-RateLimit-Category': 'Heavy',
      'X-RateLimit-Type': 'Daily-limit',
      'X-RateLimit-Limit': '30000',
      'X-RateLimit-Remaining': '0',
      'Retry-After': '2020-05-31T00:00:00Z',
    });
    expect(JSON.stringify(response.body)).toBe(
      '{"code":429,"message":"You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request."}',
    );
  });

  it('writes the per-second 429 without Retry-After', () => {
    const response = zoom.formatProblem({
      kind: 'rate_limited',
      state: {
        limit: 20,
        remaining: 0,
        used: 20,
        resetAt: 1000,
        kind: 'qps',
        category: 'Medium',
        limited: true,
        now: 500,
      },
    });
    expect(response.headers['X-RateLimit-Type']).toBe('QPS');
    expect(response.headers).not.toHaveProperty('Retry-After');
    expect(JSON.stringify(response.body)).toBe(
      '{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}',
    );
  });
});

describe('zoom style: reading responses', () => {
  it('reads the token, the end, and Retry-After dates', () => {
    const middle = zoom.readPage({
      status: 200,
      headers: {},
      body: { page_size: 1, next_page_token: 'abc', users: [{ id: 'u' }] },
    });
    expect(middle).toMatchObject({ ok: true, done: false, nextToken: 'abc', items: [{ id: 'u' }] });
    const end = zoom.readPage(
      { status: 200, headers: {}, body: { next_page_token: '', meetings: [] } },
      zoomEndpoints.userMeetings,
    );
    expect(end).toMatchObject({ ok: true, done: true, items: [] });
    const limited = zoom.readPage({
      status: 429,
      headers: { 'Retry-After': '2020-05-31T00:00:00Z', 'X-RateLimit-Type': 'Daily-limit' },
      body: { code: 429, message: 'daily' },
    });
    expect(limited.ok).toBe(false);
    expect(limited.error).toEqual({ status: 429, code: 429, message: 'daily' });
    expect(limited.rateLimit).toMatchObject({
      retryAt: Date.parse('2020-05-31T00:00:00Z'),
      type: 'Daily-limit',
    });
  });

  it('reads legacy page numbers', () => {
    const reading = zoom.readPage({
      status: 200,
      headers: {},
      body: { page_count: 3, page_number: 2, page_size: 30, total_records: 61, users: [] },
    });
    expect(reading).toMatchObject({ done: false, nextPageNumber: 3, totalRecords: 61 });
  });
});

describe('zoom style: the Dashboard lists of the pagination page', () => {
  it('describes meeting and webinar participants and List webinars as Zoom documents them', () => {
    // Zoom's Meeting API document: Heavy for both participants lists, Resource-intensive for
    // List webinars (whose envelope echoes from/to); page_size default 30, maximum 300.
    expect(zoomEndpoints.dashboardMeetingParticipants).toMatchObject({
      itemsKey: 'participants',
      category: 'Heavy',
      dateRange: false,
      legacyPageNumber: false,
      pageSize: { default: 30, max: 300 },
    });
    expect(zoomEndpoints.dashboardWebinarParticipants).toMatchObject({
      itemsKey: 'participants',
      category: 'Heavy',
      dateRange: false,
    });
    expect(zoomEndpoints.dashboardWebinars).toMatchObject({
      itemsKey: 'webinars',
      category: 'Resource-intensive',
      dateRange: true,
    });
    expect(
      zoom.parseRequest({ page_number: '2' }, zoomEndpoints.dashboardWebinars).pageNumber,
    ).toBeUndefined();
  });

  it('answers an unknown or unfinished dashboard meeting and an unknown webinar with the documented 404s', () => {
    expect(
      zoom.formatProblem({ kind: 'not_found', resource: 'dashboard_meeting', id: '1' }),
    ).toMatchObject({
      status: 404,
      body: { code: 3001, message: 'Meeting ID is invalid or has not ended.' },
    });
    expect(zoom.formatProblem({ kind: 'not_found', resource: 'webinar', id: '1' })).toMatchObject({
      status: 404,
      body: {
        code: 3001,
        message: "This webinar's detail info is not available or ID is not valid.",
      },
    });
  });
});
