import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xUsername } from '../src/data/generate-dataset.js';
import { FIRST_NAMES, WORDS } from '../src/data/vocabulary.js';
import { buildEmulator, type EmulatorApp } from '../src/index.js';
import { textEntities } from '../src/x/x-entities.js';
import { BACKENDS, createDb, type TestDb, testOptions } from './emulator-fixtures.js';

type Item = Record<string, unknown>;
interface Span {
  start: number;
  end: number;
}

/** The text an entity covers, counting code points as X does. */
const covered = (text: string, e: Span) => [...text].slice(e.start, e.end).join('');

describe('post and profile entities', () => {
  it('count code points, as a recorded X post does (takke/twitter4j-v2#20)', () => {
    const text = 'A shirt to be proud of. Let’s go @ManUtd 🙌🏼🔴 #mufc https://t.co/qQ6rbC5XtB';
    const entities = textEntities(text, (u) => (u === 'ManUtd' ? '558797310' : undefined));
    // The recorded response: mention 33–40 with its id, hashtag 45–50, url 51–74.
    expect(entities?.mentions).toEqual([
      { start: 33, end: 40, username: 'ManUtd', id: '558797310' },
    ]);
    expect(entities?.hashtags).toEqual([{ start: 45, end: 50, tag: 'mufc' }]);
    expect(entities?.urls?.map((u) => [u.start, u.end, u.url])).toEqual([
      [51, 74, 'https://t.co/qQ6rbC5XtB'],
    ]);
    // UTF-16 would put the hashtag three places later.
    expect(text.indexOf('#mufc')).toBe(48);
  });

  it('find cashtags, expand known t.co links, leave unknown mentions without id', () => {
    const text = 'RT @someone: buy $AAPL 🚀 now #news https://t.co/k3Vq9XzL2m @gone_for_good';
    const e = textEntities(text, (u) => (u === 'someone' ? '42' : undefined));
    expect(e?.cashtags).toEqual([{ start: 17, end: 22, tag: 'AAPL' }]);
    expect(e?.mentions?.map((m) => m.id)).toEqual(['42', undefined]);
    expect(e?.urls?.[0]).toMatchObject({
      expanded_url: 'https://developer.x.com/en/docs/x-api',
      display_url: 'developer.x.com/en/docs/x-api',
    });
    for (const list of [e?.cashtags, e?.hashtags, e?.mentions, e?.urls]) {
      for (const entity of list ?? []) expect(covered(text, entity).length).toBeGreaterThan(1);
    }
    expect(textEntities('no entities here')).toBeUndefined();
  });
});

