import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../../../../test/helpers/cli-process.js';
import { startTinyApi } from './helpers/tiny-api.js';

let main: string;
beforeAll(() => {
  main = buildCli();
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function expectOneLineError(stderr: string, pattern: RegExp): void {
  const errorLines = stderr.split('\n').filter((l) => l !== '');
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(/^pagewise: /);
  expect(errorLines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('bad usage gets one clear line and a documented exit code', () => {
  it('unknown flag: exit 2', async () => {
    const r = await runCli(main, ['fetch', 'http://example.com', '--preset', 'zoom', '--bogus']);
    expect(r.code, r.stderr).toBe(2);
    expectOneLineError(r.stderr, /unknown option '--bogus'/);
    expect(r.stdout).toBe('');
  });

  it('missing URL: exit 2', async () => {
    const r = await runCli(main, ['fetch', '--preset', 'zoom']);
    expect(r.code, r.stderr).toBe(2);
    expectOneLineError(r.stderr, /missing required argument 'url'/);
  });

  it('bad preset: exit 2, naming the choices', async () => {
    const r = await runCli(main, ['fetch', 'http://example.com', '--preset', 'myspace']);
    expect(r.code, r.stderr).toBe(2);
    expectOneLineError(r.stderr, /zoom, zoom-pages, x, github, stripe, slack/);
  });

  it('--concurrency on a token-paginated API: exit 2, saying why', async () => {
    const r = await runCli(main, [
      'fetch',
      'http://example.com/list',
      '--preset',
      'x',
      '--concurrency',
      '4',
    ]);
    expect(r.code, r.stderr).toBe(2);
    expectOneLineError(r.stderr, /--concurrency > 1 needs page numbers/);
  });

  it('--resume on a file that no checkpoint explains: exit 2, the file untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pagewise-foreign-'));
    const out = join(dir, 'users.jsonl');
    try {
      writeFileSync(out, '{"id":"mine"}\n');
      const r = await runCli(main, [
        'fetch',
        'http://127.0.0.1:9/v2/users',
        '--preset',
        'zoom',
        '-o',
        out,
        '--resume',
      ]);
      expect(r.code, r.stderr).toBe(2);
      expectOneLineError(r.stderr, /exists but no checkpoint explains it/);
      expect(r.stderr).toContain(out);
      expect(r.stderr).toMatch(/write to another file with -o, or delete/);
      expect(readFileSync(out, 'utf8')).toBe('{"id":"mine"}\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--resume with other arguments than the checkpoint: exit 2, output untouched', async () => {
    const api = await startTinyApi({ items: 30 });
    const dir = mkdtempSync(join(tmpdir(), 'pagewise-mismatch-'));
    const out = join(dir, 'u.jsonl');
    try {
      const args = [
        'fetch',
        `${api.url}/v2/users`,
        '--preset',
        'zoom',
        '--page-size',
        '10',
        '-o',
        out,
        '-q',
      ];
      expect((await runCli(main, args)).code).toBe(0);
      // A checkpoint as a killed run would leave it, with a page past its offset.
      writeFileSync(
        `${out}.pagewise-checkpoint.json`,
        JSON.stringify({
          version: 1,
          fingerprint: 'x',
          state: { cursor: {}, index: 1 },
          done: false,
          note: {
            offset: 10,
            encoder: null,
            items: 1,
            pages: 1,
            total: null,
            format: 'jsonl',
            output: out,
            request: 'another request',
          },
          savedAt: '',
        }),
      );
      const before = readFileSync(out, 'utf8');
      const r = await runCli(main, [...args.slice(0, 5), '20', '-o', out, '--resume']);
      expect(r.code, r.stderr).toBe(2);
      expectOneLineError(
        r.stderr,
        /belongs to a fetch with another URL, parameters or pagination flags/,
      );
      expect(readFileSync(out, 'utf8')).toBe(before);
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('unreachable host: exit 5', async () => {
    const port = await closedPort();
    const r = await runCli(main, [
      'fetch',
      `http://127.0.0.1:${port}/v2/users`,
      '--preset',
      'zoom',
      '--retries',
      '0',
    ]);
    expect(r.code, r.stderr).toBe(5);
    expectOneLineError(r.stderr, /could not reach the server: ECONNREFUSED/);
  });

  it('401: exit 3, with the API message and never the token', async () => {
    const api = await startTinyApi({ items: 5, token: 'right' });
    try {
      const r = await runCli(main, ['fetch', `${api.url}/v2/users`, '--preset', 'zoom'], {
        env: { PAGEWISE_BEARER: 'wrong-secret' },
      });
      expect(r.code, r.stderr).toBe(3);
      expectOneLineError(r.stderr, /authentication failed: HTTP 401 .*Invalid access token/);
      expect(r.stderr).not.toContain('wrong-secret');
      const ok = await runCli(main, ['fetch', `${api.url}/v2/users`, '--preset', 'zoom', '-q'], {
        env: { PAGEWISE_BEARER: 'right' },
      });
      expect(ok.code, ok.stderr).toBe(0);
    } finally {
      await api.close();
    }
  });

  it('404: exit 5 with the API message', async () => {
    const api = await startTinyApi({ items: 5 });
    try {
      const r = await runCli(main, ['fetch', `${api.url}/v2/nothing`, '--preset', 'zoom']);
      expect(r.code, r.stderr).toBe(5);
      expectOneLineError(r.stderr, /HTTP 404 .*Not found/);
    } finally {
      await api.close();
    }
  });

  it('--help lists every flag, the exit codes and Zoom and X examples', async () => {
    const r = await runCli(main, ['fetch', '--help']);
    expect(r.code, r.stderr).toBe(0);
    for (const flag of [
      '--preset',
      '--token-param',
      '--next-path',
      '--items-path',
      '--header',
      '--bearer',
      '--param',
      '--limit',
      '--concurrency',
      '--shard',
      '--max-wait',
      '--output',
      '--resume',
      '--quiet',
    ]) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toMatch(/130\s+interrupted/);
    expect(r.stdout).toContain('--preset zoom');
    expect(r.stdout).toContain('--preset x');
  });

  it('keys generate prints one PAGEWISE_TOKEN_KEYS entry', async () => {
    const r = await runCli(main, ['keys', 'generate', '--id', 'k9']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^k9:[A-Za-z0-9+/]{43}=\n$/);
    const bad = await runCli(main, ['keys', 'generate', '--id', 'bad id!']);
    expect(bad.code).toBe(2);
    expectOneLineError(bad.stderr, /--id/);
  });
});
