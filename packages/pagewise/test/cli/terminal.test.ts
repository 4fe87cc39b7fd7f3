import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../../test/helpers/cli-process.js';
import { startTinyApi, type TinyApi } from './helpers/tiny-api.js';

// The progress bar in a real pseudo-terminal: a private tmux server runs the
// CLI in a detached session and capture-pane shows what a person would see.
const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const socket = `pagewise-cli-test-${process.pid}`;
const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-L', socket, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
let main: string;
let api: TinyApi;
let dir: string;

beforeAll(async () => {
  main = buildCli();
  api = await startTinyApi({ items: 400, delayMs: 40 });
  dir = mkdtempSync(join(tmpdir(), 'pagewise-tty-'));
});

afterAll(async () => {
  try {
    tmux('kill-server');
  } catch {
    // No session was started.
  }
  await api?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Runs `command` in a new 150x20 tmux session; returns a capture taken mid-run and the final one. */
async function inTerminal(
  name: string,
  command: string,
): Promise<{ mid: string[]; final: string }> {
  tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    '150',
    '-y',
    '20',
    '-c',
    dir,
    `bash -c '${command}; echo EXIT=$?; sleep 60'`,
  );
  const mid: string[] = [];
  for (let i = 0; i < 300; i++) {
    const pane = tmux('capture-pane', '-p', '-t', name);
    if (pane.includes('EXIT=')) {
      tmux('kill-session', '-t', name);
      return { mid, final: pane };
    }
    if (pane.includes('items')) mid.push(pane);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no exit in the terminal: ${tmux('capture-pane', '-p', '-t', name)}`);
}

describe.skipIf(!hasTmux)('the terminal experience', () => {
  it('draws a live bar on stderr that moves and finishes at 100%', async () => {
    const { mid, final } = await inTerminal(
      'bar',
      `node ${main} fetch ${api.url}/v2/users --preset zoom --page-size 10 -o out.jsonl`,
    );
    expect(final).toContain('EXIT=0');
    expect(final).toMatch(/█{24} 100% \| 400\/400 items \| 40 pages/);
    expect(final).toContain('done, 400 items in 40 pages to out.jsonl');
    // Seen while running: a partial bar with an ETA.
    expect(mid.some((p) => /░.*\d+% \| \d+\/400 items .*ETA/.test(p))).toBe(true);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(
      400,
    );
  });

  it('shows the rate-limit wait in the bar', async () => {
    const limited = await startTinyApi({
      items: 60,
      delayMs: 20,
      rateLimitAt: { request: 3, retryAfter: 2 },
    });
    try {
      const { mid, final } = await inTerminal(
        'wait',
        `node ${main} fetch ${limited.url}/v2/users --preset zoom --page-size 10 -o waited.jsonl`,
      );
      expect(final).toContain('EXIT=0');
      expect(mid.some((p) => /waiting for rate limit: [12]s/.test(p))).toBe(true);
      expect(final).toContain('done, 60 items in 6 pages');
    } finally {
      await limited.close();
    }
  });

  it('keeps stdout pure data when it is piped, while the bar stays on the terminal', async () => {
    const { final } = await inTerminal(
      'pipe',
      `node ${main} fetch ${api.url}/2/users/1/followers --preset x --page-size 20 | cat > piped.jsonl; test \${PIPESTATUS[0]} -eq 0`,
    );
    expect(final).toContain('EXIT=0');
    expect(final).toMatch(/400 items \| 20 pages/);
    expect(final).not.toContain('{"id"');
    const out = readFileSync(join(dir, 'piped.jsonl'), 'utf8');
    expect(out.includes('\u001b') || out.includes('\r')).toBe(false);
    const ids = out
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(api.dataset.map((i) => i.id));
  });
});
