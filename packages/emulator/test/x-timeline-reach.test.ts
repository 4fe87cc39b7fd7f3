import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator, type EmulatorApp } from '../src/index.js';
import { TEST_TOKEN_KEYS } from './emulator-fixtures.js';

describe('X timeline reach', () => {
  let app: EmulatorApp;
  let author = 0n;
  let total = 0;

  beforeAll(async () => {
    app = await buildEmulator({
      database: ':memory:',
      logger: false,
      print: () => {},
      sizes: { zoomUsers: 2, zoomMeetings: 2, xUsers: 3, xTweets: 8000, xFollows: 2 },
      apiToken: 'test-api-token',
      tokenKeys: TEST_TOKEN_KEYS,
      rateLimit: 'off',
      env: {},
    });
    const top = await app.emulator.context.handle.db
      .selectFrom('x_tweets')
      .select(['author_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('author_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    author = BigInt(top.author_id);
    total = Number(top.n);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function walk(extra: string, path = `/2/users/${author}/tweets`): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const res = await app.inject({
        url: `${path}?max_results=100${extra}${token ? `&pagination_token=${token}` : ''}`,
        headers: { authorization: 'Bearer test-api-token' },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { data?: { id: string }[]; meta: { next_token?: string } };
      ids.push(...(body.data ?? []).map((t) => t.id));
      token = body.meta.next_token;
    } while (token);
    return ids;
  }

  it('serves only the newest 3,200 posts, and 800 with exclude=replies', async () => {
    expect(total).toBeGreaterThan(3200);
    const db = app.emulator.context.handle.db;
    const newest = (
      await db
        .selectFrom('x_tweets')
        .select('id')
        .where('author_id', '=', author)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(3200)
        .execute()
    ).map((r) => String(r.id));
    expect(await walk('')).toEqual(newest);
    const noReplies = (
      await db
        .selectFrom('x_tweets')
        .select('id')
        .where('author_id', '=', author)
        .where('kind', '!=', 1)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(800)
        .execute()
    ).map((r) => String(r.id));
    expect(await walk('&exclude=replies')).toEqual(noReplies);
  });

  it('moves the cut as soon as the author posts, and back when the post is deleted', async () => {
    const db = app.emulator.context.handle.db;
    const newest = async () =>
      (
        await db
          .selectFrom('x_tweets')
          .select('id')
          .where('author_id', '=', author)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(3200)
          .execute()
      ).map((r) => String(r.id));
    // Warm the cut, then post: the newest post pushes the 3,200th out of reach.
    expect(await walk('')).toEqual(await newest());
    const latest = await db
      .selectFrom('x_tweets')
      .selectAll()
      .where('author_id', '=', author)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const posted = {
      ...latest,
      id: BigInt(latest.id) + 1n,
      created_at: Number(latest.created_at) + 1,
    };
    await db.insertInto('x_tweets').values(posted).execute();
    expect(await walk('')).toEqual(await newest());
    // Deleted again: the post that went out of reach comes back.
    await db.deleteFrom('x_tweets').where('id', '=', posted.id).execute();
    expect(await walk('')).toEqual(await newest());
  });

  it('serves only the 800 most recent mentions of a user', async () => {
    const db = app.emulator.context.handle.db;
    const top = await db
      .selectFrom('x_mentions')
      .select(['user_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('user_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(Number(top.n)).toBeGreaterThan(800);
    const newest = (
      await db
        .selectFrom('x_mentions')
        .select('tweet_id')
        .where('user_id', '=', top.user_id)
        .orderBy('created_at', 'desc')
        .orderBy('tweet_id', 'desc')
        .limit(800)
        .execute()
    ).map((r) => String(r.tweet_id));
    expect(await walk('', `/2/users/${top.user_id}/mentions`)).toEqual(newest);
  });
});
