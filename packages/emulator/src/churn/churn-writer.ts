import { skewedIndex, zoomMeeting, zoomParticipant } from '../data/generate-dataset.js';
import { ZOOM_USER_ID_ALPHABET } from '../data/ids.js';
import type { EmulatorDb } from '../data/open-database.js';
import { Prng } from '../data/prng.js';
import type { ZoomMeetingTable } from '../data/schema.js';
import { normalizeChurnRates, type ResolvedChurnRates } from './churn-rates.js';
import {
  insertChurnWebinar,
  insertChurnWebinarParticipant,
  loadWebinarPools,
  updateChurnWebinarRow,
  type WebinarPools,
} from './webinar-churn.js';
import {
  deleteChurnLike,
  deleteChurnPost,
  type EngagementPools,
  insertChurnLike,
  insertChurnPost,
  loadEngagementPools,
} from './x-engagement-churn.js';

const DAY = 86_400_000;
const TICK_MS = 100;
/** Tables the churn writer touches, in round-robin order. */
export const CHURN_TABLES = [
  'x_tweets',
  'x_follows',
  'x_likes',
  'zoom_users',
  'zoom_meetings',
  'zoom_participants',
  'zoom_webinars',
  'zoom_webinar_participants',
] as const;
type ChurnTable = (typeof CHURN_TABLES)[number];
interface Pools {
  xUsers: bigint[];
  engagement: EngagementPools;
  zoomUsers: string[];
  pastMeetings: ZoomMeetingTable[];
  webinars: WebinarPools;
}

/** Counts of what the churn writer did since the process started. */
export type ChurnStats = Record<ChurnTable, { inserted: number; deleted: number; updated: number }>;

/**
 * The churn writer: inserts, deletes and updates rows at the given rates
 * while clients paginate, to prove that keyset walks stay exact.
 *
 * What it touches, so tests can compute "rows present during the whole walk":
 * - **inserts** new rows (`origin = 1`) anywhere in each list's sort order
 *   (random times in the dataset's range, users between seeded ones);
 * - **deletes** only rows it inserted itself (`origin = 1`), never seeded rows;
 * - **updates** non-key columns only (`lang`, `last_login_time`,
 *   `topic`, `attentiveness_score`, a webinar's topic, a webinar session's
 *   name), so no row moves in any list's order;
 * - keeps the counts of posts derived from the rows: a retweet, quote or
 *   like it inserts or deletes raises or lowers `retweet_count`,
 *   `quote_count` or `like_count` in the same transaction, and a post's
 *   mentions (`x_mentions`) come and go with it.
 * Every seeded row (`origin = 0`) is therefore present, unmoved, for the
 * whole life of the process. Ids are deterministic (seed plus a counter).
 */
export class ChurnWriter {
  readonly #handle: EmulatorDb;
  readonly #anchorMs: number;
  readonly #prng: Prng;
  #rates: ResolvedChurnRates = { insertsPerSec: 0, deletesPerSec: 0, updatesPerSec: 0 };
  #timer: NodeJS.Timeout | undefined;
  #acc = { insert: 0, delete: 0, update: 0 };
  #counter = 0;
  #rr = { insert: 0, delete: 0, update: 0 };
  #running: Promise<void> | undefined;
  #pools: Pools | undefined;
  #queue: Promise<void> = Promise.resolve();
  readonly stats: ChurnStats = Object.fromEntries(
    CHURN_TABLES.map((t) => [t, { inserted: 0, deleted: 0, updated: 0 }]),
  ) as ChurnStats;
  /** Last error met by a tick (the writer keeps going). */
  lastError: string | undefined;

  constructor(handle: EmulatorDb, seed: string, anchorMs: number) {
    this.#handle = handle;
    this.#anchorMs = anchorMs;
    this.#prng = new Prng(`${seed}/churn/${process.pid}`);
  }

  /** Current rates. */
  get rates(): ResolvedChurnRates {
    return this.#rates;
  }

