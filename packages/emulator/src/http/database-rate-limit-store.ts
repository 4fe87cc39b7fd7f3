import { sql } from 'kysely';
import type { CounterRequest, CounterResult, RateLimitStore } from 'pagewise/fastify';
import type { EmulatorDb } from '../data/open-database.js';

class Refused extends Error {}

/**
 * A {@link RateLimitStore} in the emulator's database (`pw_rate_counters`),
 * so replicas on one database share their rate-limit counters and N
 * replicas still serve exactly the limit per window.
 *
 * `consume` runs in one transaction: each counter is bumped with an upsert
 * that only increments below the limit (`on conflict … do update … where
 * count < limit`); when one is at its limit the transaction rolls back, so
 * no counter moves (the all-or-nothing contract of the store). Row locks
 * taken by the upsert serialize concurrent requests on PostgreSQL; SQLite
 * has one writer. Expired counters are deleted now and then.
 */
export class DatabaseRateLimitStore implements RateLimitStore {
  readonly #handle: EmulatorDb;
  readonly #now: () => number;
  #nextSweep = 0;

  constructor(handle: EmulatorDb, now: () => number) {
    this.#handle = handle;
    this.#now = now;
  }

  async consume(counters: readonly CounterRequest[]): Promise<CounterResult> {
    const db = this.#handle.db;
    await this.#sweep();
    try {
      const counts = await db.transaction().execute(async (trx) => {
        const out: number[] = [];
        for (const c of counters) {
          const row = await trx
            .insertInto('pw_rate_counters')
            .values({ key: c.key, count: 1, expires_at: c.expiresAt })
            .onConflict((oc) =>
              oc
                .column('key')
                .doUpdateSet({ count: sql`pw_rate_counters.count + 1` })
                .where('pw_rate_counters.count', '<', c.limit),
            )
            .returning('count')
            .executeTakeFirst();
          if (!row) throw new Refused();
          out.push(Number(row.count));
        }
        return out;
      });
      return { allowed: true, counts };
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      const rows = await db
        .selectFrom('pw_rate_counters')
        .select(['key', 'count'])
        .where(
          'key',
          'in',
          counters.map((c) => c.key),
        )
        .execute();
      const byKey = new Map(rows.map((r) => [r.key, Number(r.count)]));
      return { allowed: false, counts: counters.map((c) => byKey.get(c.key) ?? 0) };
    }
  }

  async #sweep(): Promise<void> {
    const now = this.#now();
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + 60_000;
    await this.#handle.db.deleteFrom('pw_rate_counters').where('expires_at', '<=', now).execute();
  }
}
