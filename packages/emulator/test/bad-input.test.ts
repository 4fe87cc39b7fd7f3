import { sql } from 'kysely';
import { ZOOM_PAGE_SIZE, ZOOM_USERS_PAGE_SIZE } from 'pagewise/styles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator, type EmulatorApp } from '../src/index.js';
import {
  BACKENDS,
  createDb,
  TEST_SIZES,
  TEST_TOKEN_KEYS,
  type TestDb,
} from './emulator-fixtures.js';

const ZOOM_TOKEN_ERROR = { code: 300, message: 'The next page token is invalid or expired.' };
const zoomValidation = (field: string) => ({
  code: 300,
  message: 'Validation Failed.',
  errors: [{ field, message: 'Invalid field.' }],
});
const xInvalid = (param: string, values: string[], message: string) => ({
  errors: [{ parameters: { [param]: values }, message }],
  title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.',
  type: 'https://api.twitter.com/2/problems/invalid-request',
});

interface Endpoint {
  readonly style: 'zoom' | 'x';
  /** Path plus the query a valid first page needs. */
  readonly path: string;
  readonly sizeParam: string;
  readonly min: number;
  readonly max: number;
  readonly tokenParam: string;
  /** An extra parameter that changes the query (so a token of the original query must not open). */
  readonly otherQuery: string;
  /** Headers of its requests. @default the owner's app token */
  readonly headers?: Record<string, string>;
  /** Another principal of the kind the endpoint takes. @default an admin-created user token */
  readonly otherHeaders?: Record<string, string>;
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`bad-input corpus against every endpoint (${backend.name})`, () => {
    let app: EmulatorApp;
    let db: TestDb;
    let clock = Date.now();
    const responses: { url: string; status: number }[] = [];
    const auth = { authorization: 'Bearer test-api-token' };
    let endpoints: Endpoint[] = [];
    let otherToken = '';
    let webinarId = '';
    let userHeaders: Record<string, string> = {};
    let ownerXUserId = '';

    async function get(url: string, headers: Record<string, string> = auth) {
      const res = await app.inject({ url, headers });
      responses.push({ url, status: res.statusCode });
      return {
        status: res.statusCode,
        body: res.json() as Record<string, unknown>,
        headers: res.headers,
      };
    }

    beforeAll(async () => {
      db = await createDb(backend.name);
      app = await buildEmulator({
        database: db.url,
        logger: false,
        print: () => {},
        sizes: TEST_SIZES,
        apiToken: 'test-api-token',
        adminToken: 'test-admin-token',
        tokenKeys: TEST_TOKEN_KEYS,
        rateLimit: 'off',
        env: {},
        now: () => clock,
      });
      const ds = (
        await app.inject({
          url: '/__admin/dataset',
          headers: { authorization: 'Bearer test-admin-token' },
        })
      ).json() as {
        owner: { zoomUserId: string; xUserId: string };
        samples: { zoomPastMeetingUuids: string[]; xTopAuthors: { id: string }[] };
      };
      const p = (
        await app.inject({
          method: 'POST',
          url: '/__admin/principals',
          headers: { authorization: 'Bearer test-admin-token' },
          payload: { name: 'other' },
        })
      ).json() as {
        token: string;
      };
      otherToken = p.token;
      const principal = async (payload: object) =>
        (
          (
            await app.inject({
              method: 'POST',
              url: '/__admin/principals',
              headers: { authorization: 'Bearer test-admin-token' },
              payload,
            })
          ).json() as { token: string }
        ).token;
      ownerXUserId = ds.owner.xUserId;
      // The home timeline takes user tokens: two principals acting as the owner's X user.
      userHeaders = {
        authorization: `Bearer ${await principal({ name: 'me', xUserId: ds.owner.xUserId })}`,
      };
      const otherUser = {
        authorization: `Bearer ${await principal({ name: 'me too', xUserId: ds.owner.xUserId })}`,
      };
      // Full-archive search takes app tokens: another app.
      const otherApp = {
        authorization: `Bearer ${await principal({ name: 'other app', xAuth: 'app' })}`,
      };
      const uuid = encodeURIComponent(encodeURIComponent(ds.samples.zoomPastMeetingUuids[0] ?? ''));
      const meetingId = String(
        (
          await app.emulator.context.handle.db
            .selectFrom('zoom_meetings')
            .select('id')
            .where('participants_count', '>=', 3)
            .limit(1)
            .executeTakeFirstOrThrow()
        ).id,
      );
      webinarId = String(
        (
          await app.emulator.context.handle.db
            .selectFrom('zoom_webinars')
            .select('id')
            .where('end_time', '<=', clock)
            .orderBy('participants_count', 'desc')
            .limit(1)
            .executeTakeFirstOrThrow()
        ).id,
      );
      const top = ds.samples.xTopAuthors[0]?.id ?? '';
      const kdb = app.emulator.context.handle.db;
      const first = async (q: Promise<{ k: unknown } | undefined>) => String((await q)?.k ?? '');
      const mentioned = await first(
        kdb
          .selectFrom('x_mentions')
          .select('user_id as k')
          .groupBy('user_id')
          .orderBy(sql`count(*)`, 'desc')
          .limit(1)
          .executeTakeFirst(),
      );
      const liker = await first(
        kdb
          .selectFrom('x_likes')
          .select('user_id as k')
          .groupBy('user_id')
          .orderBy(sql`count(*)`, 'desc')
          .limit(1)
          .executeTakeFirst(),
      );
      const post = (column: 'like_count' | 'retweet_count' | 'quote_count') =>
        first(
          kdb
            .selectFrom('x_tweets')
            .select('id as k')
            .orderBy(column, 'desc')
            .limit(1)
            .executeTakeFirst(),
        );
      const xList = (path: string, min: number, max: number, otherQuery: string): Endpoint => ({
        style: 'x',
        path,
        sizeParam: 'max_results',
        min,
        max,
        tokenParam: 'pagination_token',
        otherQuery,
      });
      const zoom = (path: string, max = ZOOM_PAGE_SIZE.max): Endpoint => ({
        style: 'zoom',
        path,
        sizeParam: 'page_size',
        min: 1,
        max,
        tokenParam: 'next_page_token',
        otherQuery: 'role_id=9',
      });
      const dates = 'from=2020-01-01&to=2030-12-31';
      endpoints = [
        // GET /users takes up to 2000 (Zoom's current Users document).
        zoom('/v2/users?x=1', ZOOM_USERS_PAGE_SIZE.max),
        zoom('/v2/users/me/meetings?x=1'),
        zoom(`/v2/report/users/me/meetings?${dates}`),
        zoom(`/v2/metrics/meetings?type=past&${dates}`),
        zoom(`/v2/past_meetings/${uuid}/participants?x=1`),
        zoom(`/v2/report/meetings/${meetingId}/participants?x=1`),
        zoom(`/v2/metrics/meetings/${meetingId}/participants?type=past`),
        zoom(`/v2/metrics/webinars?type=past&${dates}`),
        zoom(`/v2/metrics/webinars/${webinarId}/participants?type=past`),
        {
          style: 'x',
          path: `/2/users/${top}/tweets?tweet.fields=created_at`,
          sizeParam: 'max_results',
          min: 5,
          max: 100,
          tokenParam: 'pagination_token',
          otherQuery: 'expansions=author_id',
        },
        {
          style: 'x',
          path: `/2/users/${ds.owner.xUserId}/followers?user.fields=created_at`,
          sizeParam: 'max_results',
          min: 1,
          max: 1000,
          tokenParam: 'pagination_token',
          otherQuery: 'expansions=pinned_tweet_id',
        },
        {
          style: 'x',
          path: `/2/users/${ds.owner.xUserId}/following?user.fields=created_at`,
          sizeParam: 'max_results',
          min: 1,
          max: 1000,
          tokenParam: 'pagination_token',
          otherQuery: 'expansions=pinned_tweet_id',
        },
        {
          style: 'x',
          path: '/2/tweets/search/recent?query=api',
          sizeParam: 'max_results',
          min: 10,
          max: 100,
          tokenParam: 'next_token',
          otherQuery: 'expansions=author_id',
        },
        xList(
          `/2/users/${mentioned}/mentions?tweet.fields=created_at`,
          5,
          100,
          'expansions=author_id',
        ),
        xList(
          `/2/users/${liker}/liked_tweets?tweet.fields=created_at`,
          5,
          100,
          'expansions=author_id',
        ),
        xList(
          `/2/tweets/${await post('like_count')}/liking_users?user.fields=created_at`,
          1,
          100,
          'expansions=pinned_tweet_id',
        ),
        xList(
          `/2/tweets/${await post('retweet_count')}/retweeted_by?user.fields=created_at`,
          1,
          100,
          'expansions=pinned_tweet_id',
        ),
        xList(
          `/2/tweets/${await post('quote_count')}/quote_tweets?tweet.fields=created_at`,
          10,
          100,
          'expansions=author_id',
        ),
        {
          style: 'x',
          path: `/2/users/${ds.owner.xUserId}/timelines/reverse_chronological?tweet.fields=created_at`,
          sizeParam: 'max_results',
          min: 1,
          max: 100,
          tokenParam: 'pagination_token',
          otherQuery: 'expansions=author_id',
          headers: userHeaders,
          otherHeaders: otherUser,
        },
        {
          style: 'x',
          path: '/2/tweets/search/all?query=api&start_time=2006-03-21T00:00:00Z',
          sizeParam: 'max_results',
          min: 10,
          max: 500,
          tokenParam: 'next_token',
          otherQuery: 'expansions=author_id',
          otherHeaders: otherApp,
        },
      ];
      // Zoom's 'x=1' placeholder is an unknown parameter Zoom ignores; drop it from the fingerprint tests by keeping it constant.
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    const sep = (path: string) => (path.includes('?') ? '&' : '?');

    /** A valid token for the endpoint's second page (the endpoint must have one). */
    async function secondPageToken(e: Endpoint, headers = e.headers ?? auth): Promise<string> {
      const size = e.style === 'zoom' ? 1 : e.min;
      const res = await get(`${e.path}${sep(e.path)}${e.sizeParam}=${size}`, headers);
      expect(res.status).toBe(200);
      const token =
        e.style === 'zoom'
          ? (res.body['next_page_token'] as string)
          : (res.body['meta'] as { next_token: string }).next_token;
      expect(token).toBeTruthy();
      return token;
    }

    function expectTokenError(
      e: Endpoint,
      res: { status: number; body: unknown },
      sent: string,
    ): void {
      expect(res.status).toBe(400);
      if (e.style === 'zoom') expect(res.body).toEqual(ZOOM_TOKEN_ERROR);
      else {
        const echo = sent.length > 128 ? `${sent.slice(0, 128)}...` : sent;
        expect(res.body).toEqual(
          xInvalid(
            e.tokenParam,
            [echo],
            `The \`${e.tokenParam}\` query parameter value [${echo}] is not a valid token.`,
          ),
        );
      }
    }

    it('page sizes: -1, 0, below min, one past max, huge, non-numeric, fractional, repeated', async () => {
      for (const e of endpoints) {
        const url = (v: string) => `${e.path}${sep(e.path)}${v}`;
        const h = e.headers ?? auth;
        for (const v of [
          '-1',
          '0',
          String(e.min - 1),
          String(e.max + 1),
          '99999999999999999999999',
          'abc',
          '1.5',
          '',
        ]) {
          const res = await get(url(`${e.sizeParam}=${encodeURIComponent(v)}`), h);
          const tooBig = Number(v) > e.max;
          if (e.style === 'zoom') {
            if (tooBig) {
              // Zoom clamps (UNCONFIRMED, see README): a normal page of the maximum.
              expect(res.status, `${e.path} ${v}`).toBe(200);
              expect(res.body['page_size']).toBe(e.max);
            } else {
              expect(res.status, `${e.path} ${v}`).toBe(400);
              expect(res.body).toEqual(zoomValidation('page_size'));
            }
          } else {
            expect(res.status, `${e.path} ${v}`).toBe(400);
            expect(res.body).toEqual(
              xInvalid(
                'max_results',
                [v],
                `The \`max_results\` query parameter value [${v}] is not between ${e.min} and ${e.max}`,
              ),
            );
          }
        }
        const rep = await get(url(`${e.sizeParam}=10&${e.sizeParam}=20`), h);
        expect(rep.status).toBe(400);
        if (e.style === 'zoom') expect(rep.body).toEqual(zoomValidation('page_size'));
        else
          expect(rep.body).toEqual(
            xInvalid(
              'max_results',
              ['10', '20'],
              'The `max_results` query parameter can only be given once, got [10,20]',
            ),
          );
      }
    });

    it('tokens: garbage, truncated, tampered, oversized, other user, other endpoint, other query, expired', async () => {
      for (const [i, e] of endpoints.entries()) {
        const withToken = (t: string, path = e.path, h = e.headers ?? auth) =>
          get(`${path}${sep(path)}${e.tokenParam}=${encodeURIComponent(t)}`, h);
        const good = await secondPageToken(e);
        expect((await withToken(good)).status).toBe(200);
        const middle = Math.floor(good.length / 2);
        const tampered =
          good.slice(0, middle) + (good[middle] === 'A' ? 'B' : 'A') + good.slice(middle + 1);
        for (const bad of ['garbage', good.slice(0, -5), tampered, 'A'.repeat(5000), `${good}x`]) {
          expectTokenError(e, await withToken(bad), bad);
        }
        // Another principal's token opens nothing.
        expectTokenError(
          e,
          await withToken(
            good,
            e.path,
            e.otherHeaders ?? { authorization: `Bearer ${otherToken}` },
          ),
          good,
        );
        // Another endpoint's token.
        const other = endpoints[(i + 1) % endpoints.length] as Endpoint;
        const foreign = await secondPageToken(other);
        expectTokenError(e, await withToken(foreign), foreign);
        // Same endpoint, another query.
        expectTokenError(e, await withToken(good, `${e.path}&${e.otherQuery}`), good);
      }
      // Expired: the clock moves past the 15-minute lifetime (plus the codec's 30 s skew).
      const e = endpoints[0] as Endpoint;
      const t = await secondPageToken(e);
      clock += 16 * 60_000;
      try {
        expectTokenError(e, await get(`${e.path}&${e.tokenParam}=${encodeURIComponent(t)}`), t);
      } finally {
        clock -= 16 * 60_000;
      }
    });

    it('bad ids, unknown users and meetings, bad and missing dates, bad windows', async () => {
      expect(await get('/v2/users/nobody/meetings')).toMatchObject({
        status: 404,
        body: { code: 1001, message: 'User not exist: nobody' },
      });
      expect(
        await get('/v2/report/users/nobody/meetings?from=2024-01-01&to=2024-01-31'),
      ).toMatchObject({
        status: 404,
        body: { code: 1001, message: 'User not exist: nobody' },
      });
      expect((await get('/v2/past_meetings/nope/participants')).body).toEqual({
        code: 3001,
        message: 'Meeting does not exist: nope.',
      });
      expect((await get('/v2/report/meetings/123/participants')).status).toBe(404);
      for (const [q, field] of [
        ['from=2024-13-45&to=2024-01-31', 'from'],
        ['from=2024-01-01&to=tomorrow', 'to'],
        ['to=2024-01-31', 'from'],
        ['from=2024-01-01', 'to'],
        ['from=2024-02-01&to=2024-01-01', 'from'],
      ] as const) {
        const res = await get(`/v2/metrics/meetings?${q}`);
        expect(res.status, q).toBe(400);
        expect(res.body).toMatchObject({
          code: 300,
          message: 'Validation Failed.',
          errors: [{ field }],
        });
      }
      // The Dashboard lists: unknown ids, unended meetings, bad enums, missing and bad dates.
      const dashboardMeeting404 = {
        code: 3001,
        message: 'Meeting ID is invalid or has not ended.',
      };
      const webinar404 = {
        code: 3001,
        message: "This webinar's detail info is not available or ID is not valid.",
      };
      for (const id of ['nope', '123', '%252Fnope%252F%252F', 'A'.repeat(90)]) {
        expect(await get(`/v2/metrics/meetings/${id}/participants`), id).toMatchObject({
          status: 404,
          body: dashboardMeeting404,
        });
        expect(await get(`/v2/metrics/webinars/${id}/participants?type=past`), id).toMatchObject({
          status: 404,
          body: webinar404,
        });
      }
      const db = app.emulator.context.handle.db;
      const upcoming = await db
        .selectFrom('zoom_meetings')
        .select('id')
        .where('start_time', '>', clock)
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(await get(`/v2/metrics/meetings/${upcoming.id}/participants?type=past`)).toMatchObject(
        { status: 404, body: dashboardMeeting404 },
      );
      // Live (the default) on a meeting that is not in progress: nobody is in it.
      expect(await get(`/v2/metrics/meetings/${upcoming.id}/participants`)).toMatchObject({
        status: 200,
        body: { total_records: 0, next_page_token: '', participants: [] },
      });
      const ended = await db
        .selectFrom('zoom_meetings')
        .select(['id', 'start_time'])
        .where('end_time', '<=', clock)
        .where('participants_count', '>', 0)
        .limit(1)
        .executeTakeFirstOrThrow();
      const endedDay = new Date(Number(ended.start_time)).toISOString().slice(0, 10);
      expect(
        (
          await get(
            `/v2/metrics/meetings/${ended.id}/participants?type=past&from=${endedDay}&to=${endedDay}`,
          )
        ).status,
      ).toBe(200);
      // A range that leaves the meeting out.
      expect(
        await get(
          `/v2/metrics/meetings/${ended.id}/participants?type=past&from=2001-01-01&to=2001-01-31`,
        ),
      ).toMatchObject({ status: 404, body: dashboardMeeting404 });
      for (const [url, field] of [
        [`/v2/metrics/meetings/${ended.id}/participants?type=upcoming`, 'type'],
        [`/v2/metrics/meetings/${ended.id}/participants?include_fields=email`, 'include_fields'],
        [`/v2/metrics/meetings/${ended.id}/participants?type=past&from=2024-02-30`, 'from'],
        [
          `/v2/metrics/meetings/${ended.id}/participants?type=past&from=2024-03-01&to=2024-02-01`,
          'from',
        ],
        [`/v2/metrics/meetings/${ended.id}/participants?type=past&to=soon`, 'to'],
        [`/v2/metrics/webinars/${webinarId}/participants?type=pastOne`, 'type'],
        [
          `/v2/metrics/webinars/${webinarId}/participants?include_fields=registrant`,
          'include_fields',
        ],
        ['/v2/metrics/webinars?from=2024-01-01&to=2024-01-31&type=pastOne', 'type'],
        ['/v2/metrics/webinars?to=2024-01-31', 'from'],
        ['/v2/metrics/webinars?from=2024-01-01', 'to'],
        ['/v2/metrics/webinars?from=2024-01-01&to=2024-13-01', 'to'],
        ['/v2/metrics/webinars?from=2024-02-01&to=2024-01-01', 'from'],
      ] as const) {
        const res = await get(url);
        expect(res.status, url).toBe(400);
        expect(res.body, url).toMatchObject({
          code: 300,
          message: 'Validation Failed.',
          errors: [{ field }],
        });
      }
      // group_id is matched exactly, LIKE wildcards included: no group is named '%'.
      expect(
        (
          await get(
            `/v2/metrics/webinars?type=past&${'from=2020-01-01&to=2030-12-31'}&group_id=%25`,
          )
        ).body,
      ).toMatchObject({ total_records: 0, webinars: [] });
      expect((await get('/v2/users?status=deleted')).body).toEqual(zoomValidation('status'));
      expect((await get('/v2/users/me/meetings?type=nope')).body).toEqual(zoomValidation('type'));
      expect((await get('/v2/users?page_number=0')).body).toEqual(zoomValidation('page_number'));

      expect((await get('/2/users/abc')).body).toEqual(
        xInvalid(
          'id',
          ['abc'],
          'The `id` query parameter value [abc] does not match ^[0-9]{1,19}$',
        ),
      );
      expect((await get('/2/users/abc/tweets')).status).toBe(400);
      const missing = await get('/2/users/42/tweets');
      expect(missing.status).toBe(200);
      expect(missing.body).toMatchObject({
        errors: [{ title: 'Not Found Error', resource_id: '42', parameter: 'id' }],
      });
      const uid = (await get('/2/users/me')).body['data'] as { id: string };
      expect((await get(`/2/users/${uid.id}/tweets?since_id=abc`)).body).toEqual(
        xInvalid(
          'since_id',
          ['abc'],
          'The `since_id` query parameter value [abc] does not match ^[0-9]{1,19}$',
        ),
      );
      expect((await get(`/2/users/${uid.id}/tweets?start_time=yesterday`)).status).toBe(400);
      expect((await get(`/2/users/${uid.id}/tweets?tweet.fields=nope`)).body).toMatchObject({
        errors: [{ parameters: { 'tweet.fields': ['nope'] } }],
        title: 'Invalid Request',
      });
      expect((await get(`/2/users/${uid.id}/tweets?bogus=1`)).body).toMatchObject({
        errors: [{ parameters: { bogus: ['1'] } }],
      });
      expect((await get(`/2/users/${uid.id}/followers?next_token=abc`)).status).toBe(400);
      // The new lists: a bad id is a 400, an unknown user or post X's not-found, a stray parameter a 400.
      for (const list of ['mentions', 'liked_tweets']) {
        expect((await get(`/2/users/abc/${list}`)).status).toBe(400);
        expect((await get(`/2/users/42/${list}`)).body).toMatchObject({
          errors: [{ title: 'Not Found Error', resource_type: 'user', resource_id: '42' }],
        });
        expect((await get(`/2/users/${uid.id}/${list}?next_token=abc`)).status).toBe(400);
      }
      for (const list of ['liking_users', 'retweeted_by', 'quote_tweets']) {
        expect((await get(`/2/tweets/abc/${list}`)).body).toEqual(
          xInvalid(
            'id',
            ['abc'],
            'The `id` query parameter value [abc] does not match ^[0-9]{1,19}$',
          ),
        );
        const missing = await get(`/2/tweets/42/${list}`);
        expect(missing.status).toBe(200);
        expect(missing.body).toMatchObject({
          errors: [{ title: 'Not Found Error', resource_type: 'tweet', resource_id: '42' }],
        });
        expect((await get(`/2/tweets/42/${list}?since_id=1`)).status).toBe(400);
      }
      expect((await get(`/2/users/${uid.id}/mentions?start_time=yesterday`)).status).toBe(400);
      expect((await get(`/2/users/${uid.id}/liked_tweets?since_id=1`)).status).toBe(400);
      expect((await get('/2/tweets/42/quote_tweets?exclude=likes')).body).toMatchObject({
        errors: [{ parameters: { exclude: ['likes'] } }],
      });
      expect((await get('/2/tweets/search/recent')).body).toEqual(
        xInvalid('query', [], 'The `query` query parameter can not be empty'),
      );
      expect((await get('/2/tweets/search/recent?query=lang%3Aen')).body).toMatchObject({
        errors: [{ parameters: { query: ['lang:en'] } }],
      });
      expect(
        (await get('/2/tweets/search/recent?query=api&start_time=2001-01-01T00:00:00Z')).status,
      ).toBe(400);
    });

    it('user lookups: missing, empty, repeated, too many and malformed usernames and ids', async () => {
      const tooMany = Array.from({ length: 101 }, (_, i) => `u${i}`).join(',');
      const cases: [string, string, string[], string][] = [
        ['/2/users/by', 'usernames', [], 'The `usernames` query parameter can not be empty'],
        [
          '/2/users/by?usernames=',
          'usernames',
          [''],
          'The `usernames` query parameter can not be empty',
        ],
        [
          `/2/users/by?usernames=${tooMany}`,
          'usernames',
          [`${tooMany.slice(0, 128)}...`],
          'The number of values in the `usernames` query parameter list [101] is not between 1 and 100',
        ],
        [
          '/2/users/by?usernames=ok_name,bad-name',
          'usernames',
          ['bad-name'],
          'The `usernames` query parameter value [bad-name] does not match ^[A-Za-z0-9_]{1,15}$',
        ],
        [
          '/2/users/by?usernames=ok_name,,other',
          'usernames',
          [''],
          'The `usernames` query parameter value [] does not match ^[A-Za-z0-9_]{1,15}$',
        ],
        [
          '/2/users/by?usernames=sixteen_letters_',
          'usernames',
          ['sixteen_letters_'],
          'The `usernames` query parameter value [sixteen_letters_] does not match ^[A-Za-z0-9_]{1,15}$',
        ],
        [
          '/2/users/by?usernames=a&usernames=b',
          'usernames',
          ['a', 'b'],
          // The route schema's answer, as for every repeated single-value parameter.
          'The `usernames` query parameter value [a,b] is not valid',
        ],
        ['/2/users', 'ids', [], 'The `ids` query parameter can not be empty'],
        [
          '/2/users?ids=12,abc',
          'ids',
          ['abc'],
          'The `ids` query parameter value [abc] does not match ^[0-9]{1,19}$',
        ],
        [
          '/2/users?ids=12345678901234567890',
          'ids',
          ['12345678901234567890'],
          'The `ids` query parameter value [12345678901234567890] does not match ^[0-9]{1,19}$',
        ],
        [
          `/2/users?ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`,
          'ids',
          [
            `${Array.from({ length: 101 }, (_, i) => i + 1)
              .join(',')
              .slice(0, 128)}...`,
          ],
          'The number of values in the `ids` query parameter list [101] is not between 1 and 100',
        ],
        [
          '/2/users/by/username/bad-name',
          'username',
          ['bad-name'],
          'The `username` query parameter value [bad-name] does not match ^[A-Za-z0-9_]{1,15}$',
        ],
        [
          '/2/users/by/username/sixteen_letters_',
          'username',
          ['sixteen_letters_'],
          'The `username` query parameter value [sixteen_letters_] does not match ^[A-Za-z0-9_]{1,15}$',
        ],
      ];
      for (const [url, param, values, message] of cases) {
        const res = await get(url);
        expect(res.status, url).toBe(400);
        expect(res.body, url).toEqual(xInvalid(param, values, message));
      }
      // An id above int64 matches the pattern but names nobody.
      const huge = await get('/2/users?ids=9999999999999999999');
      expect(huge.status).toBe(200);
      expect(huge.body).toMatchObject({ errors: [{ value: '9999999999999999999' }] });
      expect((await get('/2/users/by?usernames=nobody&media.fields=url')).body).toMatchObject({
        errors: [{ parameters: { 'media.fields': ['url'] } }],
      });
      // `by` is no user id: /2/users/by is its own route, even without usernames.
      expect((await get('/2/users/by?user.fields=created_at')).body).toEqual(
        xInvalid('usernames', [], 'The `usernames` query parameter can not be empty'),
      );
    });

    it('home timeline and full-archive search: the wrong kind of token, another user, bad windows', async () => {
      const unsupported = (detail: string) => ({
        title: 'Unsupported Authentication',
        detail,
        type: 'https://api.twitter.com/2/problems/unsupported-authentication',
        status: 403,
      });
      const home = `/2/users/${ownerXUserId}/timelines/reverse_chronological`;
      const appHome = await get(home);
      expect(appHome.status).toBe(403);
      expect(appHome.headers['content-type']).toBe('application/problem+json');
      expect(appHome.body).toEqual(
        unsupported(
          'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
        ),
      );
      const userSearch = await get('/2/tweets/search/all?query=api', userHeaders);
      expect(userSearch.status).toBe(403);
      expect(userSearch.body).toEqual(
        unsupported(
          'Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
        ),
      );
      // Somebody else's home timeline.
      const other = (
        await app.emulator.context.handle.db
          .selectFrom('x_users')
          .select('id')
          .where('id', '!=', BigInt(ownerXUserId))
          .limit(1)
          .executeTakeFirstOrThrow()
      ).id;
      expect(
        (await get(`/2/users/${other}/timelines/reverse_chronological`, userHeaders)).body,
      ).toEqual(
        xInvalid(
          'id',
          [String(other)],
          `The \`id\` query parameter value [${other}] must be the same as the authenticating user [${ownerXUserId}]`,
        ),
      );
      expect((await get('/2/users/abc/timelines/reverse_chronological', userHeaders)).body).toEqual(
        xInvalid(
          'id',
          ['abc'],
          'The `id` query parameter value [abc] does not match ^[0-9]{1,19}$',
        ),
      );
      expect((await get(`${home}?exclude=mentions`, userHeaders)).body).toEqual(
        xInvalid(
          'exclude',
          ['mentions'],
          'The `exclude` query parameter value [mentions] is not one of [replies,retweets]',
        ),
      );
      expect((await get(`${home}?start_time=yesterday`, userHeaders)).status).toBe(400);
      expect((await get(`${home}?next_token=abc`, userHeaders)).status).toBe(400);
      expect(
        (await get('/2/tweets/search/all?query=api&start_time=2006-01-01T00:00:00Z')).body,
      ).toEqual(
        xInvalid(
          'start_time',
          ['2006-01-01T00:00:00Z'],
          "Invalid 'start_time':'2006-01-01T00:00:00Z'. 'start_time' must be on or after 2006-03-21T00:00Z",
        ),
      );
      // Queries: up to 1,024 characters here (recent search stops at 512).
      const long = Array.from({ length: 120 }, () => 'pagination').join(' ');
      expect(long.length).toBeGreaterThan(1024);
      expect((await get(`/2/tweets/search/all?query=${long.slice(0, 1000)}`)).status).toBe(200);
      expect((await get(`/2/tweets/search/recent?query=${long.slice(0, 1000)}`)).status).toBe(400);
      expect((await get(`/2/tweets/search/all?query=${long}`)).body).toEqual(
        xInvalid(
          'query',
          [long.slice(0, 128)],
          `The \`query\` query parameter value must be 1024 characters or fewer, got ${long.length}`,
        ),
      );
      expect((await get('/2/tweets/search/all')).body).toEqual(
        xInvalid('query', [], 'The `query` query parameter can not be empty'),
      );
      expect((await get('/2/tweets/search/all?query=lang%3Aen')).body).toMatchObject({
        errors: [{ parameters: { query: ['lang:en'] } }],
      });
      expect((await get('/2/tweets/search/all?query=api&previous_token=x')).status).toBe(400);
    });

    it('oversized query strings are 400s, never 5xx', async () => {
      const long = 'a'.repeat(600);
      expect((await get(`/2/tweets/search/recent?query=${long}`)).status).toBe(400);
      // 5,000 digits is not a number Zoom could mean: a validation error, not a clamp.
      expect((await get(`/v2/users?page_size=${'9'.repeat(5000)}`)).body).toEqual(
        zoomValidation('page_size'),
      );
      expect(
        (await get(`/2/tweets/search/recent?query=api&max_results=${'1'.repeat(3000)}`)).status,
      ).toBe(400);
    });

    it('answered every request of the corpus without a single 5xx', () => {
      expect(responses.length).toBeGreaterThan(150);
      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    });
  });
}
