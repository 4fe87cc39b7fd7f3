import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@pagewise/emulator';
import { generateKeySpec } from 'pagewise/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, spawnCli } from '../helpers/cli-process.js';
import { parseCsv } from '../helpers/parse-csv.js';

// The real built CLI, spawned, against the real emulator running in this process.
let main: string;
let emu: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let topAuthor: string;

const ANCHOR = '2024-06-01';

beforeAll(async () => {
  main = buildCli();
  emu = await startEmulator({
    port: 0,
    database: ':memory:',
    seed: 'cli-test',
    anchor: ANCHOR,
    sizes: { zoomUsers: 240, zoomMeetings: 100, xUsers: 30, xTweets: 900, xFollows: 200 },
    rateLimit: 'off',
    tokenKeys: generateKeySpec('t1'),
    logger: false,
    print: () => {},
  });
  env = { PAGEWISE_BEARER: emu.apiToken };
  dir = mkdtempSync(join(tmpdir(), 'pagewise-cli-emu-'));
  const dataset = (await admin('/__admin/dataset')) as {
    samples: { xTopAuthors: { id: string }[] };
  };
  topAuthor = dataset.samples.xTopAuthors[0]!.id;
});

afterAll(async () => {
  await emu?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function admin(path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(`${emu.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${emu.adminToken}`, 'content-type': 'application/json' },
  });
  expect(res.ok).toBe(true);
  return res.json();
}

async function expectedIds(query: string): Promise<string[]> {
  return ((await admin(`/__admin/dataset/ids?${query}`)) as { ids: string[] }).ids;
}

