import { describe, expect, it } from 'vitest';
import { hasPg } from '../../../test/helpers/pg.js';
import { normalizeDatasetSizes } from '../src/data/dataset-sizes.js';
import { generateDataset } from '../src/data/generate-dataset.js';
import { snowflake, snowflakeTime } from '../src/data/ids.js';
import { openDatabase } from '../src/data/open-database.js';
import { seedDatabase } from '../src/data/seed-database.js';
import { normalizeEmulatorOptions } from '../src/index.js';
import { createDb } from './emulator-fixtures.js';

const spec = (seed: string, sizes = {}) => ({
  seed,
  sizes: normalizeDatasetSizes({
    zoomUsers: 10,
    zoomMeetings: 50,
    xUsers: 8,
    xTweets: 300,
    xFollows: 40,
    ...sizes,
  }),
  anchorMs: Date.UTC(2026, 0, 15),
});

const firstRows = (seed: string) => {
  const d = generateDataset(spec(seed));
  return {
    zoom: [...d.zoomUsers()].slice(0, 3),
    meetings: [...d.zoomMeetings()].slice(0, 3),
    tweets: [...d.xTweets()].slice(0, 3),
    follows: [...d.xFollows()].slice(0, 3),
  };
};

describe('the generated dataset', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(firstRows('a')).toEqual(firstRows('a'));
    expect(firstRows('a')).not.toEqual(firstRows('b'));
  });

  it('has the fields of WIRE.md and consistent ids', () => {
    const d = generateDataset(spec('fields'));
    const tweets = [...d.xTweets()];
    expect(new Set(tweets.map((t) => t.id)).size).toBe(tweets.length);
    for (const t of tweets) expect(snowflakeTime(BigInt(t.id))).toBe(t.created_at);
    expect(BigInt(tweets[0]!.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    const follows = [...d.xFollows()];
    expect(follows).toHaveLength(40);
    expect(new Set(follows.map((f) => `${f.follower_id}>${f.followee_id}`)).size).toBe(40);
    expect(follows.every((f) => f.follower_id !== f.followee_id)).toBe(true);
    const meetings = [...d.zoomMeetings()];
    for (const { meeting, participants } of meetings) {
      expect(meeting.participants_count).toBe(participants.length);
      expect(meeting.uuid).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      for (const p of participants)
        expect(Number(p.join_time)).toBeLessThanOrEqual(Number(p.leave_time));
    }
    expect(snowflake(Date.UTC(2022, 0, 1), 5) > snowflake(Date.UTC(2021, 0, 1), 9)).toBe(true);
  });

  it('caps follows at users × (users − 1) and rejects bad sizes', () => {
    expect(normalizeDatasetSizes({ xUsers: 3, xFollows: 100 }).xFollows).toBe(6);
    expect(() => normalizeDatasetSizes({ xTweets: -1 })).toThrow(RangeError);
    expect(() => normalizeDatasetSizes({ zoomUsers: 0 })).toThrow(RangeError);
    expect(() => normalizeDatasetSizes({ bogus: 1 } as never)).toThrow(/Unknown dataset size/);
  });

  it('is seeded once, reused when seed and sizes match, reseeded when they change', async () => {
    const db = await createDb('sqlite');
    const handle = await openDatabase({ kind: 'sqlite', path: db.url });
    try {
      const first = await seedDatabase(handle, spec('s'));
      expect(first.reused).toBe(false);
      expect(first.rows['x_tweets']).toBe(300);
      expect((await seedDatabase(handle, spec('s'))).reused).toBe(true);
      // Secondary indexes are dropped for the load and rebuilt after it.
      const names = (
        handle.sqlite!.prepare("select name from sqlite_master where type = 'index'").all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'x_tweets_author_time',
          'x_tweets_time',
          'x_follows_followee_time',
          'zoom_meetings_start',
        ]),
      );
      const changed = await seedDatabase(handle, spec('s', { xTweets: 120 }));
      expect(changed.reused).toBe(false);
      const count = await handle.db
        .selectFrom('x_tweets')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(120);
    } finally {
      await handle.close();
      await db.drop();
    }
  });
});

