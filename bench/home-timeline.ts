/**
 * npm run bench:home [-- --quick]
 *
 * The X home timeline ("posts by any of N followed authors, newest first")
 * on the emulator's default dataset (1,000 users following ~500 each,
 * 300,000 posts), on SQLite (file) and on an embedded PostgreSQL 17:
 *
 * - through the API (`app.inject`, the plan the emulator picks): the first
 *   page, a page at 50 % and the last full page of a user's reach (the last
 *   7 days, ~35,000 posts), 100 posts each, reached by walking real page
 *   tokens, and for reference the first page of 100 of the busiest author's
 *   own timeline (`/2/users/:id/tweets`); median of interleaved rounds;
 * - both query plans at the source (`homeTimelineSource`, the engine's
 *   `page()` with tokens sealed at 0, 50 and 99 % depth): the newest-first
 *   scan of `x_tweets (created_at desc, id desc)` that keeps followed
 *   authors' posts, and the merge of one `x_tweets (author_id, created_at
 *   desc, id desc)` range per author, for that user (~500 authors) and for
 *   users following 8 and 31 accounts.
 *
 * Prints a table per database; the last line is one JSON object with every
 * figure (median milliseconds per page).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEmulator, type EmulatorApp } from '@pagewise/emulator';
import { sql } from 'kysely';
import {
  type HomeTimelinePlan,
  homeTimelineSource,
} from '../packages/emulator/dist/x/home-timeline-source.js';
import { xLists } from '../packages/emulator/dist/x/x-lists.js';
import { startEmbeddedPostgres } from '../test/helpers/embedded-postgres.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 15 : 41;
const DAY = 86_400_000;
const sizes = quick
  ? { zoomUsers: 1, zoomMeetings: 0, xUsers: 300, xTweets: 90_000, xFollows: 45_000 }
  : { zoomUsers: 1, zoomMeetings: 0, xUsers: 1000, xTweets: 300_000, xFollows: 500_000 };

type Row = Record<string, unknown>;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Times each named thunk `ROUNDS` times, interleaved, after one untimed round; median ms. */
async function timeAll(
  thunks: Record<string, () => Promise<unknown>>,
): Promise<Record<string, number>> {
  const times: Record<string, number[]> = {};
  for (const [name, run] of Object.entries(thunks)) {
    await run();
    times[name] = [];
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, run] of Object.entries(thunks)) {
      const t0 = performance.now();
      await run();
      times[name]!.push(performance.now() - t0);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

async function benchDatabase(name: string, database: string): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const app: EmulatorApp = await buildEmulator({
    database,
    sizes,
    logger: false,
    print: () => {},
    rateLimit: 'off',
    apiToken: 'bench-api',
    adminToken: 'bench-admin',
    env: {},
  });
  console.log(`${name}: seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const ctx = app.emulator.context;
    const db = ctx.handle.db;
    const me = String(ctx.principals.owner.xUserId);
    const created = await app.inject({
      method: 'POST',
      url: '/__admin/principals',
      headers: { authorization: 'Bearer bench-admin' },
      payload: { name: 'bench', xUserId: me },
    });
    const auth = { authorization: `Bearer ${(created.json() as { token: string }).token}` };
    const follows = await db
      .selectFrom('x_follows')
      .select(sql<number>`count(*)`.as('n'))
      .where('follower_id', '=', BigInt(me))
      .executeTakeFirstOrThrow();

    // Through the API: walk the whole reach, keep the tokens.
    const base = `/2/users/${me}/timelines/reverse_chronological?max_results=100`;
    const tokens: string[] = [];
    let token: string | undefined;
    let posts = 0;
    do {
      const res = await app.inject({
        url: token ? `${base}&pagination_token=${token}` : base,
        headers: auth,
      });
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
      const body = res.json() as { data?: unknown[]; meta: { next_token?: string } };
      posts += body.data?.length ?? 0;
      token = body.meta.next_token;
      if (token) tokens.push(token);
    } while (token && tokens.length < 10_000);
    const page = (t: string | undefined) => async () => {
      const res = await app.inject({
        url: t ? `${base}&pagination_token=${t}` : base,
        headers: auth,
      });
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    };
    // Reference: the first page of 100 of the busiest author's own timeline (one index range).
    const top = await db
      .selectFrom('x_tweets')
      .select('author_id')
      .groupBy('author_id')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const api = await timeAll({
      first: page(undefined),
      middle: page(tokens[Math.floor(tokens.length / 2)]),
      deep: page(tokens.at(-2)),
      userTweets: async () => {
        const res = await app.inject({
          url: `/2/users/${top.author_id}/tweets?max_results=100`,
          headers: auth,
        });
        if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
      },
    });

    // Both plans at the source, for this user and for users following 8 and 31 accounts
    // (9 and 32 authors: under the merge threshold, the second one at it).
    const users = await db.selectFrom('x_users').select('id').orderBy('id').limit(3).execute();
    const fewer: [string, bigint][] = [];
    for (const [i, n] of [
      [1, 8],
      [2, 31],
    ] as const) {
      const userId = BigInt(users[i]!.id);
      const keep = await db
        .selectFrom('x_follows')
        .select('followee_id')
        .where('follower_id', '=', userId)
        .orderBy('followee_id')
        .limit(n)
        .execute();
      await db
        .deleteFrom('x_follows')
        .where('follower_id', '=', userId)
        .where(
          'followee_id',
          'not in',
          keep.map((k) => k.followee_id),
        )
        .execute();
      fewer.push([`${n} follows`, userId]);
    }
    const list = xLists(ctx.codec).homeTimeline;
    const binding = { scope: 'bench', query: 'home' };
    const floorMs = Date.now() - 7 * DAY;
    const plans: Record<string, Record<string, number>> = {};
    for (const [who, userId] of [[`${follows.n} follows`, BigInt(me)], ...fewer] as const) {
      const source = (plan: HomeTimelinePlan) =>
        homeTimelineSource(db, ctx.handle.kind, { userId, exclude: new Set(), floorMs, plan });
      // The rows in reach, in order, by walking once.
      const rows: Row[] = [];
      let next: string | undefined;
      do {
        const p = await list.page({
          source: await source('scan'),
          binding,
          pageSize: 100,
          token: next,
        });
        rows.push(...p.items);
        next = p.nextToken;
      } while (next);
      const at = (depth: number) => {
        const i = Math.min(rows.length - 101, Math.floor(rows.length * depth));
        return i <= 0 ? undefined : list.tokenFor(rows[i - 1]!, { binding });
      };
      const thunks: Record<string, () => Promise<unknown>> = {};
      // SQLite takes at most 500 terms in a compound SELECT: no merge over ~500 authors there.
      const authors = await db
        .selectFrom('x_follows')
        .select(sql<number>`count(*)`.as('n'))
        .where('follower_id', '=', userId)
        .executeTakeFirstOrThrow();
      const mergeable = ctx.handle.kind === 'postgres' || Number(authors.n) + 1 <= 500;
      for (const plan of mergeable ? (['scan', 'merge'] as const) : (['scan'] as const)) {
        for (const depth of [0, 0.5, 0.99]) {
          const t = at(depth);
          thunks[`${plan} ${depth * 100}%`] = async () =>
            list.page({ source: await source(plan), binding, pageSize: 100, token: t });
        }
      }
      plans[`${who} (${rows.length} posts)`] = await timeAll(thunks);
    }

    console.log(
      `\n${name}: home timeline of a user following ${follows.n} accounts, ${posts} posts in reach, ${tokens.length + 1} pages of 100`,
    );
    console.log('API (inject, ms per page, median):', JSON.stringify(roundAll(api)));
    for (const [who, figures] of Object.entries(plans)) {
      console.log(`source, ${who}:`, JSON.stringify(roundAll(figures)));
    }
    return {
      follows: Number(follows.n),
      posts,
      pages: tokens.length + 1,
      api: roundAll(api),
      plans: Object.fromEntries(Object.entries(plans).map(([k, v]) => [k, roundAll(v)])),
    };
  } finally {
    await app.close();
  }
}

function roundAll(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
}

const dir = mkdtempSync(join(tmpdir(), 'pagewise-bench-home-'));
const results: Record<string, unknown> = {};
try {
  results['sqlite'] = await benchDatabase('SQLite', join(dir, 'emulator.sqlite'));
  const pg = await startEmbeddedPostgres();
  try {
    results['postgres'] = await benchDatabase('PostgreSQL', pg.url);
  } finally {
    await pg.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ bench: 'home-timeline', quick, rounds: ROUNDS, results }));
