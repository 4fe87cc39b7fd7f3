import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningEmulator, startEmulator } from '@pagewise/emulator';
import { generateKeySpec } from 'pagewise/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  npmPack,
  type OfflineInstall,
  offlineInstall,
  ROOT,
} from '../../scripts/lib/offline-install.js';
import { createTestDatabase, hasPg } from '../helpers/pg.js';

// The library as a user installs it: `npm pack`ed (from the dist/ that
// `npm test` builds first), installed into empty projects outside the
// repository with `npm ci --offline` (the local npm cache only, which the CI's
// own `npm ci` fills), then used from child `node` processes in those projects.

const run = promisify(execFile);
const LIB = join(ROOT, 'packages', 'pagewise');
const work = mkdtempSync(join(tmpdir(), 'pagewise-install-'));
let emu: RunningEmulator | undefined;
// Both projects install at once (one pack, two `npm ci`s): the file stays well under a minute.
let installs: Promise<{ lean: OfflineInstall; peers: OfflineInstall }>;

beforeAll(() => {
  installs = (async () => {
    if (!existsSync(join(LIB, 'dist', 'client', 'index.js'))) {
      throw new Error('packages/pagewise/dist is missing: run npm run build -w pagewise first');
    }
    const tarball = await npmPack(LIB, join(work, 'packed'));
    const [lean, peers] = await Promise.all([
      offlineInstall({ dir: join(work, 'lean'), tarballs: [tarball], omitPeer: true }),
      // Not better-sqlite3: it compiles for minutes; pg is pure JavaScript.
      offlineInstall({
        dir: join(work, 'peers'),
        tarballs: [tarball],
        registry: ['kysely', 'pg', 'fastify'],
      }),
    ]);
    return { lean, peers };
  })();
  // Awaited by each describe's own hook; a failure here fails those hooks, not an unhandled rejection.
  installs.catch(() => {});
});