describe('emulator options', () => {
  it('resolve from options, then environment, then defaults', () => {
    const o = normalizeEmulatorOptions({ env: {} });
    expect(o.host).toBe('127.0.0.1');
    expect(o.port).toBe(3000);
    expect(o.database.kind).toBe('sqlite');
    expect(o.rateLimit).toBe('realistic');
    expect(o.apiTokenGenerated).toBe(true);
    const e = normalizeEmulatorOptions({
      env: {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://u@h/db',
        PAGEWISE_API_TOKEN: 'abc',
        PAGEWISE_RATE_LIMIT: 'off',
      },
    });
    expect([e.port, e.host, e.database.kind, e.apiToken, e.apiTokenGenerated, e.rateLimit]).toEqual(
      [8080, '0.0.0.0', 'postgres', 'abc', false, 'off'],
    );
    expect(normalizeEmulatorOptions({ env: { PORT: '8080' }, port: 9 }).port).toBe(9);
    expect(() => normalizeEmulatorOptions({ bogus: 1 } as never)).toThrow(
      /Unknown emulator option/,
    );
    expect(() => normalizeEmulatorOptions({ port: 70000 })).toThrow(RangeError);
    expect(() => normalizeEmulatorOptions({ rateLimit: 'fast' as never })).toThrow(RangeError);
  });

  it.skipIf(!hasPg)(
    'on PostgreSQL, leaves the loaded tables vacuumed: every page all-visible, so index-only scans skip the heap',
    async () => {
      const db = await createDb('postgres');
      const handle = await openDatabase({ kind: 'postgres', url: db.url });
      try {
        expect((await seedDatabase(handle, spec('vm', { xTweets: 5000 }))).reused).toBe(false);
        const { rows } = await handle.pool!.query<{
          relname: string;
          relpages: number;
          relallvisible: number;
        }>(
          "select relname, relpages, relallvisible from pg_class where relname in ('x_tweets', 'x_follows', 'zoom_meetings') order by relname",
        );
        expect(rows.map((r) => r.relname)).toEqual(['x_follows', 'x_tweets', 'zoom_meetings']);
        for (const r of rows) {
          expect(r.relpages, r.relname).toBeGreaterThan(0);
          expect(r.relallvisible, r.relname).toBe(r.relpages);
        }
      } finally {
        await handle.close();
        await db.drop();
      }
    },
  );
});

describe('likes, quotes and mentions of the generated dataset', () => {
  const sizes = { xUsers: 40, xTweets: 3000, xFollows: 10, xLikes: 4000, xQuotes: 200 };
  const data = generateDataset(spec('engagement', sizes));
  const posts = [...data.xTweets()];
  const likes = [...data.xLikes()];
  const byId = new Map(posts.map((p, i) => [String(p.id), { p, i }]));

  it('counts each post by its rows: likes, retweets, quotes, replies', () => {
    const count = (pick: (p: (typeof posts)[0]) => string | undefined) => {
      const m = new Map<string, number>();
      for (const p of posts) {
        const k = pick(p);
        if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
      }
      return m;
    };
    const ref = (kind: number) => (p: (typeof posts)[0]) =>
      Number(p.kind) === kind ? String(p.referenced_tweet_id) : undefined;
    const likeCounts = new Map<string, number>();
    for (const l of likes)
      likeCounts.set(String(l.tweet_id), (likeCounts.get(String(l.tweet_id)) ?? 0) + 1);
    const [replies, retweets, quotes] = [count(ref(1)), count(ref(2)), count(ref(3))];
    for (const p of posts) {
      const id = String(p.id);
      expect(Number(p.like_count)).toBe(likeCounts.get(id) ?? 0);
      expect(Number(p.reply_count)).toBe(replies.get(id) ?? 0);
      expect(Number(p.retweet_count)).toBe(retweets.get(id) ?? 0);
      expect(Number(p.quote_count)).toBe(quotes.get(id) ?? 0);
    }
    expect(likes.length).toBeGreaterThan(3000);
    expect(quotes.size).toBeGreaterThan(0);
    expect(Math.max(...quotes.values())).toBeGreaterThan(10);
  });

  it('points every reply, retweet and quote at an older post that is not a retweet, likes once per user', () => {
    for (const p of posts) {
      if (p.referenced_tweet_id === null) continue;
      const target = byId.get(String(p.referenced_tweet_id));
      expect(target).toBeDefined();
      expect(Number(target?.p.kind)).not.toBe(2);
      expect(Number(target?.p.created_at)).toBeLessThanOrEqual(Number(p.created_at));
    }
    const pairs = new Set(likes.map((l) => `${l.user_id}>${l.tweet_id}`));
    expect(pairs.size).toBe(likes.length);
    for (const l of likes) {
      const post = byId.get(String(l.tweet_id))?.p;
      expect(Number(l.created_at)).toBeGreaterThanOrEqual(Number(post?.created_at));
    }
  });

  it('reads mentions from the texts: a reply names the author it answers', () => {
    const users = new Map([...data.xUsers()].map((u) => [String(u.id), u.username]));
    let mentions = 0;
    for (const p of posts) {
      const rows = data.xMentionsOf(p);
      mentions += rows.length;
      for (const m of rows) expect(p.text).toContain(`@${users.get(String(m.user_id))}`);
      if (Number(p.kind) === 1) {
        const target = byId.get(String(p.referenced_tweet_id))?.p;
        expect(String(p.in_reply_to_user_id)).toBe(String(target?.author_id));
        expect(rows.map((m) => String(m.user_id))).toContain(String(target?.author_id));
      }
    }
    expect(mentions).toBeGreaterThan(posts.length / 5);
  });
});