describe('generated usernames', () => {
  it('match ^[A-Za-z0-9_]{1,15}$ and stay unique, even for the longest names and indexes', () => {
    const longest = (list: readonly string[]) =>
      [...list].sort((a, b) => b.length - a.length)[0] as string;
    for (const index of [0, 9, 10, 999, 1000, 99_999, 999_999]) {
      for (const first of [longest(FIRST_NAMES), 'Ada']) {
        for (const word of [longest(WORDS), 'api']) {
          const name = xUsername(first, word, index);
          expect(name).toMatch(/^[A-Za-z0-9_]{1,15}$/);
          expect(name.endsWith(String(index))).toBe(true);
        }
      }
    }
    const names = Array.from({ length: 20_000 }, (_, i) => xUsername('Katherine', 'typescript', i));
    expect(new Set(names).size).toBe(names.length);
  });
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(
    `X user metrics and mentions from the data (${backend.name})`,
    () => {
      let db: TestDb;
      let app: EmulatorApp;
      const auth = { authorization: 'Bearer test-api-token' };
      const get = async (url: string) => {
        const res = await app.inject({ url, headers: auth });
        expect(res.statusCode, url).toBe(200);
        return res.json() as {
          data?: Item[] | Item;
          includes?: Record<string, Item[]>;
          meta?: Item;
        };
      };
      const kdb = () => app.emulator.context.handle.db;

      /** Every user's counts and latest post, as the tables hold them now. */
      async function expectedMetrics(): Promise<Map<string, Item>> {
        const rows = await kdb()
          .selectFrom('x_users as u')
          .select([
            'u.id',
            sql<number>`(select count(*) from x_follows f where f.followee_id = u.id)`.as(
              'followers',
            ),
            sql<number>`(select count(*) from x_follows f where f.follower_id = u.id)`.as(
              'following',
            ),
            sql<number>`(select count(*) from x_tweets t where t.author_id = u.id)`.as('tweets'),
            sql<number>`(select count(*) from x_likes l where l.user_id = u.id)`.as('likes'),
            sql<
              string | null
            >`(select t.id from x_tweets t where t.author_id = u.id order by t.created_at desc, t.id desc limit 1)`.as(
              'latest',
            ),
          ])
          .execute();
        return new Map(
          rows.map((r) => [
            String(r.id),
            {
              followers_count: Number(r.followers),
              following_count: Number(r.following),
              tweet_count: Number(r.tweets),
              like_count: Number(r.likes),
              latest: r.latest === null ? undefined : String(r.latest),
            },
          ]),
        );
      }

      /** Compares every user's public_metrics and most_recent_tweet_id (through the API) with the tables. */
      async function expectMetricsMatch(): Promise<void> {
        const expected = await expectedMetrics();
        expect(expected.size).toBeGreaterThan(10);
        for (const [id, want] of expected) {
          const { data } = await get(
            `/2/users/${id}?user.fields=public_metrics,most_recent_tweet_id`,
          );
          const user = data as Item;
          expect(user['public_metrics'], id).toMatchObject({
            followers_count: want['followers_count'],
            following_count: want['following_count'],
            tweet_count: want['tweet_count'],
            like_count: want['like_count'],
          });
          expect(user['most_recent_tweet_id'], id).toBe(want['latest']);
        }
      }

      beforeAll(async () => {
        db = await createDb(backend.name);
        app = await buildEmulator(testOptions(db));
      });
      afterAll(async () => {
        await app?.close();
        await db?.drop();
      });

      it('counts followers, follows and posts as the lists hold them, and follows the latest post', async () => {
        await expectMetricsMatch();
        // followers_count is the length of the followers list, walked through the API.
        const owner = (await get('/2/users/me?user.fields=public_metrics')).data as Item;
        let walked = 0;
        let token: unknown;
        do {
          const page = await get(
            `/2/users/${String(owner['id'])}/followers?max_results=7${token ? `&pagination_token=${String(token)}` : ''}`,
          );
          walked += Array.isArray(page.data) ? page.data.length : 0;
          token = page.meta?.['next_token'];
        } while (token);
        expect(walked).toBe((owner['public_metrics'] as Item)['followers_count']);
      });

      it('keeps the counts exact while the churn writer inserts and deletes posts, follows and likes', async () => {
        const churn = app.emulator.context.churn;
        await churn.runOnce({ insert: 60 });
        await churn.runOnce({ delete: 25 });
        expect(churn.stats.x_tweets.inserted + churn.stats.x_follows.inserted).toBeGreaterThan(0);
        expect(churn.stats.x_likes.inserted).toBeGreaterThan(0);
        expect(churn.stats.x_tweets.deleted + churn.stats.x_follows.deleted).toBeGreaterThan(0);
        await expectMetricsMatch();
      });

      it('puts every mentioned user that exists into includes.users, with entity offsets in code points', async () => {
        const top = await kdb()
          .selectFrom('x_tweets')
          .select(['author_id', sql<number>`count(*)`.as('n')])
          .groupBy('author_id')
          .orderBy(sql`count(*)`, 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        const page = await get(
          `/2/users/${String(top.author_id)}/tweets?max_results=100&expansions=entities.mentions.username`,
        );
        const posts = page.data as Item[];
        const mentioned = new Set<string>();
        for (const post of posts) {
          const text = String(post['text']);
          const entities = (post['entities'] ?? {}) as Record<string, (Span & Item)[]>;
          for (const m of entities['mentions'] ?? []) {
            mentioned.add(String(m['username']));
            expect(covered(text, m)).toBe(`@${String(m['username'])}`);
          }
          for (const h of entities['hashtags'] ?? [])
            expect(covered(text, h)).toBe(`#${String(h['tag'])}`);
          for (const c of entities['cashtags'] ?? [])
            expect(covered(text, c)).toBe(`$${String(c['tag'])}`);
          for (const u of entities['urls'] ?? []) expect(covered(text, u)).toBe(u['url']);
        }
        expect(mentioned.size).toBeGreaterThan(3);
        const existing = await kdb()
          .selectFrom('x_users')
          .select('username')
          .where('username', 'in', [...mentioned])
          .execute();
        const included = new Set(
          (page.includes?.['users'] ?? []).map((u) => String(u['username'])),
        );
        expect(existing.length).toBeGreaterThan(0);
        expect(existing.length).toBeLessThan(mentioned.size);
        expect([...included].sort()).toEqual(existing.map((u) => u.username).sort());
      });
    },
  );
}