  /**
   * Sets the rates; all zero stops the writer.
   * @throws RangeError for invalid input.
   */
  set(input: unknown): void {
    this.#rates = normalizeChurnRates(input);
    const active =
      this.#rates.insertsPerSec + this.#rates.deletesPerSec + this.#rates.updatesPerSec > 0;
    if (active && !this.#timer) {
      this.#timer = setInterval(() => this.#tick(), TICK_MS);
      this.#timer.unref();
    } else if (!active && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Stops the writer and waits for the tick in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  #tick(): void {
    if (this.#running) return; // a slow tick: skip rather than pile up
    const s = TICK_MS / 1000;
    this.#acc.insert += this.#rates.insertsPerSec * s;
    this.#acc.delete += this.#rates.deletesPerSec * s;
    this.#acc.update += this.#rates.updatesPerSec * s;
    const n = {
      insert: Math.floor(this.#acc.insert),
      delete: Math.floor(this.#acc.delete),
      update: Math.floor(this.#acc.update),
    };
    this.#acc.insert -= n.insert;
    this.#acc.delete -= n.delete;
    this.#acc.update -= n.update;
    if (n.insert + n.delete + n.update === 0) return;
    this.#running = this.#apply(n)
      .catch((err: unknown) => {
        this.lastError = String(err);
      })
      .finally(() => {
        this.#running = undefined;
      });
  }

  /** Runs `counts` operations now (also used by tests to churn synchronously). */
  async runOnce(counts: { insert?: number; delete?: number; update?: number }): Promise<void> {
    await this.#apply({
      insert: counts.insert ?? 0,
      delete: counts.delete ?? 0,
      update: counts.update ?? 0,
    });
  }

  /**
   * Runs one batch after the previous one (ticks and `runOnce` may overlap):
   * one writer at a time, so a count moves only with the row it counts.
   */
  #apply(n: { insert: number; delete: number; update: number }): Promise<void> {
    const run = this.#queue.then(() => this.#applyNow(n));
    this.#queue = run.catch(() => {});
    return run;
  }

  async #applyNow(n: { insert: number; delete: number; update: number }): Promise<void> {
    const pools = await this.#loadPools();
    for (let i = 0; i < n.insert; i++) await this.#insert(this.#next('insert'), pools);
    for (let i = 0; i < n.delete; i++) await this.#delete(this.#next('delete'));
    for (let i = 0; i < n.update; i++) await this.#update(this.#next('update'));
  }

  #next(op: 'insert' | 'delete' | 'update'): ChurnTable {
    const t = CHURN_TABLES[this.#rr[op] % CHURN_TABLES.length] as ChurnTable;
    this.#rr[op]++;
    return t;
  }

  async #loadPools(): Promise<Pools> {
    if (this.#pools) return this.#pools;
    const db = this.#handle.db;
    const xUsers = (
      await db.selectFrom('x_users').select('id').where('origin', '=', 0).orderBy('id').execute()
    ).map((r) => BigInt(r.id));
    const zoomUsers = (
      await db
        .selectFrom('zoom_users')
        .select('id')
        .where('origin', '=', 0)
        .orderBy('seq')
        .execute()
    ).map((r) => r.id);
    const pastMeetings = await db
      .selectFrom('zoom_meetings')
      .selectAll()
      .where('end_time', '<=', this.#anchorMs)
      .orderBy('id')
      .limit(2000)
      .execute();
    const webinars = await loadWebinarPools(db, this.#anchorMs);
    const engagement = await loadEngagementPools(db);
    this.#pools = { xUsers, engagement, zoomUsers, pastMeetings, webinars };
    return this.#pools;
  }

  async #insert(table: ChurnTable, pools: Pools): Promise<void> {
    const r = this.#prng;
    const db = this.#handle.db;
    const k = ++this.#counter;
    let inserted = false;
    switch (table) {
      case 'x_tweets':
        inserted = await insertChurnPost(db, r, pools.engagement, this.#anchorMs, k);
        break;
      case 'x_likes':
        inserted = await insertChurnLike(db, r, pools.engagement, this.#anchorMs);
        break;
      case 'x_follows': {
        if (pools.xUsers.length < 2) return;
        const a = pools.xUsers[r.int(pools.xUsers.length)] as bigint;
        const b = pools.xUsers[skewedIndex(r, pools.xUsers.length)] as bigint;
        if (a === b) return;
        const res = await db
          .insertInto('x_follows')
          .values({
            follower_id: a,
            followee_id: b,
            created_at: this.#anchorMs - r.int(365 * DAY),
            origin: 1,
          })
          .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doNothing())
          .executeTakeFirst();
        inserted = Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
        break;
      }
      case 'zoom_users': {
        const seqBase = r.int(Math.max(1, pools.zoomUsers.length)) * 1000;
        const res = await db
          .insertInto('zoom_users')
          .values({
            id: `c${r.chars(21, ZOOM_USER_ID_ALPHABET)}`,
            seq: seqBase + 1 + r.int(999),
            first_name: 'Churn',
            last_name: `User${k}`,
            email: `churn.${process.pid}.${k}@example.com`,
            type: 1,
            pmi: String(r.range(1_000_000_000, 9_999_999_999)),
            timezone: 'UTC',
            dept: '',
            created_at: Math.floor((this.#anchorMs - r.int(365 * DAY)) / 1000) * 1000,
            last_login_time: this.#anchorMs,
            last_client_version: '5.17.11.34827(mac)',
            status: r.chance(0.85) ? 'active' : 'inactive',
            role_id: '2',
            group_ids: '[]',
            im_group_ids: '[]',
            origin: 1,
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        inserted = Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
        break;
      }
      case 'zoom_meetings': {
        if (pools.zoomUsers.length === 0) return;
        const host = pools.zoomUsers[skewedIndex(r, pools.zoomUsers.length)] as string;
        const m = zoomMeeting(r, 5_000_000 + (k % 10_000_000), host, this.#anchorMs);
        const res = await db
          .insertInto('zoom_meetings')
          .values({ ...m, origin: 1 })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        inserted = Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
        break;
      }
      case 'zoom_participants': {
        if (pools.pastMeetings.length === 0) return;
        const m = pools.pastMeetings[r.int(pools.pastMeetings.length)] as ZoomMeetingTable;
        const p = zoomParticipant(
          r,
          1_000_000_000 + (process.pid % 1000) * 1_000_000 + k,
          m,
          pools.zoomUsers,
        );
        const res = await db
          .insertInto('zoom_participants')
          .values({ ...p, origin: 1 })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        inserted = Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
        break;
      }
      case 'zoom_webinars':
        inserted = await insertChurnWebinar(db, r, k, pools.webinars, this.#anchorMs);
        break;
      case 'zoom_webinar_participants':
        inserted = await insertChurnWebinarParticipant(
          db,
          r,
          1_000_000_000 + (process.pid % 1000) * 1_000_000 + k,
          pools.webinars,
        );
        break;
    }
    if (inserted) this.stats[table].inserted++;
  }

  async #delete(table: ChurnTable): Promise<void> {
    const db = this.#handle.db;
    let deleted = 0;
    switch (table) {
      case 'x_tweets':
        deleted = await deleteChurnPost(db);
        break;
      case 'x_likes':
        deleted = await deleteChurnLike(db);
        break;
      case 'x_follows': {
        const row = await db
          .selectFrom('x_follows')
          .select(['follower_id', 'followee_id'])
          .where('origin', '=', 1)
          .limit(1)
          .executeTakeFirst();
        if (!row) return;
        const res = await db
          .deleteFrom('x_follows')
          .where('follower_id', '=', row.follower_id)
          .where('followee_id', '=', row.followee_id)
          .where('origin', '=', 1)
          .executeTakeFirst();
        deleted = Number(res.numDeletedRows);
        break;
      }
      case 'zoom_users': {
        const res = await db
          .deleteFrom('zoom_users')
          .where(
            'id',
            'in',
            db.selectFrom('zoom_users').select('id').where('origin', '=', 1).limit(1),
          )
          .executeTakeFirst();
        deleted = Number(res.numDeletedRows);
        break;
      }
      default: {
        const t = table as
          | 'zoom_meetings'
          | 'zoom_participants'
          | 'zoom_webinars'
          | 'zoom_webinar_participants';
        const res = await db
          .deleteFrom(t)
          .where('id', 'in', db.selectFrom(t).select('id').where('origin', '=', 1).limit(1))
          .executeTakeFirst();
        deleted = Number(res.numDeletedRows);
      }
    }
    this.stats[table].deleted += deleted;
  }

  async #update(table: ChurnTable): Promise<void> {
    const r = this.#prng;
    const db = this.#handle.db;
    const at = this.#anchorMs - r.int(30 * DAY);
    let res: { numUpdatedRows: bigint } | undefined;
    switch (table) {
      case 'x_tweets':
        // Not a count: those follow the likes, retweets and quotes rows.
        res = await db
          .updateTable('x_tweets')
          .set({ lang: r.chance(0.5) ? 'en' : 'und' })
          .where(
            'id',
            'in',
            db
              .selectFrom('x_tweets')
              .select('id')
              .where('created_at', '>=', at)
              .orderBy('created_at')
              .limit(1),
          )
          .executeTakeFirst();
        break;
      case 'x_follows':
      case 'x_likes':
        // Follows and likes have no non-key column worth changing: touch a user's profile instead.
        res = await db
          .updateTable('x_users')
          .set({ description: `updated ${this.#counter}` })
          .where(
            'id',
            'in',
            db.selectFrom('x_users').select('id').orderBy('id').limit(1).offset(r.int(50)),
          )
          .executeTakeFirst();
        break;
      case 'zoom_users':
        res = await db
          .updateTable('zoom_users')
          .set({ last_login_time: Math.floor(at / 1000) * 1000 })
          .where(
            'seq',
            'in',
            db
              .selectFrom('zoom_users')
              .select('seq')
              .where('seq', '>=', r.int(1_000_000))
              .orderBy('seq')
              .limit(1),
          )
          .executeTakeFirst();
        break;
      case 'zoom_meetings':
        res = await db
          .updateTable('zoom_meetings')
          .set({ topic: `Updated topic ${this.#counter}` })
          .where(
            'id',
            'in',
            db
              .selectFrom('zoom_meetings')
              .select('id')
              .where('start_time', '>=', at)
              .orderBy('start_time')
              .limit(1),
          )
          .executeTakeFirst();
        break;
      case 'zoom_participants':
        res = await db
          .updateTable('zoom_participants')
          .set({ attentiveness_score: String(r.int(101)) })
          .where(
            'id',
            'in',
            db
              .selectFrom('zoom_participants')
              .select('id')
              .orderBy('id')
              .limit(1)
              .offset(r.int(100)),
          )
          .executeTakeFirst();
        break;
      case 'zoom_webinars':
      case 'zoom_webinar_participants':
        res = { numUpdatedRows: await updateChurnWebinarRow(db, table, r, this.#counter) };
        break;
    }
    this.stats[table].updated += Number(res?.numUpdatedRows ?? 0n);
  }
}
