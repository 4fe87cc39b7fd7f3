import { Agent } from 'node:http';
import { sql } from 'kysely';
import { ApiResponseError, TwitterApi, TwitterApiv2 } from 'twitter-api-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/index.js';
import { tokenizePostText } from '../../src/x/search-query.js';
import { BACKENDS, createDb, getJson, type TestDb, testOptions } from '../emulator-fixtures.js';
import { engagementLists } from '../x-engagement-lists.js';

/*
 * twitter-api-v2 (PLhery/node-twitter-api-v2), a real X client, walks every
 * X list of the emulator with its own paginators, `fetchLast` and
 * `for await`, meets a 401 and a 429 on the way (`ApiResponseError`), waits
 * for the `reset` it was given and resumes the same paginator. Each walk
 * must collect exactly the rows of the database, in order.
 */

const DAY = 86_400_000;
/** Scaled rate limits: X's 15-minute windows last one second, so a wait for `reset` is short. */
const SCALE = 900;

/**
 * The client's v2 API pointed at the emulator. twitter-api-v2 builds every
 * URL from its sub-client's prefix (`https://api.twitter.com/2/`);
 * `setPrefix` is protected and `cloneWithPrefix` calls a class constructor
 * without `new` (throws in 1.29), so a subclass sets it. Requests go
 * through `https.request`, which takes `http:` URLs when handed an
 * `http.Agent` (the client's `httpAgent` setting).
 */
class EmulatorTwitterApi extends TwitterApiv2 {
  constructor(token: string, prefix: string) {
    super(new TwitterApi(token, { httpAgent: new Agent({ keepAlive: false }) }));
    this.setPrefix(prefix);
  }
}

/** What the walks need of twitter-api-v2's paginators (tweet and user ones alike). */
interface Paginator extends Iterable<{ id: string }>, AsyncIterable<{ id: string }> {
  readonly done: boolean;
  readonly rateLimit: { reset?: number };
  fetchLast(count?: number): Promise<unknown>;
}

interface XListCase {
  readonly name: string;
  /** The emulator path the paginator requests (for the injected 401 and the quota burn). */
  readonly path: string;
  open(api: TwitterApiv2): Promise<Paginator>;
  expected(): Promise<string[]>;
}

