import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numbered, startListServer } from './support/list-server.js';
import { zoomTokenHandler } from './support/shapes.js';

const CHILD = fileURLToPath(new URL('./support/kill-child.ts', import.meta.url));
const ITEMS = 1500;
// `npm run reliability` raises the count through PAGEWISE_KILLS.
const KILLS = Math.max(22, Number(process.env['PAGEWISE_KILLS'] ?? 0) || 0);

let server: Awaited<ReturnType<typeof startListServer>>;
let dir: string;
beforeAll(async () => {
  const inner = zoomTokenHandler(numbered(1, ITEMS));
  server = await startListServer(async (url, headers) => {
    // A little latency so kills land mid-walk, mid-page and mid-write.
    await new Promise((r) => setTimeout(r, 1));
    return inner(url, headers);
  });
  dir = await mkdtemp(join(tmpdir(), 'pagewise-kill-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the child; kills it `killAfterMs` after it said "ready" (never, when undefined). */
function runChild(killAfterMs: number | undefined): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CHILD,
        `${server.url}/v2/users?page_size=10`,
        join(dir, 'cp'),
        join(dir, 'out.jsonl'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (killAfterMs !== undefined && stdout.includes('ready')) {
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && stdout.includes('done')) resolve('done');
      else reject(new Error(`child exited ${code}: ${stderr}`));
    });
  });
}

describe('kill and resume', () => {
  it(`a walk SIGKILLed ${KILLS} times at random moments writes each item exactly once`, async () => {
    let kills = 0;
    let finishedEarly = false;
    for (let i = 0; i < KILLS; i++) {
      const outcome = await runChild(Math.floor(Math.random() * 25));
      if (outcome === 'killed') kills++;
      else {
        finishedEarly = true;
        break;
      }
    }
    if (!finishedEarly) expect(await runChild(undefined)).toBe('done');
    const lines = (await readFile(join(dir, 'out.jsonl'), 'utf8')).trim().split('\n');
    const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(numbered(1, ITEMS).map((item) => item.id));
    expect(kills).toBeGreaterThanOrEqual(finishedEarly ? 1 : KILLS);
  }, 120_000);
});
