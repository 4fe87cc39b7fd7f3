import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xLoop, zoomTokenLoop } from './doc-loops.js';
import {
  BACKENDS,
  createDb,
  getJson,
  TEST_SIZES,
  TEST_TOKEN_KEYS,
  type TestDb,
} from './emulator-fixtures.js';

const API = 'replica-api-token';
const ADMIN = 'replica-admin-token';

/** Starts `serve-fixture.ts` in its own Node process and resolves with its URL. */
async function startProcess(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./serve-fixture.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        PAGEWISE_TEST_DB: db,
        PAGEWISE_TEST_SIZES: JSON.stringify(TEST_SIZES),
        PAGEWISE_API_TOKEN: API,
        PAGEWISE_ADMIN_TOKEN: ADMIN,
        PAGEWISE_TOKEN_KEYS: TEST_TOKEN_KEYS,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start: ${err}`)), 60_000);
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited with ${code}: ${err}`));
    });
  });
  return { child, url };
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`two emulator processes on one ${backend.name} database`, () => {
    let db: TestDb;
    let a: { child: ChildProcess; url: string };
    let b: { child: ChildProcess; url: string };

    beforeAll(async () => {
      db = await createDb(backend.name);
      // Started together: one seeds, the other waits for its lock and reuses the dataset.
      [a, b] = await Promise.all([startProcess(db.url), startProcess(db.url)]);
    });
    afterAll(async () => {
      for (const p of [a, b]) if (p && p.child.exitCode === null) p.child.kill('SIGKILL');
      await db?.drop();
    });

    it("accept each other's page tokens: a walk alternating between them gets every row once", async () => {
      const urls = [a.url, b.url];
      let turn = 0;
      const alternate = (path: string) => async () => urls[turn++ % 2] + path;
      const ds = await getJson(`${a.url}/__admin/dataset`, ADMIN);
      const owner = ds.body['owner'] as { xUserId: string };
      const want = (
        await getJson(
          `${b.url}/__admin/dataset/ids?list=x.user_tweets&user_id=${owner.xUserId}`,
          ADMIN,
        )
      ).body['ids'] as string[];
      expect(want.length).toBeGreaterThan(10);

      // The X loop, each page from the other process.
      const got: string[] = [];
      let token: string | undefined;
      do {
        const base = await alternate(`/2/users/${owner.xUserId}/tweets`)();
        const q = new URLSearchParams({
          max_results: '7',
          ...(token ? { pagination_token: token } : {}),
        });
        const page = await getJson(`${base}?${q}`, API);
        expect(page.status).toBe(200);
        for (const t of (page.body['data'] as { id: string }[] | undefined) ?? []) got.push(t.id);
        token = (page.body['meta'] as { next_token?: string }).next_token;
      } while (token);
      expect(got).toEqual(want);

      // And the Zoom loop.
      const zoomWant = (await getJson(`${a.url}/__admin/dataset/ids?list=zoom.users`, ADMIN)).body[
        'ids'
      ] as string[];
      const zoomGot: string[] = [];
      let next = '';
      do {
        const base = urls[turn++ % 2];
        const page = await getJson(
          `${base}/v2/users?page_size=4${next ? `&next_page_token=${next}` : ''}`,
          API,
        );
        expect(page.status).toBe(200);
        for (const u of page.body['users'] as { id: string }[]) zoomGot.push(u.id);
        next = page.body['next_page_token'] as string;
      } while (next);
      expect(zoomGot).toEqual(zoomWant);
      // Sanity: the helper loops agree on either replica.
      expect(
        (await zoomTokenLoop(`${b.url}/v2/users`, API, 'users', { page_size: '9' })).length,
      ).toBe(zoomWant.length);
      expect((await xLoop(`${a.url}/2/users/${owner.xUserId}/tweets`, API, 100)).length).toBe(
        want.length,
      );
    });

    it('shut down gracefully on SIGTERM', async () => {
      for (const p of [a, b]) {
        const exited = once(p.child, 'exit');
        p.child.kill('SIGTERM');
        const [code] = await exited;
        expect(code).toBe(0);
      }
    });
  });
}