async function sleepUntil(resetSeconds: number | undefined): Promise<void> {
  const ms = (resetSeconds ?? 0) * 1000 - Date.now();
  // Bounded: a reset further than 5 s away would be a bug of the scaled mode.
  if (ms > 0) await new Promise((r) => setTimeout(r, Math.min(ms + 20, 5000)));
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`twitter-api-v2 walks every X list (${backend.name})`, () => {
    let db: TestDb;
    let emu: RunningEmulator;
    /** The emulator's clock: frozen while a quota is burnt, so its window cannot roll meanwhile. */
    let frozen: number | undefined;
    let cases: XListCase[] = [];

    beforeAll(async () => {
      db = await createDb(backend.name);
      emu = await startEmulator(
        testOptions(db, {
          rateLimit: 'scaled',
          rateLimitScale: SCALE,
          now: () => frozen ?? Date.now(),
        }),
      );
      const kdb = emu.app.emulator.context.handle.db;
      const owner = (
        (await getJson(`${emu.url}/__admin/dataset`, emu.adminToken)).body['owner'] as {
          xUserId: string;
        }
      ).xUserId;
      const author = (
        await kdb
          .selectFrom('x_tweets')
          .select('author_id')
          .groupBy('author_id')
          .orderBy(sql`count(*)`, 'desc')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).author_id;
      const since = Date.now() - 6 * DAY;
      const startTime = new Date(since).toISOString().replace(/\.\d+Z$/, 'Z');
      const ids = (rows: { id: unknown }[]) => rows.map((r) => String(r.id));
      const follows =
        (mine: 'followee_id' | 'follower_id', theirs: 'follower_id' | 'followee_id') => async () =>
          ids(
            await kdb
              .selectFrom('x_follows')
              .select(`${theirs} as id`)
              .where(mine, '=', BigInt(owner))
              .orderBy('created_at', 'desc')
              .orderBy(theirs, 'desc')
              .execute(),
          );
      const [mentions, liked, liking, retweeted, quoted] = await engagementLists(kdb);
      const engagement = (list: typeof mentions) => ({
        path: list.path,
        expected: () => list.expected(kdb),
      });
      const idOf = (path: string) => path.split('/')[3] as string;
      cases = [
        {
          name: 'user tweets',
          path: `/2/users/${author}/tweets`,
          open: (api) => api.userTimeline(String(author), { max_results: 100 }),
          expected: async () =>
            ids(
              await kdb
                .selectFrom('x_tweets')
                .select('id')
                .where('author_id', '=', author)
                .orderBy('created_at', 'desc')
                .orderBy('id', 'desc')
                .limit(3200)
                .execute(),
            ),
        },
        {
          name: 'followers',
          path: `/2/users/${owner}/followers`,
          open: (api) => api.followers(owner, { asPaginator: true, max_results: 5 }),
          expected: follows('followee_id', 'follower_id'),
        },
        {
          name: 'following',
          path: `/2/users/${owner}/following`,
          open: (api) => api.following(owner, { asPaginator: true, max_results: 5 }),
          expected: follows('follower_id', 'followee_id'),
        },
        {
          name: 'recent search',
          path: '/2/tweets/search/recent',
          open: (api) => api.search('api', { max_results: 10, start_time: startTime }),
          expected: async () =>
            ids(
              (
                await kdb
                  .selectFrom('x_tweets')
                  .select(['id', 'text'])
                  .where('created_at', '>=', Math.ceil(since / 1000) * 1000)
                  .orderBy('created_at', 'desc')
                  .orderBy('id', 'desc')
                  .execute()
              ).filter((r) => tokenizePostText(r.text).includes('api')),
            ),
        },
        {
          name: 'mentions',
          ...engagement(mentions),
          open: (api) => api.userMentionTimeline(idOf(mentions.path), { max_results: 20 }),
        },
        {
          name: 'liked tweets',
          ...engagement(liked),
          open: (api) => api.userLikedTweets(idOf(liked.path), { max_results: 20 }),
        },
        {
          name: 'liking users',
          ...engagement(liking),
          open: (api) => api.tweetLikedBy(idOf(liking.path), { asPaginator: true, max_results: 5 }),
        },
        {
          name: 'retweeted by',
          ...engagement(retweeted),
          open: (api) =>
            api.tweetRetweetedBy(idOf(retweeted.path), { asPaginator: true, max_results: 5 }),
        },
        {
          name: 'quote tweets',
          ...engagement(quoted),
          open: (api) => api.quotes(idOf(quoted.path), { max_results: 10 }),
        },
      ];
    });
    afterAll(async () => {
      await emu?.close();
      await db?.drop();
    });

    const api = () => new EmulatorTwitterApi(emu.apiToken, `${emu.url}/2/`);

    async function setFaults(body: Record<string, unknown>): Promise<void> {
      const res = await fetch(`${emu.url}/__admin/faults`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${emu.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    }

    /**
     * Uses up the endpoint's quota for this principal with cheap refused
     * requests (a 400 counts, as on X), the emulator's clock frozen so the
     * window stays the same until the client's next request. User tweets
     * (1,500 a window) get one injected 429 instead.
     */
    async function burnQuota(path: string): Promise<void> {
      frozen = Date.now();
      if (path.endsWith('/tweets') && path.startsWith('/2/users/')) {
        // 1,500 requests per window: the fault injector's 429 burst (the same
        // 429, remaining 0, reset at the next second) keeps the test short.
        await setFaults({ rateLimitBurst: 1, pathPrefix: path });
        return;
      }
      const refused = async (): Promise<number> => {
        const res = await fetch(`${emu.url}${path}?max_results=0`, {
          headers: { Authorization: `Bearer ${emu.apiToken}` },
        });
        await res.arrayBuffer();
        return res.status === 429 ? 0 : Number(res.headers.get('x-rate-limit-remaining'));
      };
      let remaining = await refused();
      // Up to 1,500 requests (user tweets): sent 100 at a time.
      for (let round = 0; remaining > 0 && round < 100; round++) {
        const batch = Math.min(100, remaining);
        const left = await Promise.all(Array.from({ length: batch }, refused));
        remaining = Math.min(...left);
      }
      expect(remaining, `the quota of ${path} ran out`).toBe(0);
    }

    /** One step of the paginator that must request the next page (and fail here). */
    async function step(p: Paginator, mode: 'fetchLast' | 'for await'): Promise<unknown> {
      try {
        if (mode === 'fetchLast') await p.fetchLast();
        else for await (const _ of p);
      } catch (err) {
        return err;
      }
      return undefined;
    }

    /**
     * The whole walk: first page, an injected 401, a real 429 (quota burnt),
     * then the client loop to the end: on a 429 or a rate-limit stop
     * (twitter-api-v2 stops quietly when `remaining` is 0), wait for
     * `reset` and resume the same paginator.
     */
    async function walk(c: XListCase, mode: 'fetchLast' | 'for await'): Promise<string[]> {
      const p = await c.open(api());
      expect(p.done, `${c.name}: more than one page`).toBe(false);

      await setFaults({ errorRate: 1, errorStatus: 401, pathPrefix: c.path });
      const unauthorized = await step(p, mode);
      await setFaults({});
      expect(unauthorized, c.name).toBeInstanceOf(ApiResponseError);
      const e401 = unauthorized as ApiResponseError;
      expect([e401.code, e401.isAuthError, e401.data]).toEqual([
        401,
        true,
        { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
      ]);

      await burnQuota(c.path);
      const limited = await step(p, mode);
      const burntAt = frozen ?? Date.now();
      frozen = undefined;
      await setFaults({});
      expect(limited, c.name).toBeInstanceOf(ApiResponseError);
      const e429 = limited as ApiResponseError;
      expect([e429.code, e429.rateLimitError, e429.rateLimit?.remaining]).toEqual([429, true, 0]);
      expect((e429.rateLimit?.reset ?? 0) * 1000).toBeGreaterThan(burntAt);
      await sleepUntil(e429.rateLimit?.reset);

      let items: string[] = [];
      for (let round = 0; round < 100; round++) {
        try {
          if (mode === 'fetchLast') {
            await p.fetchLast();
            items = [...p].map((i) => i.id);
          } else {
            // A new `for await` yields what the paginator holds, then fetches on.
            items = [];
            for await (const i of p) items.push(i.id);
          }
        } catch (err) {
          if (!(err instanceof ApiResponseError && err.rateLimitError)) throw err;
          await sleepUntil(err.rateLimit?.reset);
          continue;
        }
        if (p.done) return items;
        await sleepUntil(p.rateLimit.reset);
      }
      throw new Error(`${c.name}: the walk did not end`);
    }

    // Both paginator styles on SQLite; fetchLast on PostgreSQL too (walks.test.ts covers the
    // lists on both databases; here the client is the subject, and each walk waits for resets).
    const modes =
      backend.name === 'sqlite' ? (['fetchLast', 'for await'] as const) : (['fetchLast'] as const);
    for (const mode of modes) {
      it(`${mode}: every list, through a 401 and a 429, exactly the database rows`, async () => {
        expect(cases.map((c) => c.name)).toHaveLength(9);
        for (const c of cases) {
          const want = await c.expected();
          const got = await walk(c, mode);
          expect(new Set(got).size, c.name).toBe(got.length);
          expect(got, c.name).toEqual(want);
        }
      });
    }

    it('a wrong bearer token is the 401 ApiResponseError of X', async () => {
      const wrong = new EmulatorTwitterApi('not-a-token', `${emu.url}/2/`);
      const err = await wrong.userTimeline(cases[0]?.path.split('/')[3] ?? '1').catch((e) => e);
      expect(err).toBeInstanceOf(ApiResponseError);
      expect([(err as ApiResponseError).code, (err as ApiResponseError).isAuthError]).toEqual([
        401,
        true,
      ]);
    });
  });
}
