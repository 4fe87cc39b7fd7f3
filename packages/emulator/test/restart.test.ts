import { spawn } from 'node:child_process';
import { chmodSync, chownSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasPg } from '../../../test/helpers/pg.js';
import { buildEmulator, type EmulatorOptions, startEmulator } from '../src/index.js';
import { createDb, getJson, type TestDb, testOptions } from './emulator-fixtures.js';

const NOT_SET = /PAGEWISE_TOKEN_KEYS is not set/;

/** Test options with no page-token key and no bearer tokens configured, as `npm start` runs. */
function unconfigured(db: TestDb, printed: string[]): EmulatorOptions {
  const {
    tokenKeys: _k,
    apiToken: _a,
    adminToken: _m,
    ...rest
  } = testOptions(db, {
    print: (line) => printed.push(line),
  });
  return rest;
}

/** A page of a token walk: the items' ids and the next token ('' at the end). */
async function page(
  url: string,
  token: string,
  list: 'zoom' | 'x',
): Promise<{ ids: string[]; next: string }> {
  const r = await getJson(url, token);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  if (list === 'zoom') {
    const body = r.body as { users: { id: string }[]; next_page_token: string };
    return { ids: body.users.map((u) => u.id), next: body.next_page_token };
  }
  const body = r.body as { data?: { id: string }[]; meta: { next_token?: string } };
  return { ids: (body.data ?? []).map((t) => t.id), next: body.meta.next_token ?? '' };
}

