import type { FastifyInstance, FastifyReply } from 'fastify';
import { type SqlBool, sql } from 'kysely';
import { CHURN_TABLES } from '../churn/churn-writer.js';
import { readDatasetFingerprint } from '../data/seed-database.js';
import type { EmulatorContext } from '../emulator-context.js';
import { requireAdmin } from './require-admin.js';

/** Lists whose ids `GET /__admin/dataset/ids` returns, in each list's API order. */
export const ADMIN_ID_LISTS = [
  'zoom.users',
  'zoom.user_meetings',
  'zoom.participants',
  'x.users',
  'x.user_tweets',
  'x.followers',
  'x.following',
] as const;

const COUNTED_TABLES = [
  'zoom_users',
  'zoom_meetings',
  'zoom_participants',
  'zoom_webinars',
  'zoom_webinar_participants',
  'x_users',
  'x_tweets',
  'x_follows',
] as const;

/**
 * The admin API under `/__admin`, behind its own bearer token
 * (`PAGEWISE_ADMIN_TOKEN`): dataset facts for tests, faults, churn, and
 * extra API principals. JSON in, JSON out; hidden from `/openapi.json`.
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const db = ctx.handle.db;
  const schema = { hide: true } as const;
  const fail = (reply: FastifyReply, status: number, message: string) =>
    reply.code(status).send({ error: message });

  app.register(async (admin) => {
    admin.addHook('onRequest', requireAdmin(ctx.options.adminToken));
    admin.setErrorHandler((error, _request, reply) => {
      const status =
        error instanceof RangeError ? 400 : ((error as { statusCode?: number }).statusCode ?? 500);
      return fail(reply, status, error instanceof Error ? error.message : String(error));
    });

    admin.get('/__admin/dataset', { schema }, async () => {
      const counts: Record<string, number> = {};
      const churned: Record<string, number> = {};
      for (const t of COUNTED_TABLES) {
        const row = await db
          .selectFrom(t)
          .select([
            sql<number>`count(*)`.as('n'),
            sql<number>`sum(case when origin = 1 then 1 else 0 end)`.as('c'),
          ])
          .executeTakeFirstOrThrow();
        counts[t] = Number(row.n);
        churned[t] = Number(row.c ?? 0);
      }
      const fingerprint = await readDatasetFingerprint(ctx.handle);
      const owner = ctx.principals.owner;
      return {
        seed: fingerprint?.seed,
        sizes: fingerprint?.sizes,
        anchor: fingerprint ? new Date(fingerprint.anchorMs).toISOString() : undefined,
        database: ctx.handle.kind,
        counts,
        churnedRows: churned,
        owner: { zoomUserId: owner.zoomUserId, xUserId: String(owner.xUserId) },
        samples: {
          zoomUserIds: (
            await db.selectFrom('zoom_users').select('id').orderBy('seq').limit(5).execute()
          ).map((r) => r.id),
          zoomMeetingIds: (
            await db.selectFrom('zoom_meetings').select('id').orderBy('id').limit(5).execute()
          ).map((r) => Number(r.id)),
          zoomPastMeetingUuids: (
            await db
              .selectFrom('zoom_meetings')
              .select('uuid')
              .where('participants_count', '>', 0)
              .orderBy('participants_count', 'desc')
              .orderBy('id')
              .limit(5)
              .execute()
          ).map((r) => r.uuid),
          zoomPastWebinarIds: (
            await db
              .selectFrom('zoom_webinars')
              .select('id')
              .where('end_time', '<=', ctx.now())
              .orderBy('participants_count', 'desc')
              .orderBy('id')
              .limit(5)
              .execute()
          ).map((r) => Number(r.id)),
          xUserIds: (
            await db.selectFrom('x_users').select('id').orderBy('id').limit(5).execute()
          ).map((r) => String(r.id)),
          xTopAuthors: (
            await db
              .selectFrom('x_tweets')
              .select(['author_id', sql<number>`count(*)`.as('tweets')])
              .groupBy('author_id')
              .orderBy(sql`count(*)`, 'desc')
              .orderBy('author_id')
              .limit(5)
              .execute()
          ).map((r) => ({ id: String(r.author_id), tweets: Number(r.tweets) })),
        },
      };
    });

    // Every id of one list, in the API's order; `origin=0` keeps only seeded rows (never deleted by churn).
    admin.get('/__admin/dataset/ids', { schema }, async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const list = q['list'];
      const origin = q['origin'] === undefined ? undefined : Number(q['origin']);
      const user = q['user_id'] ?? '';
      const meeting = q['meeting_id'] ?? '';
      const bigUser = /^\d{1,19}$/.test(user) ? BigInt(user) : -1n;
      const originOk =
        origin === undefined || !Number.isInteger(origin)
          ? sql<SqlBool>`1 = 1`
          : sql<SqlBool>`origin = ${origin}`;
      let ids: string[];
      switch (list) {
        case 'zoom.users':
          ids = (
            await db
              .selectFrom('zoom_users')
              .select('id')
              .where('status', '=', q['status'] ?? 'active')
              .where(originOk)
              .orderBy('seq')
              .execute()
          ).map((r) => r.id);
          break;
        case 'zoom.user_meetings':
          ids = (
            await db
              .selectFrom('zoom_meetings')
              .select('id')
              .where('host_id', '=', user)
              .where(originOk)
              .orderBy('start_time')
              .orderBy('id')
              .execute()
          ).map((r) => String(r.id));
          break;
        case 'zoom.participants':
          ids = (
            await db
              .selectFrom('zoom_participants')
              .select('user_id')
              .where('meeting_id', '=', /^\d+$/.test(meeting) ? BigInt(meeting) : -1n)
              .where(originOk)
              .orderBy('id')
              .execute()
          ).map((r) => r.user_id);
          break;
        case 'x.users':
          ids = (
            await db.selectFrom('x_users').select('id').where(originOk).orderBy('id').execute()
          ).map((r) => String(r.id));
          break;
        case 'x.user_tweets':
          ids = (
            await db
              .selectFrom('x_tweets')
              .select('id')
              .where('author_id', '=', bigUser)
              .where(originOk)
              .orderBy('created_at', 'desc')
              .orderBy('id', 'desc')
              .execute()
          ).map((r) => String(r.id));
          break;
        case 'x.followers':
        case 'x.following': {
          const [mine, theirs] =
            list === 'x.followers'
              ? (['followee_id', 'follower_id'] as const)
              : (['follower_id', 'followee_id'] as const);
          ids = (
            await db
              .selectFrom('x_follows')
              .select(`${theirs} as uid`)
              .where(mine, '=', bigUser)
              .where(originOk)
              .orderBy('created_at', 'desc')
              .orderBy(theirs, 'desc')
              .execute()
          ).map((r) => String(r.uid));
          break;
        }
        default:
          return fail(reply, 400, `list must be one of ${ADMIN_ID_LISTS.join(', ')}`);
      }
      return { list, count: ids.length, ids };
    });

    admin.get('/__admin/faults', { schema }, async () => ctx.faults.current);
    admin.put('/__admin/faults', { schema }, async (request) => {
      ctx.faults.set(request.body ?? {});
      return ctx.faults.current;
    });

    admin.get('/__admin/churn', { schema }, async () => churnState(ctx));
    admin.put('/__admin/churn', { schema }, async (request) => {
      ctx.churn.set(request.body ?? {});
      return churnState(ctx);
    });

    admin.post('/__admin/principals', { schema }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const name = typeof body['name'] === 'string' ? body['name'] : `principal-${ctx.now()}`;
      let zoomUserId = typeof body['zoomUserId'] === 'string' ? body['zoomUserId'] : undefined;
      let xUserId =
        typeof body['xUserId'] === 'string' && /^\d{1,19}$/.test(body['xUserId'])
          ? BigInt(body['xUserId'])
          : undefined;
      // Default: the dataset's second user of each service (user 0 belongs to the owner).
      zoomUserId ??=
        (
          await db
            .selectFrom('zoom_users')
            .select('id')
            .orderBy('seq')
            .offset(1)
            .limit(1)
            .executeTakeFirst()
        )?.id ?? ctx.principals.owner.zoomUserId;
      xUserId ??= BigInt(
        (
          await db
            .selectFrom('x_users')
            .select('id')
            .orderBy('id')
            .offset(1)
            .limit(1)
            .executeTakeFirst()
        )?.id ?? ctx.principals.owner.xUserId,
      );
      // An X user token acting as xUserId unless asked for another app token.
      const xAuthValue = body['xAuth'] ?? 'user';
      if (xAuthValue !== 'user' && xAuthValue !== 'app') {
        return fail(reply, 400, 'xAuth must be "user" (an X user token, the default) or "app".');
      }
      const created = await ctx.principals.create(
        { name, zoomUserId, xUserId, xAuth: xAuthValue },
        ctx.now(),
      );
      return {
        token: created.token,
        scope: created.scope,
        name: created.name,
        zoomUserId: created.zoomUserId,
        xUserId: String(created.xUserId),
        xAuth: created.xAuth,
      };
    });
  });
}

/** What `GET /__admin/churn` answers: rates, tables touched, counts so far, last error. */
export function churnState(ctx: EmulatorContext) {
  return {
    rates: ctx.churn.rates,
    tables: CHURN_TABLES,
    stats: ctx.churn.stats,
    lastError: ctx.churn.lastError ?? null,
  };
}
