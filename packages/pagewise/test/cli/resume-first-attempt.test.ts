import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCli,
  type CliResult,
  runCli,
  spawnCli,
} from '../../../../test/helpers/cli-process.js';
import { startTinyApi, type TinyApi } from './helpers/tiny-api.js';

// `--resume` as the first attempt of a retry loop: the real built CLI against a small API.
let main: string;
let api: TinyApi;
let dir: string;

beforeAll(async () => {
  main = buildCli();
  api = await startTinyApi({ items: 120, delayMs: 2 });
  dir = mkdtempSync(join(tmpdir(), 'pagewise-resume-'));
});

afterAll(async () => {
  await api?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const args = (out: string, ...more: string[]) => [
  'fetch',
  `${api.url}/v2/users`,
  '--preset',
  'zoom',
  '--page-size',
  '10',
  '-o',
  out,
  '-q',
  ...more,
];

const ids = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { id: string }).id);

/** One line on stderr, starting `pagewise: `, no stack. */
function expectOneLine(r: CliResult, pattern: RegExp): void {
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^pagewise: /);
  expect(lines[0]).toMatch(pattern);
}

describe('pagewise fetch --resume from the first attempt', () => {
  it('starts fresh when there is neither a checkpoint nor an output file', async () => {
    const out = join(dir, 'first.jsonl');
    const r = await runCli(main, args(out, '--resume'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(ids(out)).toEqual(api.dataset.map((i) => i.id));
  });

  it.each(['jsonl', 'csv'])(
    'after a finished run says the output is complete: exit 0, no request, no byte changed (%s)',
    async (format) => {
      const out = join(dir, `done.${format}`);
      expect((await runCli(main, args(out))).code).toBe(0);
      const before = readFileSync(out);
      const requests = api.requests();
      const loud = await runCli(main, args(out, '--resume').slice(0, -2).concat('--resume'));
      expect(loud.code, loud.stderr).toBe(0);
      expectOneLine(loud, /already complete: 120 items in 12 pages to .*; nothing fetched/);
      const quiet = await runCli(main, args(out, '--resume'));
      expect(quiet.code, quiet.stderr).toBe(0);
      expect(quiet.stderr).toBe('');
      expect(api.requests()).toBe(requests);
      expect(readFileSync(out).equals(before)).toBe(true);
    },
  );

  it('counts --limit as part of the arguments: complete for the same limit, refused for another', async () => {
    const out = join(dir, 'limited.jsonl');
    expect((await runCli(main, args(out, '--limit', '25'))).code).toBe(0);
    expect(ids(out)).toHaveLength(25);
    const same = await runCli(main, args(out, '--limit', '25', '--resume'));
    expect(same.code, same.stderr).toBe(0);
    const other = await runCli(main, args(out, '--limit', '30', '--resume'));
    expect(other.code).toBe(2);
    expectOneLine(other, /belongs to a fetch with another URL, parameters or pagination flags/);
    expect(ids(out)).toHaveLength(25);
  });

  it('refuses an output whose checkpoint is of other arguments, naming the file and the way out', async () => {
    const out = join(dir, 'other-args.jsonl');
    expect((await runCli(main, args(out))).code).toBe(0);
    const before = readFileSync(out);
    const r = await runCli(main, [...args(out, '--resume'), '--param', 'status=inactive']);
    expect(r.code).toBe(2);
    expectOneLine(r, /belongs to a fetch with another URL, parameters or pagination flags/);
    expect(r.stderr).toContain(out);
    expect(r.stderr).toMatch(/resume with the original arguments, write to another file with -o/);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('refuses a completed output that was changed afterwards', async () => {
    const out = join(dir, 'edited.jsonl');
    expect((await runCli(main, args(out))).code).toBe(0);
    appendFileSync(out, '{"id":"added by hand"}\n');
    const before = readFileSync(out);
    const r = await runCli(main, args(out, '--resume'));
    expect(r.code).toBe(2);
    expectOneLine(r, /changed after its fetch completed/);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('starts over when the output was deleted, or is an empty file', async () => {
    const out = join(dir, 'deleted.jsonl');
    expect((await runCli(main, args(out))).code).toBe(0);
    rmSync(out);
    const again = await runCli(main, args(out, '--resume'));
    expect(again.code, again.stderr).toBe(0);
    expect(ids(out)).toEqual(api.dataset.map((i) => i.id));
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const fromEmpty = await runCli(main, args(empty, '--resume'));
    expect(fromEmpty.code, fromEmpty.stderr).toBe(0);
    expect(ids(empty)).toHaveLength(120);
  });

  it('on stdout: fresh without a checkpoint, then complete with nothing written', async () => {
    const cwd = mkdtempSync(join(dir, 'stdout-'));
    const stdoutArgs = ['fetch', `${api.url}/v2/users`, '--preset', 'zoom', '--page-size', '10'];
    const first = await runCli(main, [...stdoutArgs, '-q', '--resume'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split('\n').filter(Boolean)).toHaveLength(120);
    const again = await runCli(main, [...stdoutArgs, '--resume'], { cwd });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    expectOneLine(again, /already complete: 120 items in 12 pages to stdout/);
    // A plain stdout run (no --resume) leaves no checkpoint behind in the working directory.
    const plainCwd = mkdtempSync(join(dir, 'plain-'));
    expect((await runCli(main, [...stdoutArgs, '-q'], { cwd: plainCwd })).code).toBe(0);
    const left = join(plainCwd, '.pagewise');
    expect(existsSync(left) ? readdirSync(left) : []).toEqual([]);
  });
});

describe('a retry loop that uses --resume from its first attempt, under kill -9', () => {
  // 20 loops (10 JSONL, 10 CSV). In each, the first two attempts are SIGKILLed at a random
  // moment (the first one's spread over the loops, from process start-up to past the last
  // page), unless they finish first; the third runs to the end. The output must then be byte
  // for byte the output of an uninterrupted run. Processes are what costs here (each attempt
  // is a Node start-up), so a loop has at most 3 attempts.
  const LOOPS = 20;

  it(`ends each of ${LOOPS} loops with exactly the items of an uninterrupted run, in order`, {
    timeout: 240_000,
  }, async () => {
    const reference: Record<string, Buffer> = {};
    let runMs = 0;
    for (const format of ['jsonl', 'csv']) {
      const out = join(dir, `reference.${format}`);
      const t0 = performance.now();
      expect((await runCli(main, args(out))).code).toBe(0);
      runMs = Math.max(runMs, performance.now() - t0);
      reference[format] = readFileSync(out);
    }
    const seen = { kills: 0, beforeFirstPage: 0, midWalk: 0, afterLastPage: 0, finished: 0 };
    // Kill moments are drawn from [0, window); a loop whose attempts all finished before their
    // kill is run again from scratch with a shorter window, so that every loop has a kill.
    let window = runMs * 1.2;
    for (let loop = 0; loop < LOOPS; loop++) {
      const format = loop % 2 === 0 ? 'jsonl' : 'csv';
      const out = join(dir, `loop-${loop}.${format}`);
      const checkpoint = `${out}.pagewise-checkpoint.json`;
      let killsInLoop = 0;
      for (let round = 0; round < 6 && killsInLoop === 0; round++) {
        rmSync(out, { force: true });
        rmSync(checkpoint, { force: true });
        if (round > 0) window = Math.max(50, window * 0.7);
        let finished = false;
        for (let attempt = 0; attempt < 3 && !finished; attempt++) {
          // Stratified over the loops for the first attempt, uniform for the second; none after.
          const killAt =
            attempt >= 2
              ? undefined
              : attempt === 0
                ? ((loop + Math.random()) / LOOPS) * window
                : Math.random() * window;
          const { child, done } = spawnCli(main, args(out, '--resume'));
          const timer =
            killAt === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAt);
          const result = await done;
          clearTimeout(timer);
          if (result.signal === 'SIGKILL') {
            seen.kills++;
            killsInLoop++;
            const phase = existsSync(checkpoint)
              ? (JSON.parse(readFileSync(checkpoint, 'utf8')) as { note: { phase?: string } }).note
                  .phase
              : undefined;
            if (phase === undefined || phase === 'started') seen.beforeFirstPage++;
            else if (phase === 'complete') seen.afterLastPage++;
            else seen.midWalk++;
            continue;
          }
          expect(result.stderr, `loop ${loop}, attempt ${attempt}`).toBe('');
          expect(result.code, `loop ${loop}, attempt ${attempt}`).toBe(0);
          finished = true;
        }
        expect(finished, `loop ${loop}`).toBe(true);
        expect(readFileSync(out).equals(reference[format] as Buffer), `loop ${loop}`).toBe(true);
      }
      seen.finished++;
    }
    console.info(`kill -9 retry loops: ${JSON.stringify(seen)}`);
    expect(seen.finished).toBe(LOOPS);
    expect(seen.kills).toBeGreaterThanOrEqual(LOOPS);
    expect(seen.beforeFirstPage).toBeGreaterThan(0);
    expect(seen.midWalk).toBeGreaterThan(0);
  });
});