describe('the emulator survives its own restart', () => {
  it('finishes walks begun before a restart, every row exactly once, with no warning and no key printed', async () => {
    const db = await createDb('sqlite');
    const printed: string[] = [];
    try {
      const options = unconfigured(db, printed);
      let emu = await startEmulator(options);
      const secrets = `${db.url}.secrets`;
      expect(statSync(secrets).mode & 0o777).toBe(0o600);
      const { apiToken, adminToken } = emu;
      const owner = (await getJson(`${emu.url}/__admin/dataset`, adminToken)).body as {
        owner: { xUserId: string };
      };
      const zoomUrl = (next: string) =>
        `${emu.url}/v2/users?page_size=7${next === '' ? '' : `&next_page_token=${next}`}`;
      const xUrl = (next: string) =>
        `${emu.url}/2/users/${owner.owner.xUserId}/tweets?max_results=50${next === '' ? '' : `&pagination_token=${next}`}`;
      // Two pages of each walk, then a restart on the same file.
      const zoom = { ids: [] as string[], next: '' };
      const x = { ids: [] as string[], next: '' };
      for (let i = 0; i < 2; i++) {
        const z = await page(zoomUrl(zoom.next), apiToken, 'zoom');
        zoom.ids.push(...z.ids);
        zoom.next = z.next;
        const t = await page(xUrl(x.next), apiToken, 'x');
        x.ids.push(...t.ids);
        x.next = t.next;
      }
      expect(zoom.next).not.toBe('');
      expect(x.next).not.toBe('');
      await emu.close();
      emu = await startEmulator(options);
      // The bearer tokens were generated once too: the client's credentials still work.
      expect(emu.apiToken).toBe(apiToken);
      expect(emu.adminToken).toBe(adminToken);
      for (let i = 0; i < 100 && zoom.next !== ''; i++) {
        const z = await page(zoomUrl(zoom.next), apiToken, 'zoom');
        zoom.ids.push(...z.ids);
        zoom.next = z.next;
      }
      for (let i = 0; i < 200 && x.next !== ''; i++) {
        const t = await page(xUrl(x.next), apiToken, 'x');
        x.ids.push(...t.ids);
        x.next = t.next;
      }
      const expected = async (query: string) =>
        (
          (await getJson(`${emu.url}/__admin/dataset/ids?${query}`, adminToken)).body as {
            ids: string[];
          }
        ).ids;
      expect(zoom.ids).toEqual(await expected('list=zoom.users'));
      expect(x.ids).toEqual(await expected(`list=x.user_tweets&user_id=${owner.owner.xUserId}`));
      await emu.close();
      const text = printed.join('\n');
      expect(text).not.toMatch(NOT_SET);
      expect(text).toContain(`page-token keys: kept in ${secrets} (owner-only)`);
      const key = /^PAGEWISE_TOKEN_KEYS=[^:]+:(\S+)$/m.exec(readFileSync(secrets, 'utf8'))?.[1];
      expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(text).not.toContain(key as string);
    } finally {
      await db.drop();
    }
  });

  it('gives processes that start together on a new file one and the same key', async () => {
    const db = await createDb('sqlite');
    try {
      for (let round = 0; round < 2; round++) {
        const path = `${db.url}.${round}.secrets`;
        const go = `${db.url}.${round}.go`;
        const children = Array.from({ length: 4 }, () => {
          const child = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              new URL('./support/secrets-child.ts', import.meta.url).pathname,
              path,
              go,
            ],
            { stdio: ['ignore', 'pipe', 'pipe'] },
          );
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => {
            out += String(d);
          });
          child.stderr.on('data', (d) => {
            err += String(d);
          });
          const done = new Promise<string>((resolve, reject) => {
            child.on('close', (code) =>
              code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`)),
            );
          });
          return { ready: () => out.includes('ready'), done };
        });
        for (let i = 0; i < 1200 && !children.every((c) => c.ready()); i++) {
          await new Promise((r) => setTimeout(r, 25));
        }
        writeFileSync(go, '');
        const outs = await Promise.all(children.map((c) => c.done));
        const digests = outs.map((o) => /digest (\w+)/.exec(o)?.[1]);
        expect(digests[0]).toMatch(/^[0-9a-f]{64}$/);
        expect(new Set(digests).size).toBe(1);
        expect(statSync(path).mode & 0o777).toBe(0o600);
      }
    } finally {
      await db.drop();
    }
  });

  it('narrows a secrets file others could read to 0600, with a notice; refuses a malformed one', async () => {
    const db = await createDb('sqlite');
    const printed: string[] = [];
    try {
      const options = unconfigured(db, printed);
      await (await buildEmulator(options)).close();
      const secrets = `${db.url}.secrets`;
      chmodSync(secrets, 0o644);
      await (await buildEmulator(options)).close();
      expect(statSync(secrets).mode & 0o777).toBe(0o600);
      expect(printed.join('\n')).toMatch(/was readable by others \(mode 0644\); narrowed to 0600/);
      writeFileSync(secrets, 'PAGEWISE_API_TOKEN=x\n', { mode: 0o600 });
      await expect(buildEmulator(options)).rejects.toThrow(
        /emulator\.sqlite\.secrets has no PAGEWISE_TOKEN_KEYS line; delete the file/,
      );
    } finally {
      await db.drop();
    }
  });

  it.skipIf(process.getuid?.() !== 0)(
    "refuses another user's secrets file that others may read",
    async () => {
      const db = await createDb('sqlite');
      try {
        const options = unconfigured(db, []);
        await (await buildEmulator(options)).close();
        const secrets = `${db.url}.secrets`;
        chownSync(secrets, 65534, 65534);
        chmodSync(secrets, 0o644);
        await expect(buildEmulator(options)).rejects.toThrow(
          /belongs to another user and others may read it, so its keys are not trusted/,
        );
        expect(statSync(secrets).mode & 0o777).toBe(0o644);
      } finally {
        await db.drop();
      }
    },
  );

  it('on :memory: uses a key for the process, with no warning and no file', async () => {
    const printed: string[] = [];
    const { database: _d, ...rest } = unconfigured(
      { name: 'sqlite', url: ':memory:', drop: async () => {} },
      printed,
    );
    const app = await buildEmulator({ ...rest, database: ':memory:' });
    expect(app.emulator.context.options.secretsFile).toBeUndefined();
    await app.close();
    expect(printed.join('\n')).not.toMatch(NOT_SET);
  });

  describe.skipIf(!hasPg)('on PostgreSQL', () => {
    it('keeps the warning: replicas sharing the database need one configured key', async () => {
      const db = await createDb('postgres');
      const printed: string[] = [];
      try {
        const app = await buildEmulator(unconfigured(db, printed));
        await app.close();
        expect(printed.join('\n')).toMatch(NOT_SET);
        expect(app.emulator.context.options.secretsFile).toBeUndefined();
      } finally {
        await db.drop();
      }
    });
  });
});
