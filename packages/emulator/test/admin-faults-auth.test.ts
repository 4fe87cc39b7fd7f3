import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEmulator,
  type EmulatorApp,
  type RunningEmulator,
  startEmulator,
} from '../src/index.js';
import { createDb, type TestDb, testOptions } from './emulator-fixtures.js';

describe('auth, admin API, faults, OpenAPI and logs', () => {
  let app: EmulatorApp;
  let db: TestDb;
  let clock = Date.now();
  const logs: string[] = [];
  const admin = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' };
  const api = { authorization: 'Bearer test-api-token' };

  beforeAll(async () => {
    db = await createDb('sqlite');
    const stream = new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    });
    app = await buildEmulator(
      testOptions(db, { now: () => clock, logger: { level: 'info', stream } }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('refuses missing and wrong bearer tokens in each style', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer nope' },
      { authorization: 'Basic dGVzdA==' },
    ]) {
      const z = await app.inject({ url: '/v2/users', headers });
      expect(z.statusCode).toBe(401);
      expect(z.json()).toEqual({ code: 124, message: 'Invalid access token.' });
      const x = await app.inject({ url: '/2/users/me', headers });
      expect(x.statusCode).toBe(401);
      expect(x.headers['content-type']).toBe('application/problem+json');
      expect(x.json()).toEqual({
        title: 'Unauthorized',
        type: 'about:blank',
        status: 401,
        detail: 'Unauthorized',
      });
    }
    expect((await app.inject({ url: '/__admin/dataset', headers: api })).statusCode).toBe(401);
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });

  it('gives each principal its own me, and page tokens that only it can use', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/__admin/principals',
      headers: admin,
      payload: { name: 'bob' },
    });
    expect(created.statusCode).toBe(200);
    const bob = created.json() as { token: string; xUserId: string; zoomUserId: string };
    const bobMe = (
      await app.inject({ url: '/2/users/me', headers: { authorization: `Bearer ${bob.token}` } })
    ).json() as { data: { id: string } };
    expect(bobMe.data.id).toBe(bob.xUserId);
    const ownerMe = (await app.inject({ url: '/2/users/me', headers: api })).json() as {
      data: { id: string };
    };
    expect(ownerMe.data.id).not.toBe(bob.xUserId);
    const page = (await app.inject({ url: '/v2/users?page_size=2', headers: api })).json() as {
      next_page_token: string;
    };
    const stolen = await app.inject({
      url: `/v2/users?page_size=2&next_page_token=${page.next_page_token}`,
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json()).toEqual({
      code: 300,
      message: 'The next page token is invalid or expired.',
    });
  });

  it('reports the dataset and the ids of a list', async () => {
    const ds = (await app.inject({ url: '/__admin/dataset', headers: admin })).json() as {
      counts: Record<string, number>;
      owner: { xUserId: string };
    };
    expect(ds.counts['x_tweets']).toBe(4000);
    expect(ds.counts['zoom_users']).toBe(40);
    const ids = (
      await app.inject({
        url: `/__admin/dataset/ids?list=x.user_tweets&user_id=${ds.owner.xUserId}`,
        headers: admin,
      })
    ).json() as {
      count: number;
      ids: string[];
    };
    expect(ids.count).toBe(ids.ids.length);
    expect(
      (await app.inject({ url: '/__admin/dataset/ids?list=nope', headers: admin })).statusCode,
    ).toBe(400);
  });

  it('injects error statuses, forced 429 bursts and short token lifetimes', async () => {
    const put = (body: unknown) =>
      app.inject({
        method: 'PUT',
        url: '/__admin/faults',
        headers: admin,
        payload: JSON.stringify(body),
      });
    expect((await put({ errorRate: 2 })).statusCode).toBe(400);
    expect((await put({ bogus: 1 })).statusCode).toBe(400);

    expect((await put({ errorRate: 1, errorStatus: 503 })).statusCode).toBe(200);
    const z = await app.inject({ url: '/v2/users', headers: api });
    expect(z.statusCode).toBe(503);
    expect(z.json()).toMatchObject({ code: 503 });
    const x = await app.inject({ url: '/2/users/me', headers: api });
    expect(x.statusCode).toBe(503);
    expect(x.json()).toEqual({
      title: 'Service Unavailable',
      type: 'about:blank',
      status: 503,
      detail: 'Service Unavailable',
    });
    // Faults never touch the admin API.
    expect((await app.inject({ url: '/__admin/faults', headers: admin })).statusCode).toBe(200);

    await put({ rateLimitBurst: 2, pathPrefix: '/2/' });
    expect((await app.inject({ url: '/2/users/me', headers: api })).statusCode).toBe(429);
    expect((await app.inject({ url: '/v2/users', headers: api })).statusCode).toBe(200);
    const second = await app.inject({ url: '/2/users/me', headers: api });
    expect(second.statusCode).toBe(429);
    expect(second.headers['x-rate-limit-remaining']).toBe('0');
    expect((await app.inject({ url: '/2/users/me', headers: api })).statusCode).toBe(200);

    await put({ tokenTtlSeconds: 1 });
    const page = (await app.inject({ url: '/v2/users?page_size=2', headers: api })).json() as {
      next_page_token: string;
    };
    await put({});
    clock += 40_000; // past 1 s plus the codec's 30 s clock-skew allowance
    const expired = await app.inject({
      url: `/v2/users?page_size=2&next_page_token=${page.next_page_token}`,
      headers: api,
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toEqual({
      code: 300,
      message: 'The next page token is invalid or expired.',
    });
  });

  it("finds a meeting whose UUID holds '/' whether encoded once or twice", async () => {
    const m = await app.emulator.context.handle.db
      .selectFrom('zoom_meetings')
      .select(['uuid', 'participants_count'])
      .where('uuid', 'like', '%/%')
      .where('participants_count', '>', 0)
      .limit(1)
      .executeTakeFirst();
    expect(m).toBeDefined();
    for (const path of [
      encodeURIComponent(m!.uuid),
      encodeURIComponent(encodeURIComponent(m!.uuid)),
    ]) {
      const res = await app.inject({
        url: `/v2/past_meetings/${path}/participants?page_size=300`,
        headers: api,
      });
      expect(res.statusCode).toBe(200);
      expect((res.json() as { participants: unknown[] }).participants).toHaveLength(
        Number(m!.participants_count),
      );
    }
  });

  it('answers unknown routes with a 404 in the style of their prefix', async () => {
    const x = await app.inject({ url: '/2/nothing/here', headers: api });
    expect(x.statusCode).toBe(404);
    expect(x.headers['content-type']).toBe('application/problem+json');
    expect(x.json()).toEqual({
      title: 'Not Found',
      type: 'about:blank',
      status: 404,
      detail: 'Not Found',
    });
    const z = await app.inject({ url: '/v2/nothing', headers: api });
    expect(z.statusCode).toBe(404);
    expect(z.json()).toMatchObject({ code: 404 });
  });

  it('serves an OpenAPI 3.1 document of every API route and no admin route', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/2/tweets/search/all',
        '/2/tweets/search/recent',
        '/2/tweets/{id}/liking_users',
        '/2/tweets/{id}/quote_tweets',
        '/2/tweets/{id}/retweeted_by',
        '/2/users',
        '/2/users/by',
        '/2/users/by/username/{username}',
        '/2/users/me',
        '/2/users/{id}',
        '/2/users/{id}/followers',
        '/2/users/{id}/following',
        '/2/users/{id}/liked_tweets',
        '/2/users/{id}/mentions',
        '/2/users/{id}/timelines/reverse_chronological',
        '/2/users/{id}/tweets',
        '/v2/metrics/meetings',
        '/v2/metrics/meetings/{meetingId}/participants',
        '/v2/metrics/webinars',
        '/v2/metrics/webinars/{webinarId}/participants',
        '/v2/past_meetings/{meetingUUID}/participants',
        '/v2/report/meetings/{meetingId}/participants',
        '/v2/report/users/{userId}/meetings',
        '/v2/users',
        '/v2/users/{userId}/meetings',
      ].sort(),
    );
  });

  it('never writes bearer tokens or page tokens to the logs', async () => {
    const page = (await app.inject({ url: '/v2/users?page_size=2', headers: api })).json() as {
      next_page_token: string;
    };
    await app.inject({
      url: `/v2/users?page_size=2&next_page_token=${page.next_page_token}`,
      headers: api,
    });
    const text = logs.join('');
    expect(text).toContain('/v2/users');
    expect(text).not.toContain('test-api-token');
    expect(text).not.toContain('test-admin-token');
    expect(text).not.toContain(page.next_page_token);
    // One record per request, the request line whole: method, redacted URL, status, time.
    const records = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.some((r) => r['msg'] === 'incoming request')).toBe(false);
    // The last such record is this test's second page (earlier tests sent tokens too).
    const line = records.findLast((r) =>
      String((r['req'] as { url?: string } | undefined)?.url).includes('next_page_token='),
    ) as {
      req: { method: string; url: string };
      res: { statusCode: number };
      responseTime: number;
    };
    expect(line.req.method).toBe('GET');
    expect(line.req.url).toMatch(
      /^\/v2\/users\?page_size=2&next_page_token=\[REDACTED:[0-9a-f]{6}\]$/,
    );
    expect(line.res.statusCode).toBe(200);
    expect(line.responseTime).toBeGreaterThanOrEqual(0);
  });
});

describe('connection-reset fault over a real socket', () => {
  let emu: RunningEmulator;
  let db: TestDb;
  beforeAll(async () => {
    db = await createDb('sqlite');
    emu = await startEmulator(testOptions(db, { faults: { resetRate: 1, pathPrefix: '/2/' } }));
  });
  afterAll(async () => {
    await emu?.close();
    await db?.drop();
  });

  it('destroys the socket without an answer', async () => {
    await expect(
      fetch(`${emu.url}/2/users/me`, { headers: { Authorization: `Bearer ${emu.apiToken}` } }),
    ).rejects.toThrow();
    const ok = await fetch(`${emu.url}/v2/users`, {
      headers: { Authorization: `Bearer ${emu.apiToken}` },
    });
    expect(ok.status).toBe(200);
  });
});
