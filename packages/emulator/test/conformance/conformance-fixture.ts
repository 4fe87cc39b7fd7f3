import { sql } from 'kysely';
import { snowflake } from '../../src/data/ids.js';
import type { EmulatorApp } from '../../src/index.js';

/**
 * Ids and values the conformance requests use, read from the emulator's
 * database, plus a few rows the suite adds for empty answers (a user with
 * no posts and no follows, a Zoom user with no meetings, a post nobody
 * references).
 */
export interface ConformanceFixture {
  readonly zoom: {
    readonly ownerUserId: string;
    /** The host with the most meetings. */
    readonly busyUserId: string;
    /** A user with no meetings (added by the suite). */
    readonly lonelyUserId: string;
    /** The past meeting with the most participants: numeric id and UUID. */
    readonly meetingId: string;
    readonly meetingUuid: string;
    /** A meeting that has not started (no participants). */
    readonly futureMeetingId: string;
    /** `from`/`to` covering the whole dataset, and a range holding nothing. */
    readonly range: Readonly<Record<'from' | 'to', string>>;
    readonly emptyRange: Readonly<Record<'from' | 'to', string>>;
  };
  readonly x: {
    readonly ownerUserId: string;
    /** A user token acting as the owner (for endpoints that refuse app tokens). */
    readonly ownerUserToken: string;
    readonly ownerUsername: string;
    /** The author with the most posts. */
    readonly busyUserId: string;
    readonly busyUsername: string;
    /** A user with no posts, followers or follows (added by the suite). */
    readonly lonelyUserId: string;
    /** The post most often replied to or reposted. */
    readonly popularTweetId: string;
    /** A post nobody replied to, reposted, quoted or liked (added by the suite). */
    readonly lonelyTweetId: string;
    /** An id no user or post has. */
    readonly missingId: string;
  };
  /** The `field` of the first item of an emulator list (for ids only the API knows). */
  firstId(
    path: string,
    itemsKey: string,
    field: string,
    query?: Readonly<Record<string, string>>,
  ): Promise<string>;
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Snowflake sequence numbers no generated or churned row uses in the same millisecond. */
const LONELY_SEQUENCE = 0x3ffffe;

/** Reads (and adds) the fixture rows on `app`'s database. */
export async function loadConformanceFixture(
  app: EmulatorApp,
  apiToken: string,
): Promise<ConformanceFixture> {
  const ctx = app.emulator.context;
  const db = ctx.handle.db;
  const anchor = ctx.options.anchorMs;
  const ds = (
    await app.inject({
      url: '/__admin/dataset',
      headers: { authorization: `Bearer ${ctx.options.adminToken}` },
    })
  ).json() as { owner: { zoomUserId: string; xUserId: string } };

  const busyZoom = await db
    .selectFrom('zoom_meetings')
    .select(['host_id', sql<number>`count(*)`.as('n')])
    .groupBy('host_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('host_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const meeting = await db
    .selectFrom('zoom_meetings')
    .select(['id', 'uuid'])
    .where('end_time', '<=', Date.now())
    .orderBy('participants_count', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const future = await db
    .selectFrom('zoom_meetings')
    .select('id')
    .where('start_time', '>', Date.now())
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const lonelyZoom = 'LonelyConformanceUser0';
  await db
    .insertInto('zoom_users')
    .values({
      id: lonelyZoom,
      seq: 999_999_999,
      first_name: 'Lonely',
      last_name: 'User',
      email: 'lonely.conformance@example.com',
      type: 1,
      pmi: '5550001111',
      timezone: 'UTC',
      dept: '',
      created_at: anchor - 10 * DAY,
      last_login_time: anchor - DAY,
      last_client_version: '5.17.11.34827(mac)',
      status: 'active',
      role_id: '2',
      group_ids: '[]',
      im_group_ids: '[]',
      origin: 1,
    })
    .execute();

  const busyX = await db
    .selectFrom('x_tweets')
    .select(['author_id', sql<number>`count(*)`.as('n')])
    .groupBy('author_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('author_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const popular = await db
    .selectFrom('x_tweets')
    .select(['referenced_tweet_id', sql<number>`count(*)`.as('n')])
    .where('referenced_tweet_id', 'is not', null)
    .groupBy('referenced_tweet_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('referenced_tweet_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const username = async (id: bigint | number | string) =>
    (
      await db
        .selectFrom('x_users')
        .select('username')
        .where('id', '=', BigInt(id))
        .executeTakeFirstOrThrow()
    ).username;
  // Ids encode their creation time, as every X id of the dataset does.
  const lonelyUserId = snowflake(anchor - 30 * DAY, LONELY_SEQUENCE);
  const lonelyTweetId = snowflake(anchor - 2 * DAY, LONELY_SEQUENCE);
  await db
    .insertInto('x_users')
    .values({
      id: lonelyUserId,
      name: 'Lonely User',
      username: 'lonely_user',
      created_at: anchor - 30 * DAY,
      description: 'Nobody here yet',
      location: '',
      verified: 0,
      protected: 0,
      origin: 1,
    })
    .execute();
  await db
    .insertInto('x_tweets')
    .values({
      id: lonelyTweetId,
      author_id: BigInt(busyX.author_id),
      created_at: anchor - 2 * DAY,
      text: 'A post nobody answers',
      kind: 0,
      in_reply_to_user_id: null,
      referenced_tweet_id: null,
      lang: 'en',
      like_count: 0,
      retweet_count: 0,
      reply_count: 0,
      quote_count: 0,
      origin: 1,
    })
    .execute();

  return {
    zoom: {
      ownerUserId: ds.owner.zoomUserId,
      busyUserId: busyZoom.host_id,
      lonelyUserId: lonelyZoom,
      meetingId: String(meeting.id),
      meetingUuid: meeting.uuid,
      futureMeetingId: String(future.id),
      range: { from: day(anchor - 200 * DAY), to: day(anchor + 40 * DAY) },
      emptyRange: { from: '2001-01-01', to: '2001-01-31' },
    },
    x: {
      ownerUserId: ds.owner.xUserId,
      ownerUserToken: (
        (
          await app.inject({
            method: 'POST',
            url: '/__admin/principals',
            headers: { authorization: `Bearer ${ctx.options.adminToken}` },
            payload: { name: 'conformance-user', xUserId: ds.owner.xUserId },
          })
        ).json() as { token: string }
      ).token,
      ownerUsername: await username(ds.owner.xUserId),
      busyUserId: String(busyX.author_id),
      busyUsername: await username(busyX.author_id),
      lonelyUserId: String(lonelyUserId),
      popularTweetId: String(popular.referenced_tweet_id),
      lonelyTweetId: String(lonelyTweetId),
      missingId: '1',
    },
    async firstId(path, itemsKey, field, query = {}) {
      const res = await app.inject({
        url: path,
        query: { ...query },
        headers: { authorization: `Bearer ${apiToken}` },
      });
      const items = (res.json() as Record<string, unknown>)[itemsKey];
      const first = Array.isArray(items)
        ? (items[0] as Record<string, unknown> | undefined)
        : undefined;
      if (first?.[field] === undefined) {
        throw new Error(`no ${itemsKey}[0].${field} in GET ${path} (status ${res.statusCode})`);
      }
      return String(first[field]);
    },
  };
}
