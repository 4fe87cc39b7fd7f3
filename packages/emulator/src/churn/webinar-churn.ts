import type { Kysely } from 'kysely';
import { zoomWebinar } from '../data/generate-webinars.js';
import { zoomWebinarId } from '../data/ids.js';
import type { Prng } from '../data/prng.js';
import type { EmulatorDatabase, ZoomWebinarTable } from '../data/schema.js';
import { FIRST_NAMES, LAST_NAMES } from '../data/vocabulary.js';

/** What the churn writer needs to add webinars and webinar sessions. */
export interface WebinarPools {
  /** Seeded users: hosts of new webinars, and signed-in participants. */
  readonly users: readonly { id: string; first_name: string; last_name: string; email: string }[];
  /** Seeded webinars that had ended at the anchor (new sessions go into them). */
  readonly pastWebinars: readonly ZoomWebinarTable[];
}

/** Reads the pools once per writer. */
export async function loadWebinarPools(
  db: Kysely<EmulatorDatabase>,
  anchorMs: number,
): Promise<WebinarPools> {
  const users = await db
    .selectFrom('zoom_users')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('origin', '=', 0)
    .where('type', '=', 2)
    .orderBy('seq')
    .execute();
  const pastWebinars = await db
    .selectFrom('zoom_webinars')
    .selectAll()
    .where('end_time', '<=', anchorMs)
    .where('origin', '=', 0)
    .orderBy('id')
    .limit(2000)
    .execute();
  return { users, pastWebinars };
}

/**
 * Inserts a webinar (`origin = 1`) anywhere in the Dashboard's time order;
 * `k` is the writer's counter (ids stay clear of seeded webinars). True when a row went in.
 */
export async function insertChurnWebinar(
  db: Kysely<EmulatorDatabase>,
  r: Prng,
  k: number,
  pools: WebinarPools,
  anchorMs: number,
): Promise<boolean> {
  const host = pools.users[r.int(pools.users.length)];
  if (!host) return false;
  const w = zoomWebinar(
    r,
    zoomWebinarId(1_000_000 + (k % 999_999), r.int(1000)),
    host.id,
    anchorMs,
  );
  const res = await db
    .insertInto('zoom_webinars')
    .values({ ...w, origin: 1 })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Inserts one attendee session (`origin = 1`) into a past webinar. True when a row went in. */
export async function insertChurnWebinarParticipant(
  db: Kysely<EmulatorDatabase>,
  r: Prng,
  id: number,
  pools: WebinarPools,
): Promise<boolean> {
  const w = pools.pastWebinars[r.int(pools.pastWebinars.length)];
  if (!w) return false;
  const start = Number(w.start_time);
  const end = Number(w.end_time);
  const join = Math.floor((start + r.int(Math.max(1, end - start))) / 1000) * 1000;
  const who = r.chance(0.35) ? pools.users[r.int(pools.users.length)] : undefined;
  const res = await db
    .insertInto('zoom_webinar_participants')
    .values({
      id,
      webinar_id: w.id,
      participant_user_id: who?.id ?? '',
      user_id: String(33_554_432 + id),
      user_name: who
        ? `${who.first_name} ${who.last_name}`
        : `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
      email: who?.email ?? '',
      role: 'attendee',
      join_time: join,
      leave_time: Math.max(join, Math.floor(end / 1000) * 1000),
      origin: 1,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Changes a non-key column of one webinar (its topic) or one session (its name). */
export async function updateChurnWebinarRow(
  db: Kysely<EmulatorDatabase>,
  table: 'zoom_webinars' | 'zoom_webinar_participants',
  r: Prng,
  counter: number,
): Promise<bigint> {
  if (table === 'zoom_webinars') {
    const res = await db
      .updateTable('zoom_webinars')
      .set({ topic: `Updated webinar ${counter}` })
      .where(
        'id',
        'in',
        db.selectFrom('zoom_webinars').select('id').orderBy('id').limit(1).offset(r.int(100)),
      )
      .executeTakeFirst();
    return res.numUpdatedRows;
  }
  const res = await db
    .updateTable('zoom_webinar_participants')
    .set({ user_name: `Renamed ${counter}` })
    .where(
      'id',
      'in',
      db
        .selectFrom('zoom_webinar_participants')
        .select('id')
        .orderBy('id')
        .limit(1)
        .offset(r.int(100)),
    )
    .executeTakeFirst();
  return res.numUpdatedRows;
}
