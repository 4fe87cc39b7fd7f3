import { Agent, type AgentOptions } from 'node:http';
import { connect, type Socket } from 'node:net';
import { sql } from 'kysely';
import { ApiResponseError, type TweetV2, TwitterApi } from 'twitter-api-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/index.js';
import { createDb, type TestDb, testOptions } from '../emulator-fixtures.js';
import { homeRows, searchIds } from '../x-expected.js';

/*
 * twitter-api-v2, unmodified, against the emulator: its user lookups, its
 * home-timeline paginator (`for await`, `fetchLast`) and its full-archive
 * search paginator, each collecting exactly the rows in the database.
 * The library only talks to https://api.x.com/2/: an agent hands its
 * requests to the emulator's socket instead, in plain HTTP.
 */

const DAY = 86_400_000;
const ARCHIVE_START = '2006-03-21T00:00:00Z';

/** An https-protocol agent whose connections go to the emulator's port on loopback. */
class EmulatorAgent extends Agent {
  readonly #port: number;
  constructor(port: number, options: AgentOptions = {}) {
    super(options);
    this.#port = port;
    // https.request insists on an agent for its own protocol.
    (this as unknown as { protocol: string }).protocol = 'https:';
  }
  override createConnection(): Socket {
    return connect(this.#port, '127.0.0.1');
  }
}

describe('twitter-api-v2 against the emulator: lookups, home timeline, full-archive search', () => {
  let db: TestDb;
  let emu: RunningEmulator;
  let agent: EmulatorAgent;
  let app: TwitterApi;
  let user: TwitterApi;
  let me: bigint;
  // The clock of the emulator: real time, moved forward by hand past 429 resets.
  let offset = 0;
  const kdb = () => emu.app.emulator.context.handle.db;

  beforeAll(async () => {
    db = await createDb('sqlite');
    emu = await startEmulator(
      testOptions(db, { rateLimit: 'realistic', now: () => Date.now() + offset }),
    );
    agent = new EmulatorAgent(Number(new URL(emu.url).port));
    app = new TwitterApi(emu.apiToken, { httpAgent: agent });
    me = BigInt((await app.v2.me()).data.id);
    const created = await fetch(`${emu.url}/__admin/principals`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emu.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'reader', xUserId: String(me) }),
    });
    user = new TwitterApi(((await created.json()) as { token: string }).token, {
      httpAgent: agent,
    });
  });
  afterAll(async () => {
    agent?.destroy();
    await emu?.close();
    await db?.drop();
  });

  /** Three users whose usernames fit X's pattern (15 characters at most). */
  const someUsers = async () =>
    (
      await kdb()
        .selectFrom('x_users')
        .selectAll()
        .where(sql<number>`length(username)`, '<=', 15)
        .orderBy('id')
        .limit(3)
        .execute()
    ).map((u) => ({ id: String(u.id), name: u.name, username: u.username }));

  it('userByUsername, usersByUsernames and users return the database rows and X’s partial errors', async () => {
    const [a, b, c] = (await someUsers()) as [
      { id: string; name: string; username: string },
      { id: string; name: string; username: string },
      { id: string; name: string; username: string },
    ];
    const one = await app.v2.userByUsername(a.username.toUpperCase(), {
      'user.fields': ['created_at', 'profile_image_url'],
    });
    expect(one.data).toMatchObject(a);
    expect(one.data.profile_image_url).toMatch(/_normal\.(jpg|png)$/);
    const missing = await app.v2.userByUsername('nobody_at_all');
    expect(missing.data).toBeUndefined();
    expect(missing.errors?.[0]).toMatchObject({
      title: 'Not Found Error',
      detail: 'Could not find user with username: [nobody_at_all].',
    });
    const many = await app.v2.usersByUsernames([c.username, 'nobody_at_all', b.username]);
    expect(many.data).toEqual([c, b]);
    expect(many.errors?.map((e) => e.detail)).toEqual([
      'Could not find user with usernames: [nobody_at_all].',
    ]);
    const byIds = await app.v2.users([b.id, a.id, '42']);
    expect(byIds.data).toEqual([b, a]);
    expect(byIds.errors?.map((e) => e.detail)).toEqual(['Could not find user with ids: [42].']);
  });

  it('homeTimeline walks every post in reach once, with for await and with fetchLast', async () => {
    const want = (await homeRows(kdb(), me, { floorMs: Date.now() - 7 * DAY })).map((r) => r.id);
    expect(want.length).toBe(800);
    const viaForAwait: TweetV2[] = [];
    const paginator = await user.v2.homeTimeline({
      max_results: 45,
      'tweet.fields': ['created_at'],
    });
    for await (const tweet of paginator) {
      viaForAwait.push(tweet);
      if (viaForAwait.length > 2 * want.length) break;
    }
    expect(viaForAwait.map((t) => t.id)).toEqual(want);
    expect(paginator.done).toBe(true);
    const last = await user.v2.homeTimeline({ max_results: 100 });
    await last.fetchLast(10_000);
    expect(last.tweets.map((t) => t.id)).toEqual(want);
    expect(last.meta.result_count).toBe(want.length);
    // An app token may not read a home timeline: X's 403.
    const refused = await app.v2.homeTimeline().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiResponseError);
    expect((refused as ApiResponseError).code).toBe(403);
    expect((refused as ApiResponseError).data).toMatchObject({
      title: 'Unsupported Authentication',
    });
  });

  it('searchAll walks the whole archive, waiting out its one-request-per-second limit', async () => {
    const query = '(pagination OR api) -coffee';
    const want = await searchIds(kdb(), query);
    expect(want.length).toBeGreaterThan(500);
    const paginator = await app.v2.searchAll(query, {
      max_results: 100,
      start_time: ARCHIVE_START,
      'tweet.fields': ['created_at', 'author_id'],
    });
    let limited = 0;
    for (let i = 0; !paginator.done && i < 100; i++) {
      try {
        await paginator.fetchNext();
      } catch (error) {
        // A 429: wait until x-rate-limit-reset (by moving the emulator's clock), then resume.
        if (!(error instanceof ApiResponseError) || !error.rateLimitError || !error.rateLimit) {
          throw error;
        }
        limited++;
        expect(error.rateLimit.limit).toBe(1);
        offset += error.rateLimit.reset * 1000 - (Date.now() + offset);
      }
    }
    expect(limited).toBeGreaterThan(0);
    expect(paginator.tweets.map((t) => t.id)).toEqual(want);
    // fetchLast stops at each 429 (it throws); resumed after the reset, it goes on where it was.
    offset += 1000;
    const top = await topUsername();
    const all = await app.v2.searchAll(`from:${top}`, {
      max_results: 100,
      start_time: ARCHIVE_START,
    });
    let resumed = 0;
    for (let i = 0; !all.done && i < 100; i++) {
      try {
        await all.fetchLast(10_000);
      } catch (error) {
        if (!(error instanceof ApiResponseError) || !error.rateLimit) throw error;
        resumed++;
        offset += error.rateLimit.reset * 1000 - (Date.now() + offset);
      }
    }
    expect(resumed).toBeGreaterThan(0);
    expect(all.tweets.map((t) => t.id)).toEqual(await searchIds(kdb(), `from:${top}`));
    // A user token may not search the archive.
    offset += 1000;
    const refused = await user.v2.searchAll('api').catch((e: unknown) => e);
    expect((refused as ApiResponseError).code).toBe(403);
  });

  /** The author with the most posts. */
  async function topUsername(): Promise<string> {
    return (
      await kdb()
        .selectFrom('x_tweets as t')
        .innerJoin('x_users as u', 'u.id', 't.author_id')
        .select('u.username')
        .groupBy('u.username')
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('u.username')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).username;
  }
});
