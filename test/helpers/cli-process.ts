import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** The library package, whose CLI this builds. */
const LIB = join(ROOT, 'packages', 'pagewise');

/**
 * Compiles the library package with its own build config into a
 * private directory (`.tmp/cli-test-build-<hash>/dist`) and returns the path
 * of the built `cli/main.js`: the real built CLI, but out of reach of a
 * parallel `npm run build` that would `rm -rf dist` under a running test.
 * The directory is keyed by the sources' sizes and mtimes, so test files
 * share one build; a lock directory keeps two workers from building at once.
 * Type errors in other parts do not stop tsc from emitting, so they are
 * ignored here (a CLI that failed to compile is caught by the check below).
 */
export function buildCli(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(join(LIB, 'src'), { recursive: true, withFileTypes: true })) {
    if (!file.isFile()) continue;
    const path = join(file.parentPath, file.name);
    const stat = statSync(path);
    hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
  }
  const dir = join(ROOT, '.tmp', `cli-test-build-${hash.digest('hex').slice(0, 12)}`);
  const main = join(dir, 'dist', 'cli', 'main.js');
  const doneMarker = join(dir, '.done');
  const lock = `${dir}.lock`;
  // The lock is made inside .tmp: on a clean clone that folder does not exist yet.
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  for (let i = 0; i < 600 && !existsSync(doneMarker); i++) {
    try {
      mkdirSync(lock, { recursive: false });
    } catch {
      sleepSync(200);
      continue;
    }
    try {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      cpSync(join(LIB, 'package.json'), join(dir, 'package.json'));
      try {
        execFileSync(
          process.execPath,
          [
            join(ROOT, 'node_modules/typescript/bin/tsc'),
            '-p',
            join(LIB, 'tsconfig.build.json'),
            '--outDir',
            join(dir, 'dist'),
            '--declaration',
            'false',
            '--declarationMap',
            'false',
            '--sourceMap',
            'false',
          ],
          { cwd: ROOT, stdio: 'pipe' },
        );
      } catch {
        // Others' in-progress type errors: tsc emitted anyway.
      }
      writeFileSync(doneMarker, '');
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  if (!existsSync(main)) throw new Error(`build did not produce ${main}`);
  pruneOldBuilds(dir);
  return main;
}

/** Removes builds of older sources (kept 10 minutes, in case a parallel test file still runs one). */
function pruneOldBuilds(current: string): void {
  const parent = join(ROOT, '.tmp');
  for (const name of readdirSync(parent)) {
    const path = join(parent, name);
    if (!name.startsWith('cli-test-build-') || path === current || path.endsWith('.lock')) continue;
    if (Date.now() - statSync(path).mtimeMs > 10 * 60_000)
      rmSync(path, { recursive: true, force: true });
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Result of a finished CLI process. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns `node main.js ...args` (non-TTY stdio) and keeps its output. */
export function spawnCli(
  main: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [main, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const done = new Promise<CliResult>((resolvePromise) => {
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the CLI to its end. */
export function runCli(
  main: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return spawnCli(main, args, options).done;
}