const jsonlIds = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => String((JSON.parse(l) as { id: string | number }).id));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pagewise fetch against the emulator', () => {
  it('fetches every Zoom user to JSONL, in the API order', async () => {
    const out = join(dir, 'users.jsonl');
    const r = await runCli(
      main,
      ['fetch', `${emu.url}/v2/users`, '--preset', 'zoom', '--page-size', '30', '-o', out],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const expected = await expectedIds('list=zoom.users');
    expect(expected.length).toBeGreaterThan(100);
    expect(jsonlIds(out)).toEqual(expected);
    expect(r.stderr).toContain(
      `done, ${expected.length} items in ${Math.ceil(expected.length / 30)} pages`,
    );
  });

  it('fetches every Zoom user to CSV with flattened columns', async () => {
    const out = join(dir, 'users.csv');
    const r = await runCli(
      main,
      ['fetch', `${emu.url}/v2/users`, '--preset', 'zoom', '--page-size', '50', '-o', out, '-q'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    const idColumn = header!.indexOf('id');
    expect(idColumn).toBeGreaterThanOrEqual(0);
    expect(header!.at(-1)).toBe('_extra');
    expect(rows.every((row) => row.length === header!.length)).toBe(true);
    expect(rows.map((row) => row[idColumn])).toEqual(await expectedIds('list=zoom.users'));
  });

  it('fetches an X timeline to stdout, and the same in 4 time shards', async () => {
    const expected = await expectedIds(`list=x.user_tweets&user_id=${topAuthor}`);
    const url = `${emu.url}/2/users/${topAuthor}/tweets`;
    const whole = await runCli(main, ['fetch', url, '--preset', 'x', '--page-size', '10', '-q'], {
      env,
    });
    expect(whole.code, whole.stderr).toBe(0);
    const wholeIds = whole.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(wholeIds).toEqual(expected);
    const out = join(dir, 'sharded.jsonl');
    const sharded = await runCli(
      main,
      [
        'fetch',
        url,
        '--preset',
        'x',
        '--page-size',
        '10',
        '--shard',
        '2024-04-01T00:00:00Z..2024-06-02T00:00:00Z/4',
        '-o',
        out,
        '-q',
      ],
      { env },
    );
    expect(sharded.code, sharded.stderr).toBe(0);
    const ids = jsonlIds(out);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
  });

  it.each(['jsonl', 'csv'])(
    'SIGKILLed 10 times at random points, --resume still gives each item exactly once (%s)',
    async (format) => {
      // A little latency per request so that kills land mid-walk.
      await admin('/__admin/faults', { method: 'PUT', body: JSON.stringify({ latencyMs: 8 }) });
      try {
        const out = join(dir, `killed.${format}`);
        const checkpoint = `${out}.pagewise-checkpoint.json`;
        const args = [
          'fetch',
          `${emu.url}/v2/users`,
          '--preset',
          'zoom',
          '--page-size',
          '3',
          '-o',
          out,
          '-q',
        ];
        // Pages acknowledged so far according to the checkpoint (-1: none yet).
        const acked = () => {
          try {
            return (JSON.parse(readFileSync(checkpoint, 'utf8')) as { note: { pages: number } })
              .note.pages;
          } catch {
            return -1;
          }
        };
        let kills = 0;
        let finished = false;
        let fresh = true;
        for (let attempt = 0; attempt < 60 && !finished; attempt++) {
          const before = acked();
          const { child, done } = spawnCli(main, fresh ? args : [...args, '--resume'], { env });
          fresh = false;
          let exited = false;
          void done.then(() => {
            exited = true;
          });
          if (kills < 10) {
            // Kill mid-walk: after this run acknowledged a page of its own, at a random moment.
            for (let i = 0; i < 600 && !exited && acked() <= before; i++) await sleep(5);
            await sleep(Math.random() * 40);
            child.kill('SIGKILL');
          }
          const result = await done;
          if (result.signal === 'SIGKILL') {
            kills++;
          } else {
            expect(result.stderr).toBe('');
            expect(result.code, result.stderr).toBe(0);
            // Finished before the tenth kill: start over, the last walk is the one checked.
            if (kills >= 10) finished = true;
            else fresh = true;
          }
        }
        expect(kills).toBeGreaterThanOrEqual(10);
        expect(finished).toBe(true);
        const expected = await expectedIds('list=zoom.users');
        if (format === 'jsonl') expect(jsonlIds(out)).toEqual(expected);
        else {
          const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
          const idColumn = header!.indexOf('id');
          expect(rows.map((row) => row[idColumn])).toEqual(expected);
        }
        expect(
          (JSON.parse(readFileSync(checkpoint, 'utf8')) as { note: { phase: string } }).note.phase,
        ).toBe('complete');
      } finally {
        await admin('/__admin/faults', { method: 'PUT', body: '{}' });
      }
    },
  );

  it('Ctrl-C (SIGINT) exits 130 with the resume command, which then completes the list', async () => {
    await admin('/__admin/faults', { method: 'PUT', body: JSON.stringify({ latencyMs: 20 }) });
    try {
      const out = join(dir, 'interrupted.jsonl');
      const checkpoint = `${out}.pagewise-checkpoint.json`;
      const { child, done } = spawnCli(
        main,
        ['fetch', `${emu.url}/v2/users`, '--preset', 'zoom', '--page-size', '10', '-o', out],
        {
          env,
        },
      );
      for (let i = 0; i < 500; i++) {
        if (
          existsSync(checkpoint) &&
          (JSON.parse(readFileSync(checkpoint, 'utf8')) as { note: { pages: number } }).note
            .pages >= 3
        )
          break;
        await sleep(10);
      }
      child.kill('SIGINT');
      const result = await done;
      expect(result.code, result.stderr).toBe(130);
      expect(result.stderr).toContain('pagewise: interrupted');
      expect(result.stderr).not.toContain(emu.apiToken);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const command = /to resume, run:\n\s+(.+)\n/.exec(result.stderr)?.[1];
      expect(command).toMatch(/ --resume$/);
      // A page half written when the process died: --resume must cut it off.
      appendFileSync(out, '{"id":"torn-page","email":"half');
      const argv = command!.split(' ').map((a) => a.replace(/^'(.*)'$/, '$1'));
      expect(argv[0]).toBe('node');
      const resumed = await runCli(main, argv.slice(2), { env });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(jsonlIds(out)).toEqual(await expectedIds('list=zoom.users'));
    } finally {
      await admin('/__admin/faults', { method: 'PUT', body: '{}' });
    }
  });

  it('rides out injected 503s and connection resets with retries', async () => {
    await admin('/__admin/faults', {
      method: 'PUT',
      body: JSON.stringify({ errorRate: 0.15, resetRate: 0.05 }),
    });
    try {
      const r = await runCli(
        main,
        [
          'fetch',
          `${emu.url}/v2/users`,
          '--preset',
          'zoom',
          '--page-size',
          '20',
          '--retries',
          '8',
          '-q',
        ],
        { env },
      );
      expect(r.stderr).toBe('');
      expect(r.code, r.stderr).toBe(0);
      const ids = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { id: string }).id);
      expect(ids).toEqual(await expectedIds('list=zoom.users'));
    } finally {
      await admin('/__admin/faults', { method: 'PUT', body: '{}' });
    }
  });

  it('waits out a 429 burst, showing the wait on stderr, and loses nothing', async () => {
    await admin('/__admin/faults', { method: 'PUT', body: JSON.stringify({ rateLimitBurst: 2 }) });
    try {
      const r = await runCli(
        main,
        [
          'fetch',
          `${emu.url}/v2/users`,
          '--preset',
          'zoom',
          '--page-size',
          '40',
          '--max-wait',
          '30',
        ],
        { env },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('waiting for rate limit');
      const ids = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { id: string }).id);
      expect(ids).toEqual(await expectedIds('list=zoom.users'));
    } finally {
      await admin('/__admin/faults', { method: 'PUT', body: '{}' });
    }
  });

  it("a wrong token gets exit 3 and the emulator's Zoom error message", async () => {
    const r = await runCli(main, ['fetch', `${emu.url}/v2/users`, '--preset', 'zoom'], {
      env: { PAGEWISE_BEARER: 'nope' },
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^pagewise: authentication failed: HTTP 401 from GET http:\/\/127\.0\.0\.1:\d+\/v2\/users: /,
    );
  });
});
