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
