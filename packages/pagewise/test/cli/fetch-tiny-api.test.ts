import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, spawnCli } from '../../../../test/helpers/cli-process.js';
import { parseCsv } from '../../../../test/helpers/parse-csv.js';
import { startTinyApi, type TinyApi } from './helpers/tiny-api.js';

// The real built CLI against a small API on a real socket.
let main: string;
let api: TinyApi;
let slowApi: TinyApi;
let dir: string;

beforeAll(async () => {
  main = buildCli();
  api = await startTinyApi({ items: 95 });
  slowApi = await startTinyApi({ items: 400, delayMs: 15 });
  dir = mkdtempSync(join(tmpdir(), 'pagewise-cli-'));
});

afterAll(async () => {
  await api?.close();
  await slowApi?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const ids = (path: string) =>
  lines(readFileSync(path, 'utf8')).map((l) => (JSON.parse(l) as { id: string }).id);

describe('pagewise fetch against a small API', () => {
  it('streams every item as JSON Lines on stdout, and only data there', async () => {
    const r = await runCli(main, [
      'fetch',
      `${api.url}/v2/users`,
      '--preset',
      'zoom',
      '--page-size',
      '10',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout).map((l) => JSON.parse(l))).toEqual(api.dataset);
    expect(r.stderr).toContain('done, 95 items in 10 pages');
  });

  it('writes a JSONL file with the X preset (next_token omitted at the end)', async () => {
    const out = join(dir, 'x.jsonl');
    const r = await runCli(main, [
      'fetch',
      `${api.url}/2/users/1/followers`,
      '--preset',
      'x',
      '--page-size',
      '7',
      '-o',
      out,
      '-q',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(ids(out)).toEqual(api.dataset.map((i) => i.id));
    // Kept, marked complete with the final byte offset, so that --resume can tell it is done.
    const kept = JSON.parse(readFileSync(`${out}.pagewise-checkpoint.json`, 'utf8')) as {
      note: { phase: string; offset: number; items: number };
    };
    expect(kept.note).toMatchObject({
      phase: 'complete',
      offset: statSync(out).size,
      items: api.dataset.length,
    });
  });

  it('writes CSV with flattened columns, a header, and late keys in _extra', async () => {
    const out = join(dir, 'users.csv');
    const r = await runCli(main, [
      'fetch',
      `${api.url}/v2/users`,
      '--preset',
      'zoom',
      '--page-size',
      '10',
      '-o',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    expect(header).toEqual(['id', 'email', 'profile.dept', 'profile.level', 'tags', '_extra']);
    expect(rows).toHaveLength(api.dataset.length);
    rows.forEach((row, i) => {
      const item = api.dataset[i]!;
      expect(row).toEqual([
        item.id,
        item.email,
        item.profile.dept,
        String(item.profile.level),
        JSON.stringify(item.tags),
        item.note === undefined ? '' : JSON.stringify({ note: item.note }),
      ]);
    });
  });

  it('stops at --limit items', async () => {
    const r = await runCli(main, [
      'fetch',
      `${api.url}/v2/users`,
      '--preset',
      'zoom',
      '--page-size',
      '10',
      '--limit',
      '25',
      '-q',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toHaveLength(25);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'stops cleanly on %s with exit %i and prints the command that resumes it',
    async (signal, exitCode) => {
      const out = join(dir, `interrupted-${signal}.jsonl`);
      const checkpoint = `${out}.pagewise-checkpoint.json`;
      const { child, done } = spawnCli(main, [
        'fetch',
        `${slowApi.url}/v2/users`,
        '--preset',
        'zoom',
        '--page-size',
        '10',
        '-o',
        out,
        '--bearer',
        's3cret-token',
      ]);
      for (let i = 0; i < 300; i++) {
        if (
          existsSync(checkpoint) &&
          (JSON.parse(readFileSync(checkpoint, 'utf8')) as { note: { pages: number } }).note
            .pages >= 3
        )
          break;
        await new Promise((r) => setTimeout(r, 10));
      }
      child.kill(signal);
      const result = await done;
      expect(result.code, result.stderr).toBe(exitCode);
      expect(result.signal).toBeNull();
      expect(result.stderr).not.toContain('s3cret-token');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const command = /to resume, run:\n\s+(.+)\n/.exec(result.stderr)?.[1];
      expect(command).toContain('--resume');
      expect(command).not.toContain('--bearer');
      const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as { note: { items: number } };
      expect(lines(readFileSync(out, 'utf8')).length).toBeGreaterThanOrEqual(saved.note.items);
      // Run the printed command as given (it names the built main.js relative to the cwd).
      const argv = command!.split(' ').map((a) => a.replace(/^'(.*)'$/, '$1'));
      const resumed = await runCli(main, argv.slice(2), {
        env: { PAGEWISE_BEARER: 's3cret-token' },
      });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(ids(out)).toEqual(slowApi.dataset.map((i) => i.id));
    },
  );

  it('waits out a short rate limit, showing it, and finishes', async () => {
    const limited = await startTinyApi({ items: 30, rateLimitAt: { request: 2, retryAfter: 1 } });
    try {
      const r = await runCli(main, [
        'fetch',
        `${limited.url}/v2/users`,
        '--preset',
        'zoom',
        '--page-size',
        '10',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('waiting for rate limit');
      expect(lines(r.stdout)).toHaveLength(30);
    } finally {
      await limited.close();
    }
  });

  it('exits 4 with a resume hint when the rate limit asks for more than --max-wait', async () => {
    const limited = await startTinyApi({ items: 30, rateLimitAt: { request: 2, retryAfter: 600 } });
    const out = join(dir, 'limited.jsonl');
    try {
      const r = await runCli(main, [
        'fetch',
        `${limited.url}/v2/users`,
        '--preset',
        'zoom',
        '--page-size',
        '10',
        '--max-wait',
        '5',
        '-o',
        out,
      ]);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toMatch(/rate limited: .*600 s.*--max-wait/);
      expect(r.stderr).toMatch(/to resume, run:\n.*--resume/);
      const resumed = await runCli(main, [
        'fetch',
        `${limited.url}/v2/users`,
        '--preset',
        'zoom',
        '--page-size',
        '10',
        '--max-wait',
        '5',
        '-o',
        out,
        '--resume',
      ]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(ids(out)).toEqual(limited.dataset.map((i) => i.id));
    } finally {
      await limited.close();
    }
  });
});
