import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** URL of the run's PostgreSQL server, or '' when it is unavailable (never under CI). */
export const pgUrl: string = inject('pgUrl');

/** True when PostgreSQL tests can run; use with `describe.skipIf(!hasPg)`. */
export const hasPg: boolean = pgUrl !== '';

/**
 * Creates a fresh, empty database on the run's PostgreSQL server and returns
 * its URL and a `drop()` to call in `afterAll`. Each test file gets its own
 * database, so files can run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!hasPg) throw new Error('PostgreSQL is not available in this run');
  const name = `pw_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
