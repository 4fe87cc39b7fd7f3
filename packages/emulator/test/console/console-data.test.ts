import type { FastifyReply, FastifyRequest } from 'fastify';
import { xEndpoints, xRateLimitRules } from 'pagewise/styles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenView } from '../../src/console/token-view.js';
import { TrafficRecorder } from '../../src/console/traffic-recorder.js';
import { trafficRow } from '../../src/console/traffic-row.js';
import type { WalkStepResult } from '../../src/console/walk-step.js';
import { ApiRateLimiter } from '../../src/http/api-rate-limiter.js';
import { buildEmulator, type EmulatorApp } from '../../src/index.js';
import { createDb, type TestDb, testOptions } from '../emulator-fixtures.js';

const admin = { authorization: 'Bearer test-admin-token' };

/** What the recorder reads of a request and its reply. */
function exchange(url: string, status: number, route = '/x') {
  const request = { url, method: 'GET', routeOptions: { url: route } } as unknown as FastifyRequest;
  const reply = { statusCode: status, elapsedTime: 1.25 } as unknown as FastifyReply;
  return { request, reply };
}

describe('traffic recorder', () => {
  it('keeps the last `capacity` requests and hands them out in order, at most `max`', () => {
    const recorder = new TrafficRecorder({ capacity: 5, now: () => 1_000_000 });
    for (let i = 1; i <= 12; i++) {
      const { request, reply } = exchange(`/v2/users?page_size=${i}`, 200);
      recorder.onResponse(request, reply, () => {});
    }
    expect(recorder.lastSeq).toBe(12);
    expect(recorder.since(0, 100).map((r) => r.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(recorder.since(10, 100).map((r) => r.seq)).toEqual([11, 12]);
    expect(recorder.since(0, 2).map((r) => r.seq)).toEqual([11, 12]);
    const { request, reply } = exchange('/__admin/faults', 200);
    recorder.onResponse(request, reply, () => {});
    expect(recorder.lastSeq).toBe(12); // admin requests are not recorded
  });

  it('counts requests per route and second over the last minute', () => {
    let now = 1_700_000_000_000;
    const recorder = new TrafficRecorder({ rateSeconds: 10, now: () => now });
    const hit = (route: string) => {
      const { request, reply } = exchange(route, 200, route);
      recorder.onResponse(request, reply, () => {});
    };
    hit('/a');
    hit('/a');
    hit('/b');
    now += 3000;
    hit('/a');
    let rates = recorder.rates();
    expect(rates.endSecond).toBe(now / 1000);
    expect(rates.series['GET /a']).toEqual([0, 0, 0, 0, 0, 0, 2, 0, 0, 1]);
    expect(rates.series['GET /b']).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    now += 8000; // the first second leaves the window
    rates = recorder.rates();
    expect(rates.series['GET /a']).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rates.series['GET /b']).toBeUndefined();
  });

  it('shows page tokens cut to their clear header, and reads page size and token presence', () => {
    const token = `AQJrMQ${'x'.repeat(90)}`;
    const row = trafficRow({
      seq: 1,
      at: 0,
      method: 'GET',
      url: `/2/users/1/tweets?max_results=25&pagination_token=${token}&x=1`,
      route: 'GET /2/users/:id/tweets',
      principal: 'owner',
      status: 200,
      ms: 1,
      fault: null,
    });
    expect(row.path).toBe('/2/users/1/tweets?max_results=25&pagination_token=AQJrMQ…(96)&x=1');
    expect(row).toMatchObject({ pageSize: 25, tokenSent: true });
    const first = trafficRow({ ...row, url: '/v2/users?page_size=300&next_page_token=' } as never);
    expect(first).toMatchObject({ pageSize: 300, tokenSent: false });
  });
});

describe('rate-limit snapshot', () => {
  it('remembers the last 429 of each principal and rule, and at most 500 entries', async () => {
    let now = 1_700_000_000_000;
    const limiter = new ApiRateLimiter('scaled', 60, () => now);
    const rules = xRateLimitRules(xEndpoints.followers, 'app');
    for (let i = 0; i < 16; i++) await limiter.check('owner', rules);
    const refused = limiter.snapshot().entries.find((e) => e.bucket === 'x:followers');
    expect(refused).toMatchObject({ scope: 'owner', limited: true, limitedAt: now, used: 15 });
    now += 15_000; // next window
    await limiter.check('owner', rules);
    const after = limiter.snapshot().entries.find((e) => e.bucket === 'x:followers');
    expect(after).toMatchObject({ limited: false, used: 1, limitedAt: now - 15_000 });
    for (let i = 0; i < 600; i++) await limiter.check(`p${i}`, rules);
    const { entries } = limiter.snapshot();
    expect(entries).toHaveLength(500);
    expect(entries.at(-1)?.scope).toBe('p599');
  });
});

describe('walk and inspect endpoints', () => {
  let app: EmulatorApp;
  let db: TestDb;
  let clock = Date.UTC(2026, 0, 15, 12);

  beforeAll(async () => {
    db = await createDb('sqlite');
    app = await buildEmulator(testOptions(db, { now: () => clock, anchor: '2026-01-15' }));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const walk = async (body: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: '/__admin/console/walk',
      headers: admin,
      payload: body,
    });
    return { status: res.statusCode, body: res.json() as WalkStepResult };
  };
  const catalog = async () =>
    (await app.inject({ url: '/__admin/console/walk-catalog', headers: admin })).json() as {
      endpoints: { id: string; params: { name: string; value: string }[] }[];
    };
  const defaults = async (id: string) =>
    Object.fromEntries(
      (await catalog()).endpoints.find((e) => e.id === id)!.params.map((p) => [p.name, p.value]),
    );

  it('walks every list of the catalog, each next cursor matching its last row in the database', async () => {
    const { endpoints } = await catalog();
    expect(endpoints.map((e) => e.id)).toEqual([
      'x.user_tweets',
      'x.search_recent',
      'x.followers',
      'x.following',
      'zoom.users',
      'zoom.user_meetings',
    ]);
    // Small pages, so the small test dataset has at least three of each list.
    const small: Record<string, Record<string, string>> = {
      'x.user_tweets': { max_results: '5' },
      'x.followers': { max_results: '2' },
      'x.following': { max_results: '2' },
      'zoom.users': { page_size: '2' },
      'zoom.user_meetings': { page_size: '2' },
    };
    for (const e of endpoints) {
      const params = { ...(await defaults(e.id)), ...small[e.id] };
      let token: string | undefined;
      for (let page = 1; page <= 2; page++) {
        const { status, body } = await walk({
          endpoint: e.id,
          params,
          ...(token ? { token } : {}),
        });
        expect(status, e.id).toBe(200);
        expect(body.status, `${e.id} page ${page}: ${JSON.stringify(body.body)}`).toBe(200);
        expect(body.nextToken, e.id).toEqual(expect.any(String));
        expect(body.cursorCheck, e.id).toMatchObject({ matches: true });
        expect(body.next, e.id).toMatchObject({ scope: 'match', query: 'match', refusal: null });
        if (page === 2) expect(body.sent, e.id).toMatchObject({ query: 'match' });
        token = body.nextToken ?? undefined;
      }
    }
  });

  it('shows that a token is not bound to a changed query, and that the API refuses it', async () => {
    const params = await defaults('x.user_tweets');
    const first = await walk({ endpoint: 'x.user_tweets', params });
    const changed = await walk({
      endpoint: 'x.user_tweets',
      params: { ...params, exclude: 'replies' },
      token: first.body.nextToken,
    });
    expect(changed.body.status).toBe(400);
    expect(changed.body.sent).toMatchObject({
      scope: 'match',
      query: 'mismatch',
      refusal: 'wrong_query',
    });
  });

  it('inspects tokens: another principal’s, a tampered one, an expired one', async () => {
    const params = await defaults('zoom.users');
    const ours = (await walk({ endpoint: 'zoom.users', params })).body.nextToken ?? '';
    const bob = (
      await app.inject({
        method: 'POST',
        url: '/__admin/principals',
        headers: admin,
        payload: { name: 'bob' },
      })
    ).json() as { token: string };
    const page = await app.inject({
      url: '/v2/users?page_size=5',
      headers: { authorization: `Bearer ${bob.token}` },
    });
    const theirs = (page.json() as { next_page_token: string }).next_page_token;
    const inspect = async (token: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/__admin/console/inspect',
          headers: admin,
          payload: { token, endpoint: 'zoom.users' },
        })
      ).json() as TokenView & { refused?: unknown };
    expect(await inspect(ours)).toMatchObject({ scope: 'match', boundPrincipal: 'owner' });
    const foreign = await inspect(theirs);
    expect(foreign).toMatchObject({
      scope: 'mismatch',
      boundPrincipal: null,
      refusal: 'wrong_scope',
    });
    expect(foreign.keys[0]).toMatchObject({ name: 'seq', type: 'number' });
    const bytes = Buffer.from(ours, 'base64url');
    bytes[bytes.length - 3]! ^= 0x10;
    expect(await inspect(bytes.toString('base64url'))).toEqual({
      refused: { code: 'tampered', message: expect.stringContaining('integrity') },
    });
    clock += 16 * 60_000; // past 15 minutes plus the 30 s skew
    const late = await inspect(ours);
    expect(late).toMatchObject({ expired: true, refusal: 'expired' });
    expect(late.expiresInSeconds).toBeLessThan(0);
    const retried = await walk({ endpoint: 'zoom.users', params, token: ours });
    expect(retried.body.status).toBe(400);
  });

  it('refuses an unknown list or parameters that are not text with a 400', async () => {
    expect((await walk({ endpoint: 'nope' })).status).toBe(400);
    expect((await walk({ endpoint: 'zoom.users', params: { page_size: 5 } })).status).toBe(400);
    const res = await app.inject({
      method: 'POST',
      url: '/__admin/console/inspect',
      headers: admin,
      payload: {},
    });
    expect(res.statusCode).toBe(400);
  });
});