afterAll(async () => {
  await emu?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs an ES module script with `node` in `project`; returns what it printed as JSON. */
async function nodeIn(project: string, script: string, env: Record<string, string> = {}) {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: project,
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return JSON.parse(stdout) as unknown;
}

const DRIVERS = ['better-sqlite3', 'fastify', 'kysely', 'pg'];
const nameOf = (pkg: string) => pkg.slice(0, pkg.lastIndexOf('@'));

describe('pagewise installed alone (--omit=peer)', () => {
  let project: string;
  let install: OfflineInstall;
  beforeAll(async () => {
    project = join(work, 'lean');
    install = (await installs).lean;
  });

  it('installs at most 10 packages, no database driver or framework, and builds nothing native', () => {
    expect(install.packages.map(nameOf)).toContain('pagewise');
    expect(install.packages.length, install.packages.join(', ')).toBeLessThanOrEqual(10);
    expect(install.packages.map(nameOf).filter((n) => DRIVERS.includes(n))).toEqual([]);
    expect(install.nativeFiles).toEqual([]);
    expect(install.log).not.toMatch(/gyp/i);
  });

  it('loads every subpath that needs no peer, pagewise/fastify included (fastify is only its types)', async () => {
    const subpaths = [
      'pagewise',
      'pagewise/client',
      'pagewise/client/node',
      'pagewise/token',
      'pagewise/engine',
      'pagewise/styles',
      'pagewise/memory',
      'pagewise/fastify',
    ];
    const loaded = await nodeIn(
      project,
      `const out = {};
       for (const s of ${JSON.stringify(subpaths)}) out[s] = Object.keys(await import(s)).length;
       console.log(JSON.stringify(out));`,
    );
    for (const subpath of subpaths) {
      expect((loaded as Record<string, number>)[subpath], subpath).toBeGreaterThan(0);
    }
    const mods = (await nodeIn(
      project,
      `const { paginate } = await import('pagewise/client');
       const { FileCheckpointStore } = await import('pagewise/client/node');
       console.log(JSON.stringify([typeof paginate, typeof FileCheckpointStore]));`,
    )) as string[];
    expect(mods).toEqual(['function', 'function']);
  });

  it('pagewise/kysely rejects with MissingPeerDependencyError naming kysely', async () => {
    const error = (await nodeIn(
      project,
      `const { isMissingPeerDependencyError } = await import('pagewise');
       const result = await import('pagewise/kysely').then(
         () => ({ loaded: true }),
         (e) => ({ typed: isMissingPeerDependencyError(e), name: e.name, code: e.code,
                   packageName: e.packageName, subpath: e.subpath, message: e.message }));
       console.log(JSON.stringify(result));`,
    )) as Record<string, unknown>;
    expect(error).toMatchObject({
      typed: true,
      name: 'MissingPeerDependencyError',
      code: 'missing_peer_dependency',
      packageName: 'kysely',
      subpath: 'pagewise/kysely',
    });
    expect(error['message']).toContain('npm install kysely');
  });

  it('the installed pagewise fetch bin streams a list from a running emulator', async () => {
    emu = await startEmulator({
      port: 0,
      database: ':memory:',
      seed: 'install-test',
      sizes: { zoomUsers: 75, zoomMeetings: 10, xUsers: 10, xTweets: 50, xFollows: 20 },
      rateLimit: 'off',
      tokenKeys: generateKeySpec('t1'),
      logger: false,
      print: () => {},
    });
    const admin = await fetch(`${emu.url}/__admin/dataset/ids?list=zoom.users`, {
      headers: { authorization: `Bearer ${emu.adminToken}` },
    });
    const expected = ((await admin.json()) as { ids: string[] }).ids;
    // Active users only (the list's default filter): more than two pages of 30.
    expect(expected.length).toBeGreaterThan(60);
    const bin = join(project, 'node_modules', '.bin', 'pagewise');
    const { stdout, stderr } = await run(
      bin,
      ['fetch', `${emu.url}/v2/users`, '--preset', 'zoom', '--page-size', '30', '--quiet'],
      {
        cwd: project,
        env: {
          ...process.env,
          PAGEWISE_BEARER: emu.apiToken,
          PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`,
        },
        timeout: 30_000,
      },
    );
    const ids = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => String((JSON.parse(line) as { id: string }).id));
    expect(ids, stderr).toEqual(expected);
  });
});

describe('pagewise with its peers: kysely + pg, fastify', () => {
  let project: string;
  let install: OfflineInstall;
  beforeAll(async () => {
    project = join(work, 'peers');
    install = (await installs).peers;
  });

  it('installs the peers from the cache, still without a native build', () => {
    const names = install.packages.map(nameOf);
    for (const peer of ['kysely', 'pg', 'fastify']) expect(names).toContain(peer);
    expect(names).not.toContain('better-sqlite3');
    expect(install.nativeFiles).toEqual([]);
  });

  // Skipped only outside CI: under CI=true the global setup fails the run without PostgreSQL.
  it.skipIf(!hasPg)('pagewise/kysely serves pages from PostgreSQL', async () => {
    const database = await createTestDatabase();
    try {
      const result = (await nodeIn(
        project,
        `import { randomBytes } from 'node:crypto';
         import { Kysely, PostgresDialect } from 'kysely';
         import pg from 'pg';
         import { definePaginatedList } from 'pagewise/engine';
         import { kyselySource, pagewisePgTypes } from 'pagewise/kysely';
         import { KeyRing, TokenCodec } from 'pagewise/token';
         const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, types: pagewisePgTypes(pg.types) });
         const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
         try {
           await db.schema.createTable('items')
             .addColumn('id', 'bigint', (c) => c.primaryKey())
             .addColumn('name', 'text', (c) => c.notNull()).execute();
           await db.insertInto('items')
             .values(Array.from({ length: 25 }, (_, i) => ({ id: i + 1, name: 'item ' + (i + 1) }))).execute();
           const list = definePaginatedList({
             name: 'items',
             sort: [{ column: 'id', direction: 'asc', kind: 'bigint', unique: true }],
             pageSize: { min: 1, max: 100, default: 10, oversize: 'clamp' },
             codec: new TokenCodec({ keyRing: new KeyRing([{ id: 'k1', key: randomBytes(32) }]) }),
           });
           const binding = { scope: 'tenant-1', query: 'items' };
           const ids = [];
           let token;
           for (let pages = 0; pages < 10; pages++) {
             const source = kyselySource(db, db.selectFrom('items').selectAll());
             const page = await list.page({ source, binding, pageSize: 10, ...(token ? { token } : {}) });
             ids.push(...page.items.map((row) => String(row.id)));
             token = page.nextToken;
             if (token === undefined) break;
           }
           console.log(JSON.stringify({ ids }));
         } finally {
           await db.destroy();
         }`,
        { DATABASE_URL: database.url },
      )) as { ids: string[] };
      expect(result.ids).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    } finally {
      await database.drop();
    }
  });

  it('pagewise/fastify serves a list over the memory source', async () => {
    const result = (await nodeIn(
      project,
      `import { randomBytes } from 'node:crypto';
       import Fastify from 'fastify';
       import { definePaginatedList } from 'pagewise/engine';
       import { fastifyPageRoute, styleErrorHandler } from 'pagewise/fastify';
       import { memorySource } from 'pagewise/memory';
       import { zoom, zoomEndpoints } from 'pagewise/styles';
       import { KeyRing, TokenCodec } from 'pagewise/token';
       const list = definePaginatedList({
         name: 'users',
         sort: [{ column: 'id', direction: 'asc', kind: 'bigint', unique: true }],
         pageSize: { min: 1, max: 300, default: 30, oversize: 'clamp' },
         codec: new TokenCodec({ keyRing: new KeyRing([{ id: 'k1', key: randomBytes(32) }]) }),
       });
       const rows = Array.from({ length: 25 }, (_, i) => ({ id: BigInt(i + 1) }));
       const app = Fastify();
       app.setErrorHandler(styleErrorHandler(zoom));
       app.route(fastifyPageRoute({
         url: '/v2/users', style: zoom, endpoint: zoomEndpoints.users, list,
         source: memorySource(rows), scope: () => 'account-1', toItem: (row) => ({ id: 'u' + row.id }),
       }));
       await app.ready();
       const ids = [];
       let token = '';
       for (let pages = 0; pages < 10; pages++) {
         const response = await app.inject({ url: '/v2/users?page_size=10&next_page_token=' + token });
         if (response.statusCode !== 200) throw new Error(response.body);
         const body = response.json();
         ids.push(...body.users.map((u) => u.id));
         token = body.next_page_token;
         if (token === '') break;
       }
       const bad = await app.inject({ url: '/v2/users?next_page_token=forged' });
       await app.close();
       console.log(JSON.stringify({ ids, badStatus: bad.statusCode }));`,
    )) as { ids: string[]; badStatus: number };
    expect(result.ids).toEqual(Array.from({ length: 25 }, (_, i) => `u${i + 1}`));
    expect(result.badStatus).toBe(400);
  });
});
