import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator, type EmulatorApp } from '../src/index.js';
import {
  HOME_MERGE_MAX_AUTHORS,
  type HomeTimelinePlan,
  homeTimelineSource,
} from '../src/x/home-timeline-source.js';
import { xLists } from '../src/x/x-lists.js';
import { BACKENDS, createDb, TEST_TOKEN_KEYS, type TestDb } from './emulator-fixtures.js';

const DAY = 86_400_000;
const ANCHOR = Date.UTC(2026, 0, 15);

/*
 * The home timeline's two query plans (a merge of one index range per
 * author, and a newest-first scan that keeps followed authors' posts) must
 * page identically, forward and backward, with windows and exclusions, on
 * both sides of its reach rule (last 7 days, or the newest 800 when those
 * are older).
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`home timeline query plans (${backend.name})`, () => {
    let db: TestDb;
    let app: EmulatorApp;
    let busy: bigint;
    let quiet: bigint;

    beforeAll(async () => {
      db = await createDb(backend.name);
      app = await buildEmulator({
        database: db.url,
        logger: false,
        print: () => {},
        // 60 users following 40 others each: more authors than the merge takes.
        sizes: { zoomUsers: 1, zoomMeetings: 0, xUsers: 60, xTweets: 12_000, xFollows: 2400 },
        anchor: new Date(ANCHOR).toISOString(),
        apiToken: 'test-api-token',
        adminToken: 'test-admin-token',
        tokenKeys: TEST_TOKEN_KEYS,
        rateLimit: 'off',
        env: {},
      });
      const kdb = app.emulator.context.handle.db;
      const users = await kdb.selectFrom('x_users').select('id').orderBy('id').execute();
      busy = BigInt(users[0]!.id);
      quiet = BigInt(users[1]!.id);
      // The quiet user follows eight fairly busy authors only: more than 800 posts, far
      // fewer than 800 of them in the last 7 days.
      const busiest = await kdb
        .selectFrom('x_tweets')
        .select('author_id')
        .where('author_id', '!=', quiet)
        .groupBy('author_id')
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('author_id')
        .offset(10)
        .limit(8)
        .execute();
      await kdb.deleteFrom('x_follows').where('follower_id', '=', quiet).execute();
      await kdb
        .insertInto('x_follows')
        .values(
          busiest.map((b) => ({
            follower_id: quiet,
            followee_id: b.author_id,
            created_at: ANCHOR - DAY,
            origin: 0,
          })),
        )
        .execute();
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    const floorMs = ANCHOR - 7 * DAY;
    const binding = { scope: 'test', query: 'home' };

    /** Every page of a walk with `plan`, forward to the end, then backward to the start. */
    async function walk(
      userId: bigint,
      plan: HomeTimelinePlan,
      options: { exclude?: string[]; window?: Record<string, unknown>; pageSize?: number } = {},
    ): Promise<{ forward: string[]; backward: string[] }> {
      const list = xLists(app.emulator.context.codec).homeTimeline;
      const { handle } = app.emulator.context;
      const page = async (token: string | undefined) =>
        list.page({
          source: await homeTimelineSource(handle.db, handle.kind, {
            userId,
            exclude: new Set(options.exclude ?? []),
            floorMs,
            plan,
          }),
          binding,
          pageSize: options.pageSize ?? 100,
          token,
          window: options.window,
        });
      const forward: string[][] = [];
      const backward: string[][] = [];
      let current = await page(undefined);
      forward.push(current.items.map((r) => String(r['id'])));
      while (current.nextToken !== undefined && forward.length < 1000) {
        current = await page(current.nextToken);
        forward.push(current.items.map((r) => String(r['id'])));
      }
      // Back from the last page (pages of the same size, so cut elsewhere): the same rows.
      backward.unshift(current.items.map((r) => String(r['id'])));
      while (current.previousToken !== undefined && backward.length < 1000) {
        current = await page(current.previousToken);
        backward.unshift(current.items.map((r) => String(r['id'])));
      }
      return { forward: forward.flat(), backward: backward.flat() };
    }

    /** The expected ids: the user's and followed authors' posts, newest first, within the reach. */
    async function expected(
      userId: bigint,
      excludeKinds: number[] = [],
      unreached = false,
    ): Promise<string[]> {
      const rows = await app.emulator.context.handle.db
        .selectFrom('x_tweets as t')
        .select(['t.id', 't.created_at'])
        .where((eb) =>
          eb.or([
            eb('t.author_id', '=', userId),
            eb(
              't.author_id',
              'in',
              eb.selectFrom('x_follows').select('followee_id').where('follower_id', '=', userId),
            ),
          ]),
        )
        .$if(excludeKinds.length > 0, (q) => q.where('t.kind', 'not in', excludeKinds))
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .execute();
      return rows
        .filter((r, i) => unreached || i < 800 || Number(r.created_at) >= floorMs)
        .map((r) => String(r.id));
    }

    it('a user following more authors than the merge takes: the last 7 days, more than 800 posts', async () => {
      const follows = await app.emulator.context.handle.db
        .selectFrom('x_follows')
        .select(sql<number>`count(*)`.as('n'))
        .where('follower_id', '=', busy)
        .executeTakeFirstOrThrow();
      expect(Number(follows.n) + 1).toBeGreaterThan(HOME_MERGE_MAX_AUTHORS);
      const want = await expected(busy);
      expect(want.length).toBeGreaterThan(1500);
      const scan = await walk(busy, 'scan');
      const merge = await walk(busy, 'merge');
      const auto = await walk(busy, 'auto');
      expect(scan.forward).toEqual(want);
      expect(merge.forward).toEqual(scan.forward);
      expect(auto.forward).toEqual(scan.forward);
      // Back from the last page: the same pages, in reverse.
      expect(scan.backward).toEqual(scan.forward);
      expect(merge.backward).toEqual(merge.forward);
    });

    it('a quiet user: the newest 800, older than the last 7 days, forward and backward', async () => {
      const want = await expected(quiet);
      expect(want.length).toBe(800);
      const all = await expected(quiet, [], true);
      expect(all.length).toBeGreaterThan(1000);
      expect(all.slice(0, 800)).toEqual(want);
      const scan = await walk(quiet, 'scan', { pageSize: 37 });
      const merge = await walk(quiet, 'merge', { pageSize: 37 });
      expect(scan.forward).toEqual(want);
      expect(merge.forward).toEqual(scan.forward);
      expect(scan.backward).toEqual(scan.forward);
      expect(merge.backward).toEqual(merge.forward);
    });

    it('windows and exclusions give the same pages with both plans', async () => {
      const want = await expected(quiet, [1, 2]);
      for (const plan of ['scan', 'merge'] as const) {
        const { forward } = await walk(quiet, plan, { exclude: ['replies', 'retweets'] });
        expect(forward, plan).toEqual(want);
      }
      const middle = BigInt(want[400]!);
      const windowed = (await expected(quiet)).filter((id) => BigInt(id) < middle);
      for (const plan of ['scan', 'merge'] as const) {
        const { forward, backward } = await walk(quiet, plan, {
          window: { until_id: middle },
          pageSize: 50,
        });
        expect(forward, plan).toEqual(windowed);
        expect(backward, plan).toEqual(forward);
      }
    });
  });
}
