import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionRows } from '../src/data/x-mentions.js';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { tokenizePostText } from '../src/x/search-query.js';
import { xLoop, zoomPageNumberLoop, zoomTokenLoop, zoomTokenWalk } from './doc-loops.js';
import { BACKENDS, createDb, getJson, type TestDb, testOptions } from './emulator-fixtures.js';
import { engagementLists } from './x-engagement-lists.js';
import { homeRows, searchIds } from './x-expected.js';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function expectExactlyOnce(got: readonly string[], expected: readonly string[]): void {
  expect(new Set(got).size).toBe(got.length);
  expect(got).toEqual(expected);
}

/** A walk under churn: no id twice, and every row present the whole time (`stable`) seen. */
function expectOnceWithEveryStable(
  got: readonly string[],
  stable: readonly string[],
  label?: string,
): void {
  expect(new Set(got).size, label).toBe(got.length);
  const seen = new Set(got);
  expect(
    stable.filter((id) => !seen.has(id)),
    label,
  ).toEqual([]);
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`doc pagination loops over a real socket (${backend.name})`, () => {
    let db: TestDb;
    let emu: RunningEmulator;
    let token: string;
    let owner: { zoomUserId: string; xUserId: string };
    // Stops the emulator's clock at a chosen instant (live Dashboard lists); unset outside the test that sets it.
    let frozenNow: number | undefined;

    beforeAll(async () => {
      db = await createDb(backend.name);
      emu = await startEmulator(testOptions(db, { now: () => frozenNow ?? Date.now() }));
      token = emu.apiToken;
      const ds = await getJson(`${emu.url}/__admin/dataset`, emu.adminToken);
      owner = ds.body['owner'] as typeof owner;
    });
    afterAll(async () => {
      await emu?.close();
      await db?.drop();
    });

    const kdb = () => emu.app.emulator.context.handle.db;
    const now = () => Date.now();

    it('walks GET /v2/users with next_page_token and with page numbers, every active user once', async () => {
      const expected = (
        await kdb()
          .selectFrom('zoom_users')
          .select('id')
          .where('status', '=', 'active')
          .orderBy('seq')
          .execute()
      ).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(7);
      const byToken = await zoomTokenLoop(`${emu.url}/v2/users`, token, 'users', {
        page_size: '7',
      });
      expectExactlyOnce(
        byToken.map((u) => String(u['id'])),
        expected,
      );
      const byNumber = await zoomPageNumberLoop(`${emu.url}/v2/users`, token, 'users', 7);
      expectExactlyOnce(
        byNumber.map((u) => String(u['id'])),
        expected,
      );
      const inactive = await zoomTokenLoop(`${emu.url}/v2/users`, token, 'users', {
        page_size: '3',
        status: 'inactive',
      });
      expect(inactive.every((u) => u['status'] === 'inactive')).toBe(true);
    });

    it("walks a user's meetings (me), report meetings and dashboard meetings", async () => {
      const host = owner.zoomUserId;
      const scheduled = (
        await kdb()
          .selectFrom('zoom_meetings')
          .select('id')
          .where('host_id', '=', host)
          .where('type', 'in', [2, 3, 8])
          .orderBy('start_time')
          .orderBy('id')
          .execute()
      ).map((r) => String(r.id));
      expect(scheduled.length).toBeGreaterThan(9);
      const mine = await zoomTokenLoop(`${emu.url}/v2/users/me/meetings`, token, 'meetings', {
        page_size: '9',
      });
      expectExactlyOnce(
        mine.map((m) => String(m['id'])),
        scheduled,
      );
      const legacy = await zoomPageNumberLoop(
        `${emu.url}/v2/users/${host}/meetings`,
        token,
        'meetings',
        9,
        { type: 'scheduled' },
      );
      expectExactlyOnce(
        legacy.map((m) => String(m['id'])),
        scheduled,
      );

      const t = now();
      const range = { from: day(t - 200 * DAY), to: day(t + 40 * DAY) };
      const past = (
        await kdb()
          .selectFrom('zoom_meetings')
          .select('id')
          .where('host_id', '=', host)
          .where('end_time', '<=', t)
          .orderBy('start_time')
          .orderBy('id')
          .execute()
      ).map((r) => String(r.id));
      const report = await zoomTokenLoop(
        `${emu.url}/v2/report/users/me/meetings`,
        token,
        'meetings',
        { page_size: '8', ...range },
      );
      expectExactlyOnce(
        report.map((m) => String(m['id'])),
        past,
      );

      const allPast = (
        await kdb()
          .selectFrom('zoom_meetings')
          .select('id')
          .where('end_time', '<=', t)
          .orderBy('start_time')
          .orderBy('id')
          .execute()
      ).map((r) => String(r.id));
      const dash = await zoomTokenLoop(`${emu.url}/v2/metrics/meetings`, token, 'meetings', {
        page_size: '50',
        type: 'past',
        ...range,
      });
      expectExactlyOnce(
        dash.map((m) => String(m['id'])),
        allPast,
      );
      expect(typeof dash[0]?.['duration']).toBe('string');
    });

    it('walks past-meeting and report participants of a meeting', async () => {
      const m = await kdb()
        .selectFrom('zoom_meetings')
        .select(['id', 'uuid'])
        .where('participants_count', '>=', 3)
        .orderBy('participants_count', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const expected = await kdb()
        .selectFrom('zoom_participants')
        .select(['user_id', 'participant_id'])
        .where('meeting_id', '=', m.id)
        .orderBy('id')
        .execute();
      const report = await zoomTokenLoop(
        `${emu.url}/v2/report/meetings/${m.id}/participants`,
        token,
        'participants',
        { page_size: '2' },
      );
      expectExactlyOnce(
        report.map((p) => String(p['user_id'])),
        expected.map((p) => p.user_id),
      );
      // A UUID may hold '/' or '+': encoded, and twice when it starts with '/' or holds '//' (Zoom's rule).
      const uuid =
        m.uuid.startsWith('/') || m.uuid.includes('//')
          ? encodeURIComponent(encodeURIComponent(m.uuid))
          : encodeURIComponent(m.uuid);
      const past = await zoomTokenLoop(
        `${emu.url}/v2/past_meetings/${uuid}/participants`,
        token,
        'participants',
        { page_size: '2' },
      );
      expect(past.map((p) => String(p['id']))).toEqual(expected.map((p) => p.participant_id));
    });

    it("walks the Dashboard: a meeting's participants, webinars, and a webinar's participants", async () => {
      const t = now();
      // Meeting participants, by id and by (double-encoded) UUID: the sessions in id order.
      const m = await kdb()
        .selectFrom('zoom_meetings')
        .select(['id', 'uuid', 'host_id'])
        .where('participants_count', '>=', 3)
        .where('end_time', '<=', t)
        .orderBy('participants_count', 'desc')
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      const sessions = (
        await kdb()
          .selectFrom('zoom_participants')
          .select('user_id')
          .where('meeting_id', '=', m.id)
          .orderBy('id')
          .execute()
      ).map((r) => r.user_id);
      const byId = await zoomTokenWalk(
        `${emu.url}/v2/metrics/meetings/${m.id}/participants`,
        token,
        'participants',
        { page_size: '2', type: 'past' },
      );
      expectExactlyOnce(
        byId.items.map((p) => String(p['user_id'])),
        sessions,
      );
      expect(byId.pages.length).toBeGreaterThan(1);
      for (const { envelope } of byId.pages) {
        // The document's envelope: no from/to on this list, total_records across pages.
        expect(Object.keys(envelope).sort()).toEqual(
          ['next_page_token', 'page_count', 'page_size', 'total_records'].sort(),
        );
        expect(envelope['total_records']).toBe(sessions.length);
      }
      const uuid = encodeURIComponent(encodeURIComponent(m.uuid));
      const byUuid = await zoomTokenLoop(
        `${emu.url}/v2/metrics/meetings/${uuid}/participants`,
        token,
        'participants',
        { page_size: '2', type: 'pastOne', include_fields: 'registrant_id' },
      );
      expect(byUuid.map((p) => String(p['user_id']))).toEqual(sessions);
      for (const p of byUuid) {
        expect(p['registrant_id']).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(p['leave_time']).toEqual(expect.any(String));
        expect(p['role']).toBe(p['participant_user_id'] === m.host_id ? 'host' : 'attendee');
      }
      // The same session shows the same metrics on every request.
      expect(byUuid.map(({ registrant_id: _r, ...rest }) => rest)).toEqual(byId.items);

      // List webinars: every ended webinar in the window once, in start-time order.
      const range = { from: day(t - 200 * DAY), to: day(t + 40 * DAY) };
      const pastWebinars = await kdb()
        .selectFrom('zoom_webinars')
        .select(['id', 'participants_count'])
        .where('end_time', '<=', t)
        .orderBy('start_time')
        .orderBy('id')
        .execute();
      expect(pastWebinars.length).toBeGreaterThan(3);
      const webinars = await zoomTokenWalk(`${emu.url}/v2/metrics/webinars`, token, 'webinars', {
        page_size: '2',
        type: 'past',
        ...range,
      });
      expectExactlyOnce(
        webinars.items.map((w) => String(w['id'])),
        pastWebinars.map((w) => String(w.id)),
      );
      expect(webinars.items.map((w) => w['participants'])).toEqual(
        pastWebinars.map((w) => Number(w.participants_count)),
      );
      for (const { envelope } of webinars.pages) {
        expect(envelope).toMatchObject({ ...range, total_records: pastWebinars.length });
      }
      for (const w of webinars.items) {
        expect(w['duration']).toMatch(/^(\d\d:)?\d\d:\d\d$/);
        expect(w['end_time']).toEqual(expect.any(String));
      }

      // A webinar's participants, by id and by UUID, in join order.
      const top = pastWebinars.reduce((a, b) =>
        Number(b.participants_count) > Number(a.participants_count) ? b : a,
      );
      const webinar = await kdb()
        .selectFrom('zoom_webinars')
        .select(['id', 'uuid'])
        .where('id', '=', top.id)
        .executeTakeFirstOrThrow();
      const attendees = await kdb()
        .selectFrom('zoom_webinar_participants')
        .select(['user_id', 'role', 'join_time'])
        .where('webinar_id', '=', webinar.id)
        .orderBy('id')
        .execute();
      expect(attendees.length).toBeGreaterThan(20);
      const joined = await zoomTokenLoop(
        `${emu.url}/v2/metrics/webinars/${webinar.id}/participants`,
        token,
        'participants',
        { page_size: '7', type: 'past' },
      );
      expectExactlyOnce(
        joined.map((p) => String(p['user_id'])),
        attendees.map((a) => a.user_id),
      );
      expect(joined.map((p) => p['role'])).toEqual(attendees.map((a) => a.role));
      expect(joined.filter((p) => p['role'] === 'host')).toHaveLength(1);
      const joinTimes = joined.map((p) => Date.parse(String(p['join_time'])));
      expect(joinTimes).toEqual([...joinTimes].sort((a, b) => a - b));
      const viaUuid = await zoomTokenLoop(
        `${emu.url}/v2/metrics/webinars/${encodeURIComponent(encodeURIComponent(webinar.uuid))}/participants`,
        token,
        'participants',
        { page_size: '300', type: 'past' },
      );
      expect(viaUuid).toEqual(joined);
    });

    it('serves live Dashboard lists as of now: sessions begun so far, no end or leave time yet', async () => {
      const w = await kdb()
        .selectFrom('zoom_webinars')
        .selectAll()
        .orderBy('participants_count', 'desc')
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      const start = Number(w.start_time);
      const end = Number(w.end_time);
      const sessions = await kdb()
        .selectFrom('zoom_webinar_participants')
        .select(['user_id', 'join_time', 'leave_time'])
        .where('webinar_id', '=', w.id)
        .orderBy('id')
        .execute();
      // Halfway through the webinar: some have joined, some have already left.
      const at = Math.floor((start + end) / 2);
      frozenNow = at;
      try {
        const live = await zoomTokenLoop(
          `${emu.url}/v2/metrics/webinars/${w.id}/participants`,
          token,
          'participants',
          { page_size: '5' },
        );
        const begun = sessions.filter((p) => Number(p.join_time) <= at);
        expect(begun.length).toBeGreaterThan(0);
        expect(live.map((p) => String(p['user_id']))).toEqual(begun.map((p) => p.user_id));
        for (const [i, p] of live.entries()) {
          const left = Number(begun[i]?.leave_time) <= at;
          expect('leave_time' in p, String(p['user_id'])).toBe(left);
          expect('leave_reason' in p).toBe(left);
        }
        // registrant_id never comes back for live queries, even when asked for.
        const asked = await getJson(
          `${emu.url}/v2/metrics/webinars/${w.id}/participants?include_fields=registrant_id`,
          token,
        );
        expect(
          (asked.body['participants'] as Record<string, unknown>[]).some(
            (p) => 'registrant_id' in p,
          ),
        ).toBe(false);
        // Not ended yet: a past query is Zoom's 404.
        const past = await getJson(
          `${emu.url}/v2/metrics/webinars/${w.id}/participants?type=past`,
          token,
        );
        expect(past.status).toBe(404);
        expect(past.body).toEqual({
          code: 3001,
          message: "This webinar's detail info is not available or ID is not valid.",
        });
        const liveWebinars = await zoomTokenLoop(
          `${emu.url}/v2/metrics/webinars`,
          token,
          'webinars',
          { from: day(start), to: day(start) },
        );
        const mine = liveWebinars.find((x) => x['id'] === Number(w.id));
        expect(mine).toBeDefined();
        expect(mine).not.toHaveProperty('end_time');
        expect(mine?.['participants']).toBe(begun.length);
        // Once it has ended, its live list is empty and its past list complete.
        frozenNow = end + 1000;
        const after = await getJson(`${emu.url}/v2/metrics/webinars/${w.id}/participants`, token);
        expect(after.body).toMatchObject({ next_page_token: '', participants: [] });
        const ended = await zoomTokenLoop(
          `${emu.url}/v2/metrics/webinars/${w.id}/participants`,
          token,
          'participants',
          { page_size: '300', type: 'past' },
        );
        expect(ended.map((p) => String(p['user_id']))).toEqual(sessions.map((p) => p.user_id));
      } finally {
        frozenNow = undefined;
      }
    });

    it("walks a user's posts, followers and following with the X loop", async () => {
      const top = await kdb()
        .selectFrom('x_tweets')
        .select(['author_id', sql<number>`count(*)`.as('n')])
        .groupBy('author_id')
        .orderBy(sql`count(*)`, 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const expected = (
        await kdb()
          .selectFrom('x_tweets')
          .select('id')
          .where('author_id', '=', top.author_id)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute()
      ).map((r) => String(r.id));
      expect(expected.length).toBeGreaterThan(100);
      const posts = await xLoop(`${emu.url}/2/users/${top.author_id}/tweets`, token, 100, {
        'tweet.fields': 'created_at',
      });
      expectExactlyOnce(
        posts.map((p) => String(p['id'])),
        expected,
      );
      expect(String(posts[0]?.['created_at'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      for (const [path, mine, theirs] of [
        ['followers', 'followee_id', 'follower_id'],
        ['following', 'follower_id', 'followee_id'],
      ] as const) {
        const want = (
          await kdb()
            .selectFrom('x_follows')
            .select(`${theirs} as uid`)
            .where(mine, '=', BigInt(owner.xUserId))
            .orderBy('created_at', 'desc')
            .orderBy(theirs, 'desc')
            .execute()
        ).map((r) => String(r.uid));
        expect(want.length).toBeGreaterThan(3);
        const users = await xLoop(`${emu.url}/2/users/${owner.xUserId}/${path}`, token, 3);
        expectExactlyOnce(
          users.map((u) => String(u['id'])),
          want,
        );
      }
    });

    it('walks mentions, liked posts, liking users, retweeted_by and quote posts: exactly the database rows', async () => {
      for (const list of await engagementLists(kdb())) {
        const want = await list.expected(kdb());
        expect(want.length, list.path).toBeGreaterThan(list.pageSize);
        const got = await xLoop(`${emu.url}${list.path}`, token, list.pageSize);
        expectExactlyOnce(
          got.map((i) => String(i['id'])),
          want,
        );
      }
    });

    it('shapes empty results exactly as the real APIs do', async () => {
      const x = await getJson(`${emu.url}/2/tweets/search/recent?query=zzqqxx`, token);
      expect(x.status).toBe(200);
      expect(x.body).toEqual({ meta: { result_count: 0 } });
      const z = await getJson(`${emu.url}/v2/users?status=pending&role_id=none`, token);
      expect(z.body).toEqual({
        page_count: 0,
        page_number: 1,
        page_size: 30,
        total_records: 0,
        next_page_token: '',
        users: [],
      });
    });

    it('goes back with previous_token and expands author_id into includes.users', async () => {
      const base = `${emu.url}/2/users/${owner.xUserId}/tweets?max_results=5&expansions=author_id&user.fields=created_at`;
      const p1 = await getJson(base, token);
      const m1 = p1.body['meta'] as { next_token: string; previous_token?: string };
      expect(m1.previous_token).toBeUndefined();
      const p2 = await getJson(`${base}&pagination_token=${m1.next_token}`, token);
      const m2 = p2.body['meta'] as { next_token: string; previous_token: string };
      const p3 = await getJson(`${base}&pagination_token=${m2.next_token}`, token);
      const back2 = await getJson(
        `${base}&pagination_token=${(p3.body['meta'] as { previous_token: string }).previous_token}`,
        token,
      );
      expect(back2.body['data']).toEqual(p2.body['data']);
      const back1 = await getJson(`${base}&pagination_token=${m2.previous_token}`, token);
      expect(back1.body['data']).toEqual(p1.body['data']);
      expect(Object.keys(p1.body)).toEqual(['data', 'includes', 'meta']);
      const includes = p1.body['includes'] as { users: { id: string; created_at: string }[] };
      expect(includes.users).toEqual([
        expect.objectContaining({ id: owner.xUserId, created_at: expect.any(String) }),
      ]);
      expect(
        (p1.body['data'] as { author_id: string }[]).every((t) => t.author_id === owner.xUserId),
      ).toBe(true);
    });

    it('expands in_reply_to_user_id, referenced_tweets.id and referenced_tweets.id.author_id from the data', async () => {
      const url = `${emu.url}/2/users/${owner.xUserId}/tweets?max_results=100&tweet.fields=created_at&user.fields=created_at&expansions=in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id`;
      const page = await getJson(url, token);
      expect(page.status).toBe(200);
      const data = page.body['data'] as {
        id: string;
        author_id?: string;
        in_reply_to_user_id?: string;
        referenced_tweets?: { type: string; id: string }[];
      }[];
      const rows = await kdb()
        .selectFrom('x_tweets')
        .select(['id', 'author_id', 'kind', 'in_reply_to_user_id', 'referenced_tweet_id'])
        .where(
          'id',
          'in',
          data.map((d) => BigInt(d.id)),
        )
        .execute();
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      // The fields the expansions expand are in data; author_id was not asked for.
      for (const d of data) {
        const r = byId.get(d.id)!;
        expect(d.author_id).toBeUndefined();
        expect(d.in_reply_to_user_id).toBe(
          r.in_reply_to_user_id === null ? undefined : String(r.in_reply_to_user_id),
        );
        expect(d.referenced_tweets?.map((t) => t.id)).toEqual(
          r.referenced_tweet_id === null ? undefined : [String(r.referenced_tweet_id)],
        );
      }
      const referencedIds = [
        ...new Set(
          rows.flatMap((r) => (r.referenced_tweet_id === null ? [] : [r.referenced_tweet_id])),
        ),
      ];
      expect(referencedIds.length).toBeGreaterThan(0);
      const referenced = await kdb()
        .selectFrom('x_tweets')
        .select(['id', 'author_id'])
        .where('id', 'in', referencedIds)
        .execute();
      const includes = page.body['includes'] as {
        users: { id: string; created_at: string }[];
        tweets: { id: string; text: string; created_at: string }[];
      };
      expect(Object.keys(page.body)).toEqual(['data', 'includes', 'meta']);
      expect(includes.tweets.map((t) => t.id).sort()).toEqual(
        referenced.map((r) => String(r.id)).sort(),
      );
      for (const t of includes.tweets) expect(t.created_at).toMatch(/^\d{4}-\d\d-\d\dT.*\.\d{3}Z$/);
      const expectedUsers = new Set([
        ...rows.flatMap((r) =>
          r.in_reply_to_user_id === null ? [] : [String(r.in_reply_to_user_id)],
        ),
        ...referenced.map((r) => String(r.author_id)),
      ]);
      const userIds = includes.users.map((u) => u.id);
      expect(new Set(userIds).size).toBe(userIds.length);
      expect(new Set(userIds)).toEqual(expectedUsers);
      for (const u of includes.users) expect(u.created_at).toEqual(expect.any(String));

      // Only referenced authors: users, no tweets.
      const authorsOnly = await getJson(
        `${emu.url}/2/users/${owner.xUserId}/tweets?max_results=100&expansions=referenced_tweets.id.author_id`,
        token,
      );
      const onlyIncludes = authorsOnly.body['includes'] as Record<string, unknown>;
      expect(Object.keys(onlyIncludes)).toEqual(['users']);
      expect(new Set((onlyIncludes['users'] as { id: string }[]).map((u) => u.id))).toEqual(
        new Set(referenced.map((r) => String(r.author_id))),
      );
    });

    it('walks recent search with next_token for keyword, phrase, from:, negation and OR queries', async () => {
      const floor = now() - 7 * DAY;
      const recent = await kdb()
        .selectFrom('x_tweets as t')
        .innerJoin('x_users as u', 'u.id', 't.author_id')
        .select(['t.id', 't.text', 'u.username'])
        .where('t.created_at', '>=', floor + 60_000)
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .execute();
      const someone = recent[0]?.username ?? 'nobody';
      // X matches whole tokens (search-words.test.ts checks the rules one by one).
      const has = (text: string, phrase: string) =>
        ` ${tokenizePostText(text).join(' ')} `.includes(` ${phrase} `);
      const cases: [string, (r: { text: string; username: string }) => boolean][] = [
        ['api', (r) => has(r.text, 'api')],
        [
          `"cursor token" OR from:${someone}`,
          (r) => has(r.text, 'cursor token') || r.username === someone,
        ],
        ['api -coffee', (r) => has(r.text, 'api') && !has(r.text, 'coffee')],
        [
          '(rain OR sunny) weather',
          (r) => (has(r.text, 'rain') || has(r.text, 'sunny')) && has(r.text, 'weather'),
        ],
        [
          '#api',
          (r) =>
            r.text
              .toLowerCase()
              .split(/[^#a-z0-9_]+/)
              .includes('#api'),
        ],
      ];
      for (const [query, match] of cases) {
        const want = recent.filter(match).map((r) => String(r.id));
        const got = await xLoop(
          `${emu.url}/2/tweets/search/recent`,
          token,
          100,
          { query, start_time: new Date(floor + 60_000).toISOString().replace(/\.\d+Z$/, 'Z') },
          'next_token',
        );
        expectExactlyOnce(
          got.map((t) => String(t['id'])),
          want,
        );
      }
    });

    it('with the churn writer running, every row present for the whole walk comes exactly once', async () => {
      const admin = emu.adminToken;
      const put = await fetch(`${emu.url}/__admin/churn`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ insertsPerSec: 100, deletesPerSec: 50, updatesPerSec: 50 }),
      });
      expect(put.status).toBe(200);
      const churn = emu.app.emulator.context.churn;
      // Also churn synchronously between pages, so every page boundary sees writes.
      const between = async () => churn.runOnce({ insert: 6, delete: 3, update: 3 });
      try {
        const top = await kdb()
          .selectFrom('x_tweets')
          .select('author_id')
          .groupBy('author_id')
          .orderBy(sql`count(*)`, 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        const stableTweets = (
          await kdb()
            .selectFrom('x_tweets')
            .select('id')
            .where('author_id', '=', top.author_id)
            .where('origin', '=', 0)
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .execute()
        ).map((r) => String(r.id));
        const posts = (
          await xLoop(
            `${emu.url}/2/users/${top.author_id}/tweets`,
            token,
            10,
            {},
            'pagination_token',
            between,
          )
        ).map((p) => String(p['id']));
        expectOnceWithEveryStable(posts, stableTweets);

        const stableUsers = (
          await kdb()
            .selectFrom('zoom_users')
            .select('id')
            .where('status', '=', 'active')
            .where('origin', '=', 0)
            .orderBy('seq')
            .execute()
        ).map((r) => r.id);
        const users = (
          await zoomTokenLoop(`${emu.url}/v2/users`, token, 'users', { page_size: '3' }, between)
        ).map((u) => String(u['id']));
        expectOnceWithEveryStable(users, stableUsers);

        const stableFollowers = (
          await kdb()
            .selectFrom('x_follows')
            .select('follower_id')
            .where('followee_id', '=', top.author_id)
            .where('origin', '=', 0)
            .execute()
        ).map((r) => String(r.follower_id));
        const followers = (
          await xLoop(
            `${emu.url}/2/users/${top.author_id}/followers`,
            token,
            2,
            {},
            'pagination_token',
            between,
          )
        ).map((u) => String(u['id']));
        expectOnceWithEveryStable(followers, stableFollowers);

        const t = now();
        const stableMeetings = (
          await kdb()
            .selectFrom('zoom_meetings')
            .select('id')
            .where('end_time', '<=', t)
            .where('origin', '=', 0)
            .execute()
        ).map((r) => String(r.id));
        const meetings = (
          await zoomTokenLoop(
            `${emu.url}/v2/metrics/meetings`,
            token,
            'meetings',
            { page_size: '25', type: 'past', from: day(t - 200 * DAY), to: day(t + 1 * DAY) },
            between,
          )
        ).map((m) => String(m['id']));
        expectOnceWithEveryStable(meetings, stableMeetings);

        // The Dashboard lists of the pagination page, under the same churn.
        const stableWebinars = (
          await kdb()
            .selectFrom('zoom_webinars')
            .select('id')
            .where('end_time', '<=', t)
            .where('origin', '=', 0)
            .execute()
        ).map((r) => String(r.id));
        const webinars = (
          await zoomTokenLoop(
            `${emu.url}/v2/metrics/webinars`,
            token,
            'webinars',
            { page_size: '2', type: 'past', from: day(t - 200 * DAY), to: day(t + 1 * DAY) },
            between,
          )
        ).map((w) => String(w['id']));
        expectOnceWithEveryStable(webinars, stableWebinars);

        const busiest = await kdb()
          .selectFrom('zoom_webinars')
          .select('id')
          .where('end_time', '<=', t)
          .where('origin', '=', 0)
          .orderBy('participants_count', 'desc')
          .orderBy('id')
          .limit(1)
          .executeTakeFirstOrThrow();
        const stableSessions = (
          await kdb()
            .selectFrom('zoom_webinar_participants')
            .select('user_id')
            .where('webinar_id', '=', busiest.id)
            .where('origin', '=', 0)
            .execute()
        ).map((r) => r.user_id);
        const sessions = (
          await zoomTokenLoop(
            `${emu.url}/v2/metrics/webinars/${busiest.id}/participants`,
            token,
            'participants',
            { page_size: '4', type: 'past' },
            between,
          )
        ).map((p) => String(p['user_id']));
        expectOnceWithEveryStable(sessions, stableSessions);

        const meeting = await kdb()
          .selectFrom('zoom_meetings')
          .select('id')
          .where('participants_count', '>=', 3)
          .where('end_time', '<=', t)
          .where('origin', '=', 0)
          .orderBy('participants_count', 'desc')
          .orderBy('id')
          .limit(1)
          .executeTakeFirstOrThrow();
        const stableParticipants = (
          await kdb()
            .selectFrom('zoom_participants')
            .select('user_id')
            .where('meeting_id', '=', meeting.id)
            .where('origin', '=', 0)
            .execute()
        ).map((r) => r.user_id);
        const participants = (
          await zoomTokenLoop(
            `${emu.url}/v2/metrics/meetings/${meeting.id}/participants`,
            token,
            'participants',
            { page_size: '1', type: 'past' },
            between,
          )
        ).map((p) => String(p['user_id']));
        expectOnceWithEveryStable(participants, stableParticipants);

        // The new lists: likes, retweets, quotes and mentions come and go meanwhile.
        for (const list of await engagementLists(kdb())) {
          const stable = await list.expected(kdb(), { stableOnly: true });
          const got = (
            await xLoop(
              `${emu.url}${list.path}`,
              token,
              list.pageSize,
              {},
              'pagination_token',
              between,
            )
          ).map((i) => String(i['id']));
          expectOnceWithEveryStable(got, stable, list.path);
        }
        const churned = (await getJson(`${emu.url}/__admin/churn`, admin)).body['stats'] as Record<
          string,
          { inserted: number; deleted: number }
        >;
        expect(churned['x_likes']?.inserted).toBeGreaterThan(5);
        expect(churned['x_likes']?.deleted).toBeGreaterThan(0);

        const stats = await getJson(`${emu.url}/__admin/churn`, admin);
        const totals = Object.values(
          stats.body['stats'] as Record<
            string,
            { inserted: number; deleted: number; updated: number }
          >,
        );
        expect(totals.reduce((s, t) => s + t.inserted, 0)).toBeGreaterThan(50);
        expect(totals.reduce((s, t) => s + t.deleted, 0)).toBeGreaterThan(10);
        expect(stats.body['lastError']).toBeNull();
        // The new tables churned too: rows appeared and disappeared under the walks.
        const perTable = stats.body['stats'] as Record<
          string,
          { inserted: number; deleted: number }
        >;
        for (const table of ['zoom_webinars', 'zoom_webinar_participants']) {
          expect(perTable[table]?.inserted, table).toBeGreaterThan(0);
          expect(perTable[table]?.deleted, table).toBeGreaterThan(0);
        }
      } finally {
        await fetch(`${emu.url}/__admin/churn`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: '{}',
        });
      }
    });

    it('after churn, every post count is still the number of its likes, retweets and quotes, and mentions match the texts', async () => {
      await emu.app.emulator.context.churn.stop();
      const mismatches = await sql<{ n: number }>`
        select count(*) as n from x_tweets t
         where t.like_count != (select count(*) from x_likes l where l.tweet_id = t.id)
            or t.retweet_count != (select count(*) from x_tweets r where r.referenced_tweet_id = t.id and r.kind = 2)
            or t.quote_count != (select count(*) from x_tweets q where q.referenced_tweet_id = t.id and q.kind = 3)
            or t.reply_count != (select count(*) from x_tweets p where p.referenced_tweet_id = t.id and p.kind = 1)`.execute(
        kdb(),
      );
      expect(Number(mismatches.rows[0]?.n)).toBe(0);
      const users = await kdb().selectFrom('x_users').select(['id', 'username']).execute();
      const ids = new Map(users.map((u) => [u.username.toLowerCase(), u.id]));
      const posts = await kdb()
        .selectFrom('x_tweets')
        .select(['id', 'created_at', 'text', 'origin'])
        .execute();
      const want = posts
        .flatMap((p) => mentionRows(p, ids).map((m) => `${m.tweet_id}>${m.user_id}`))
        .sort();
      const have = (await kdb().selectFrom('x_mentions').select(['tweet_id', 'user_id']).execute())
        .map((m) => `${m.tweet_id}>${m.user_id}`)
        .sort();
      expect(have).toEqual(want);
      expect(have.length).toBeGreaterThan(100);
    });
  });
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(
    `home timeline, full-archive search and user lookups over a real socket (${backend.name})`,
    () => {
      let db: TestDb;
      let emu: RunningEmulator;
      let appToken: string;
      let userToken: string;
      let me: bigint;
      const kdb = () => emu.app.emulator.context.handle.db;

      beforeAll(async () => {
        db = await createDb(backend.name);
        emu = await startEmulator(testOptions(db));
        appToken = emu.apiToken;
        const ds = await getJson(`${emu.url}/__admin/dataset`, emu.adminToken);
        const owner = ds.body['owner'] as { xUserId: string };
        me = BigInt(owner.xUserId);
        // A user token acting as the owner's X user: the home timeline takes no app token.
        const created = await fetch(`${emu.url}/__admin/principals`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${emu.adminToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ name: 'home', xUserId: owner.xUserId }),
        });
        userToken = ((await created.json()) as { token: string }).token;
      });
      afterAll(async () => {
        await emu?.close();
        await db?.drop();
      });

      it("walks the home timeline: the user's posts and those of the accounts they follow, within X's reach, each once", async () => {
        const floorMs = Date.now() - 7 * DAY;
        const reach = await homeRows(kdb(), me, { floorMs });
        const all = await homeRows(kdb(), me);
        // Here the newest 800 reach past the last 7 days, so the clock moving during the walk changes nothing.
        expect(all.length).toBeGreaterThan(1000);
        expect(all[800]!.time).toBeLessThan(floorMs - 60_000);
        expect(reach).toEqual(all.slice(0, 800));
        const url = `${emu.url}/2/users/${me}/timelines/reverse_chronological`;
        const got = await xLoop(url, userToken, 37, { 'tweet.fields': 'author_id' });
        expectExactlyOnce(
          got.map((p) => String(p['id'])),
          reach.map((r) => r.id),
        );
        // A window inside the last 7 days: every home post in it.
        const start = new Date(Date.now() - 3 * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
        const windowed = await xLoop(url, userToken, 100, { start_time: start });
        expectExactlyOnce(
          windowed.map((p) => String(p['id'])),
          all.filter((r) => r.time >= Date.parse(start)).map((r) => r.id),
        );
        // exclude drops replies and retweets before the newest 800 are counted.
        const originals = await xLoop(url, userToken, 100, { exclude: 'replies,retweets' });
        expectExactlyOnce(
          originals.map((p) => String(p['id'])),
          (await homeRows(kdb(), me, { floorMs, exclude: [1, 2] })).map((r) => r.id),
        );
      });

      it('walks full-archive search back to 2006 with next_token, and the last 30 days by default', async () => {
        const top = await kdb()
          .selectFrom('x_tweets as t')
          .innerJoin('x_users as u', 'u.id', 't.author_id')
          .select(['u.username', sql<number>`count(*)`.as('n')])
          .groupBy('u.username')
          .orderBy(sql`count(*)`, 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        const url = `${emu.url}/2/tweets/search/all`;
        for (const [query, size] of [
          // Enough matches for several pages of the largest size (500).
          ['pagination OR api', 500],
          [`from:${top.username}`, 100],
          ['(rain OR sunny) -coffee', 10],
        ] as const) {
          const want = await searchIds(kdb(), query, { dialect: backend.name });
          expect(want.length, query).toBeGreaterThan(size);
          const got = await xLoop(
            url,
            appToken,
            size,
            { query, start_time: '2006-03-21T00:00:00Z' },
            'next_token',
          );
          expectExactlyOnce(
            got.map((t) => String(t['id'])),
            want,
          );
        }
        // The dataset reaches further back than recent search's 7 days.
        const oldest = await kdb()
          .selectFrom('x_tweets')
          .select('created_at')
          .orderBy('created_at')
          .limit(1)
          .executeTakeFirstOrThrow();
        expect(Number(oldest.created_at)).toBeLessThan(Date.now() - 20 * DAY);
        // No start_time: the last 30 days, whatever the clock did during the walk.
        const times = new Map(
          (await kdb().selectFrom('x_tweets').select(['id', 'created_at']).execute()).map((r) => [
            String(r.id),
            Number(r.created_at),
          ]),
        );
        const before = Date.now();
        const recent = (await xLoop(url, appToken, 100, { query: 'pagination' }, 'next_token')).map(
          (t) => String(t['id']),
        );
        const after = Date.now();
        expect(new Set(recent).size).toBe(recent.length);
        expect(recent.every((id) => (times.get(id) ?? 0) >= before - 30 * DAY)).toBe(true);
        const seen = new Set(recent);
        const missed = (await searchIds(kdb(), 'pagination', { dialect: backend.name })).filter(
          (id) => !seen.has(id),
        );
        expect(missed.every((id) => (times.get(id) ?? 0) < after - 30 * DAY)).toBe(true);
      });

      it('looks users up by username (any case), by usernames and by ids, with X’s partial errors', async () => {
        const users = await kdb()
          .selectFrom('x_users')
          .select(['id', 'username', 'name'])
          .where(sql<number>`length(username)`, '<=', 15)
          .orderBy('id')
          .limit(3)
          .execute();
        expect(users.length).toBe(3);
        const [a, b, c] = users.map((u) => ({
          id: String(u.id),
          name: u.name,
          username: u.username,
        }));
        const one = await getJson(
          `${emu.url}/2/users/by/username/${a!.username.toUpperCase()}?user.fields=created_at`,
          appToken,
        );
        expect(one.status).toBe(200);
        expect(one.body).toEqual({ data: { created_at: expect.stringMatching(/Z$/), ...a } });
        const many = await getJson(
          `${emu.url}/2/users/by?usernames=${b!.username},nobody_at_all,${a!.username},${b!.username.toUpperCase()}`,
          appToken,
        );
        expect(many.status).toBe(200);
        expect(many.body).toEqual({
          data: [b, a],
          errors: [
            {
              value: 'nobody_at_all',
              detail: 'Could not find user with usernames: [nobody_at_all].',
              title: 'Not Found Error',
              resource_type: 'user',
              parameter: 'usernames',
              resource_id: 'nobody_at_all',
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        });
        const byIds = await getJson(`${emu.url}/2/users?ids=${c!.id},42,${a!.id}`, appToken);
        expect(byIds.body).toEqual({
          data: [c, a],
          errors: [
            {
              value: '42',
              detail: 'Could not find user with ids: [42].',
              title: 'Not Found Error',
              resource_type: 'user',
              parameter: 'ids',
              resource_id: '42',
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        });
        // Nobody found: errors alone, still a 200.
        const none = await getJson(`${emu.url}/2/users?ids=42`, appToken);
        expect(none.status).toBe(200);
        expect(Object.keys(none.body)).toEqual(['errors']);
      });

      it('with the churn writer running, the home timeline and full-archive search return every stable row exactly once', async () => {
        const admin = emu.adminToken;
        const setChurn = (rates: object) =>
          fetch(`${emu.url}/__admin/churn`, {
            method: 'PUT',
            headers: { Authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
            body: JSON.stringify(rates),
          });
        expect(
          (await setChurn({ insertsPerSec: 100, deletesPerSec: 50, updatesPerSec: 50 })).status,
        ).toBe(200);
        const churn = emu.app.emulator.context.churn;
        // Also churn synchronously between pages, so every page boundary sees writes.
        const between = async () => churn.runOnce({ insert: 6, delete: 3, update: 3 });
        try {
          // Seeded posts of the user and of seeded follows never move or go; churned posts
          // may move the 800th newest, so only the newest 600 of them are sure to stay in reach.
          const stableHome = (await homeRows(kdb(), me, { origin: 0 }))
            .slice(0, 600)
            .map((r) => r.id);
          const home = (
            await xLoop(
              `${emu.url}/2/users/${me}/timelines/reverse_chronological`,
              userToken,
              10,
              {},
              'pagination_token',
              between,
            )
          ).map((p) => String(p['id']));
          expectOnceWithEveryStable(home, stableHome);

          const stableFound = await searchIds(kdb(), 'weather', {
            origin: 0,
            dialect: backend.name,
          });
          expect(stableFound.length).toBeGreaterThan(50);
          const found = (
            await xLoop(
              `${emu.url}/2/tweets/search/all`,
              appToken,
              10,
              { query: 'weather', start_time: '2006-03-21T00:00:00Z' },
              'next_token',
              between,
            )
          ).map((t) => String(t['id']));
          expectOnceWithEveryStable(found, stableFound);

          const stats = await getJson(`${emu.url}/__admin/churn`, admin);
          const tweets = (stats.body['stats'] as Record<string, { inserted: number }>)['x_tweets'];
          expect(tweets?.inserted).toBeGreaterThan(10);
          expect(stats.body['lastError']).toBeNull();
        } finally {
          await setChurn({});
        }
      });
    },
  );
}
