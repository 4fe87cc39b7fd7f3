import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEmulator,
  type EmulatorApp,
  type RunningEmulator,
  startEmulator,
} from '../src/index.js';
import { createDb, type TestDb, testOptions } from './emulator-fixtures.js';

const TOO_MANY = {
  title: 'Too Many Requests',
  type: 'about:blank',
  status: 429,
  detail: 'Too Many Requests',
};

describe('rate limits (scaled mode, fake clock)', () => {
  let app: EmulatorApp;
  let db: TestDb;
  // Start mid-window so the first requests do not straddle a boundary.
  let clock = Math.floor(Date.now() / 60_000) * 60_000 + 100;
  let me = '';
  let other = '';
  const get = (url: string, token = 'test-api-token') =>
    app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    db = await createDb('sqlite');
    // Scale 900: X's 15 minutes become 1 s; Zoom's per-second windows stay 1 s.
    app = await buildEmulator({
      ...testOptions(db, { rateLimit: 'scaled', rateLimitScale: 900, now: () => clock }),
    });
    me = ((await get('/2/users/me')).json() as { data: { id: string } }).data.id;
    const p = await app.inject({
      method: 'POST',
      url: '/__admin/principals',
      headers: { authorization: 'Bearer test-admin-token' },
      payload: {},
    });
    other = (p.json() as { token: string }).token;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('X: x-rate-limit headers count down, 429 at the limit, lifted at the reset', async () => {
    const url = `/2/users/${me}/followers?max_results=5`;
    const resets = new Set<string>();
    for (let i = 1; i <= 15; i++) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-rate-limit-limit']).toBe('15');
      expect(res.headers['x-rate-limit-remaining']).toBe(String(15 - i));
      resets.add(String(res.headers['x-rate-limit-reset']));
    }
    expect(resets.size).toBe(1);
    const limited = await get(url);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual(TOO_MANY);
    expect(limited.headers['x-rate-limit-remaining']).toBe('0');
    expect(limited.headers['retry-after']).toBeUndefined();
    // Another principal has its own window.
    expect((await get(url, other)).statusCode).toBe(200);
    // The reset header says when: at that second the window is fresh.
    const reset = Number([...resets][0]) * 1000;
    expect(reset).toBeGreaterThan(clock);
    clock = reset;
    const after = await get(url);
    expect(after.statusCode).toBe(200);
    expect(after.headers['x-rate-limit-remaining']).toBe('14');
  });

  it('Zoom: per-second category limit with X-RateLimit headers and the QPS 429 body', async () => {
    clock = Math.ceil(clock / 1000) * 1000 + 10;
    for (let i = 1; i <= 20; i++) {
      const res = await get('/v2/users?page_size=1');
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-category']).toBe('Medium');
      expect(res.headers['x-ratelimit-type']).toBe('QPS');
      expect(res.headers['x-ratelimit-limit']).toBe('20');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(20 - i));
    }
    const limited = await get('/v2/users?page_size=1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    });
    clock += 1000;
    expect((await get('/v2/users?page_size=1')).statusCode).toBe(200);
    // Heavy endpoints report the daily cap they share with Resource-intensive ones.
    const report = await get('/v2/report/users/me/meetings?from=2026-01-01&to=2026-01-31');
    expect(report.statusCode).toBe(200);
    expect(report.headers['x-ratelimit-type']).toBe('Daily-limit');
    expect(report.headers['x-ratelimit-limit']).toBe('30000');
  });

  it('invalid and unauthenticated requests: 401 is not counted, a 400 is', async () => {
    clock = Math.ceil(clock / 1000) * 1000 + 10;
    const unauth = await app.inject({ url: '/v2/users' });
    expect(unauth.statusCode).toBe(401);
    expect(unauth.headers['x-ratelimit-limit']).toBeUndefined();
    const bad = await get('/v2/users?page_size=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['x-ratelimit-remaining']).toBe('19');
  });
});

describe('rate limits under concurrency over a real socket', () => {
  let emu: RunningEmulator;
  let db: TestDb;
  const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 100;

  beforeAll(async () => {
    db = await createDb('sqlite');
    emu = await startEmulator(testOptions(db, { rateLimit: 'realistic', now: () => frozen }));
  });
  afterAll(async () => {
    await emu?.close();
    await db?.drop();
  });

  it('40 parallel clients on a 15-request window get exactly 15 answers', async () => {
    const me = (
      (await (
        await fetch(`${emu.url}/2/users/me`, {
          headers: { Authorization: `Bearer ${emu.apiToken}` },
        })
      ).json()) as { data: { id: string } }
    ).data.id;
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${emu.url}/2/users/${me}/following?max_results=1`, {
          headers: { Authorization: `Bearer ${emu.apiToken}` },
        }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    expect(statuses.filter((s) => s === 200).length).toBe(15);
    expect(statuses.filter((s) => s === 429).length).toBe(25);
  });
});
