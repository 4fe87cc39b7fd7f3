import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator, type EmulatorApp } from '../src/index.js';
import { createDb, type TestDb, testOptions } from './emulator-fixtures.js';

/*
 * App tokens and user tokens on X: which endpoints answer, which limits
 * count, and the `x-access-level` header every X answer carries.
 */
describe('X app and user tokens', () => {
  let db: TestDb;
  let app: EmulatorApp;
  // Mid-second and mid-window, so a test's requests do not straddle a boundary.
  let clock = Math.floor(Date.now() / 900_000) * 900_000 + 60_500;
  let me = '';
  let userToken = '';
  let username = '';
  const admin = { authorization: 'Bearer test-admin-token' };
  const get = (url: string, token = 'test-api-token') =>
    app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    db = await createDb('sqlite');
    app = await buildEmulator(testOptions(db, { rateLimit: 'realistic', now: () => clock }));
    me = ((await get('/2/users/me')).json() as { data: { id: string } }).data.id;
    const created = await app.inject({
      method: 'POST',
      url: '/__admin/principals',
      headers: admin,
      payload: { name: 'me', xUserId: me },
    });
    expect(created.json()).toMatchObject({ xUserId: me, xAuth: 'user' });
    userToken = (created.json() as { token: string }).token;
    username = (
      await app.emulator.context.handle.db
        .selectFrom('x_users')
        .select('username')
        .where('username', 'not like', '________________%')
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).username;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** Every X path of the OpenAPI document, with its path parameters filled in. */
  async function xPaths(): Promise<string[]> {
    const doc = (await get('/openapi.json')).json() as { paths: Record<string, unknown> };
    return Object.keys(doc.paths)
      .filter((p) => p.startsWith('/2/'))
      .map((p) =>
        p
          .replaceAll('{id}', me)
          .replaceAll('{username}', username)
          .replace(/\{[^}]+\}/g, '1'),
      );
  }

  it('sends x-access-level on every X answer: read for the app token, read-write-directmessages for a user token', async () => {
    const paths = await xPaths();
    expect(paths.length).toBeGreaterThanOrEqual(11);
    for (const path of paths) {
      const appAnswer = await get(path);
      expect(appAnswer.headers['x-access-level'], path).toBe('read');
      const userAnswer = await get(path, userToken);
      expect(userAnswer.headers['x-access-level'], path).toBe('read-write-directmessages');
      // No valid token: no access level.
      expect((await get(path, 'nope')).headers['x-access-level'], path).toBeUndefined();
      clock += 1000; // full-archive search's one request per second
    }
    // Errors of a resolved token carry it too (a 400 here); Zoom answers never do.
    const bad = await get(`/2/users/${me}/tweets?max_results=0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['x-access-level']).toBe('read');
    expect((await get('/v2/users')).headers['x-access-level']).toBeUndefined();
  });

  it('counts each kind of token against its own limit', async () => {
    clock += 900_000;
    const limit = async (path: string, token?: string) =>
      (await get(path, token)).headers['x-rate-limit-limit'];
    expect(await limit(`/2/users/${me}/tweets`)).toBe('1500');
    expect(await limit(`/2/users/${me}/tweets`, userToken)).toBe('900');
    expect(await limit(`/2/users/by/username/${username}`)).toBe('300');
    expect(await limit(`/2/users/by/username/${username}`, userToken)).toBe('900');
    expect(await limit(`/2/users/${me}/timelines/reverse_chronological`, userToken)).toBe('180');
    expect(await limit('/2/tweets/search/all?query=api')).toBe('300');
  });

  it('full-archive search: one request per second, then 300 per 15 minutes', async () => {
    clock = Math.floor(clock / 900_000 + 1) * 900_000 + 100;
    const url = '/2/tweets/search/all?query=api';
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-rate-limit-remaining']).toBe('299');
    const second = await get(url);
    expect(second.statusCode).toBe(429);
    expect(second.headers['x-rate-limit-limit']).toBe('1');
    expect(second.headers['x-rate-limit-remaining']).toBe('0');
    const reset = Number(second.headers['x-rate-limit-reset']) * 1000;
    expect(reset).toBeGreaterThan(clock);
    expect(reset - clock).toBeLessThanOrEqual(1000);
    clock = reset;
    const third = await get(url);
    expect(third.statusCode).toBe(200);
    expect(third.headers['x-rate-limit-remaining']).toBe('298');
  });

  it('creates app and user principals through the admin API, and refuses other kinds', async () => {
    const post = (payload: object) =>
      app.inject({ method: 'POST', url: '/__admin/principals', headers: admin, payload });
    const otherApp = (await post({ name: 'app 2', xAuth: 'app' })).json() as {
      token: string;
      xAuth: string;
    };
    expect(otherApp.xAuth).toBe('app');
    clock += 1000;
    expect((await get('/2/tweets/search/all?query=api', otherApp.token)).statusCode).toBe(200);
    expect(
      (await get(`/2/users/${me}/timelines/reverse_chronological`, otherApp.token)).statusCode,
    ).toBe(403);
    const refused = await post({ name: 'x', xAuth: 'admin' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      error: 'xAuth must be "user" (an X user token, the default) or "app".',
    });
  });

  it('writes profile_image_url in X’s pattern, the same for a user everywhere and different per user', async () => {
    const pattern =
      /^https:\/\/pbs\.twimg\.com\/profile_images\/\d{18,19}\/[A-Za-z0-9]{8}_normal\.(jpg|png)$/;
    const users = (
      (await get(`/2/users?ids=${me}&user.fields=profile_image_url`)).json() as {
        data: { id: string; profile_image_url: string }[];
      }
    ).data;
    const mine = users[0]!.profile_image_url;
    expect(mine).toMatch(pattern);
    // Dropping `_normal` gives the full-size image: another URL.
    expect(mine.replace('_normal', '')).not.toBe(mine);
    const again = (
      (await get(`/2/users/me?user.fields=profile_image_url`, userToken)).json() as {
        data: { profile_image_url: string };
      }
    ).data.profile_image_url;
    expect(again).toBe(mine);
    const followers = (
      (await get(`/2/users/${me}/followers?user.fields=profile_image_url`)).json() as {
        data: { id: string; profile_image_url: string }[];
      }
    ).data;
    expect(followers.length).toBeGreaterThan(3);
    const urls = new Set(followers.map((f) => f.profile_image_url));
    expect(urls.size).toBe(followers.length);
    for (const url of urls) expect(url).toMatch(pattern);
    expect(urls.has(mine)).toBe(false);
  });
});
