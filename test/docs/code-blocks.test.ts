import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateKeySpec } from 'pagewise/token';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEmulatorArgs } from './cli-parse.js';
import { type DocEmulator, isEmulatorUrl, pointAt, startDocEmulator } from './doc-emulator.js';
import { documentedCommands, PARSE_ENV } from './documented-commands.js';
import { allBlocks, type CodeBlock, docFiles, ROOT, where } from './markdown-blocks.js';
import { brokenLinks } from './markdown-links.js';
import { type ShellLine, shellLines } from './shell-commands.js';
import { blockFileName, typeCheckBlocks } from './type-check-blocks.js';

// The code-block convention (docs/internal/TEAM.md, "Docs"):
//   ```ts / ```js   type-checked, one module per block, strict project options, one tsc run
//   ```ts run       also executed, against the emulator this file starts
//   ```json         must parse
//   ```sh / ```bash every `pagewise …` / `pagewise-emulator …` command is accepted by the real
//                   parser; every `curl` line (emulator at http://127.0.0.1:3000) is run and
//                   answers 2xx, or the status after `# →`; `npm run X` names a real script
//   ``` / ```text   output and other text: not checked
const CHECK_DIR = join(ROOT, '.tmp', `docs-check-${process.pid}`);
const LANGS = new Set(['', 'text', 'ts', 'js', 'json', 'sh', 'bash']);
const SHELL = new Set(['sh', 'bash']);
const blocks = allBlocks();
const code = blocks.filter((b) => b.lang === 'ts' || b.lang === 'js');
const shell = blocks.filter((b) => SHELL.has(b.lang));

describe('documentation code blocks', () => {
  afterAll(() => rmSync(CHECK_DIR, { recursive: true, force: true }));

  it('finds the pages and their blocks, each in a known language', () => {
    const files = docFiles();
    expect(files).toContain('README.md');
    expect(files.length).toBeGreaterThan(10);
    expect(code.length).toBeGreaterThan(10);
    const unknown = blocks
      .filter(
        (b) =>
          !LANGS.has(b.lang) ||
          b.tags.some((t) => !(t === 'run' && (b.lang === 'ts' || b.lang === 'js'))),
      )
      .map((b) => `${where(b)}: \`\`\`${[b.lang, ...b.tags].join(' ')}`);
    expect(unknown, 'languages: ts, js (tag: run), json, sh, bash, text or none').toEqual([]);
  });

  it('type-checks every ts and js block as a module importing the built packages (one tsc run)', () => {
    expect(typeCheckBlocks(code, CHECK_DIR)).toEqual([]);
  }, 180_000);

  it('links only to files and headings that exist', () => {
    expect(docFiles().flatMap(brokenLinks)).toEqual([]);
  });

  it('parses every json block', () => {
    const failures: string[] = [];
    for (const block of blocks.filter((b) => b.lang === 'json')) {
      try {
        JSON.parse(block.code);
      } catch (error) {
        failures.push(`${where(block)}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  // `pagewise …` commands are parsed by the library's own test
  // (packages/pagewise/test/cli/documented-commands.test.ts): its program is not public API.
  it('has every pagewise-emulator and pagewise serve command accepted by the emulator parser', async () => {
    const failures: string[] = [];
    let parsed = 0;
    for (const command of documentedCommands()) {
      const serve = command.program === 'pagewise' && command.args[0] === 'serve';
      if (command.program !== 'pagewise-emulator' && !serve) continue;
      parsed++;
      const name = serve ? 'pagewise serve' : 'pagewise-emulator';
      const problem = await parseEmulatorArgs(name, serve ? command.args.slice(1) : command.args);
      if (problem !== '') failures.push(`${command.at}: ${command.text}\n  ${problem}`);
    }
    expect(parsed).toBeGreaterThan(5);
    expect(failures).toEqual([]);
  });

  it('refuses with the emulator parser what the emulator refuses', async () => {
    expect(await parseEmulatorArgs('pagewise-emulator', ['--sizes', 'zoomUsers=abc'])).toMatch(
      /zoomUsers/,
    );
    expect(await parseEmulatorArgs('pagewise serve', ['--rate-limit', 'fast'])).toMatch(/fast/);
    expect(await parseEmulatorArgs('pagewise-emulator', ['--port', '8080'])).toBe('');
  });

  it('names only npm scripts and repository files that exist', () => {
    const failures: string[] = [];
    const scriptsOf = (dir: string) =>
      (
        JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
          scripts?: Record<string, string>;
        }
      ).scripts ?? {};
    for (const { block, line } of linesOf(shell, PARSE_ENV)) {
      for (const { words } of line.commands) {
        const fail = (what: string) => failures.push(`${where(block, line.offset)}: ${what}`);
        if (words[0] === 'npm') {
          const w = words.indexOf('-w');
          const scripts = scriptsOf(w > 0 ? `packages/${words[w + 1]}` : '.');
          const verb = words[1];
          const script =
            verb === 'run' ? words[2] : verb === 'start' || verb === 'test' ? verb : undefined;
          if (script !== undefined && scripts[script] === undefined)
            fail(`no npm script "${script}"`);
        }
        const runsFiles =
          words[0] === 'node' ||
          (words[0] === 'npx' && (words[1] === 'tsx' || words[1] === 'vitest'));
        if (runsFiles) {
          for (const word of words.slice(1)) {
            if (
              /^[\w.-]+\/[\w./-]*$/.test(word) &&
              !word.startsWith('.tmp') &&
              !existsSync(join(ROOT, word))
            )
              fail(`no such file: ${word}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  describe('against an emulator', () => {
    let emu: DocEmulator;
    beforeAll(async () => {
      emu = await startDocEmulator();
    }, 120_000);
    afterAll(async () => {
      await emu?.close();
    });

    it('answers every curl line with 2xx, or the status its comment shows after →', async () => {
      const failures: string[] = [];
      let ran = 0;
      for (const block of shell) {
        const lines = shellLines(block.code);
        const setup: string[] = [];
        let touched = false;
        for (const [index, line] of lines.entries()) {
          const names = line.commands.map((c) => c.words[0]);
          if (line.commands.length > 0 && line.commands.every(isAssignment)) {
            // The reader sets the placeholders (tokens, ids) for their emulator; the test sets
            // them for its own, so an example's own values for them are left out.
            if (!assignedNames(line).every((name) => name in emu.env)) setup.push(line.text);
            continue;
          }
          if (!names.includes('curl')) continue;
          const at = where(block, line.offset);
          const curl = line.commands[0];
          if (
            line.commands.length !== 1 ||
            curl?.words[0] !== 'curl' ||
            !/^\s*curl\s/.test(line.text)
          ) {
            failures.push(`${at}: a curl example must be a command of its own (no pipes)`);
            continue;
          }
          const url = curl.words.find((w) => /^(https?:\/\/|localhost|127\.)/.test(w));
          if (url === undefined || !isEmulatorUrl(url)) {
            failures.push(`${at}: curl examples address the emulator at http://127.0.0.1:3000`);
            continue;
          }
          const expected = expectedStatus(line, lines[index + 1]);
          const script = [
            ...setup,
            pointAt(line.text, emu.url).replace(
              /^\s*curl\s/,
              "curl -sS -o /dev/null -w '%{http_code}' --max-time 20 ",
            ),
          ].join('\n');
          // Asynchronous: the emulator answers from this process's event loop.
          const run = await bash(script, emu.env);
          ran++;
          touched = true;
          const status = Number(run.stdout.trim().slice(-3));
          const ok = expected === undefined ? status >= 200 && status < 300 : status === expected;
          if (!ok) {
            failures.push(
              `${at}: ${line.text}\n  answered ${status || run.stderr.trim()}, expected ${expected ?? '2xx'}`,
            );
          }
        }
        if (touched) await emu.reset();
      }
      expect(ran).toBeGreaterThan(5);
      expect(failures).toEqual([]);
    }, 120_000);

    it('runs every ts run block against the emulator', async () => {
      const runnable = code.filter((b) => b.tags.includes('run'));
      expect(runnable.length).toBeGreaterThan(2);
      const dir = join(CHECK_DIR, 'run');
      mkdirSync(dir, { recursive: true });
      const saved = { ...process.env };
      const env = { ...emu.env, PAGEWISE_TOKEN_KEYS: generateKeySpec('run') };
      Object.assign(process.env, env);
      // Blocks may write files (checkpoints, output): they run in a scratch folder.
      const cwd = process.cwd();
      const scratch = mkdtempSync(join(tmpdir(), 'pagewise-docs-run-'));
      process.chdir(scratch);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const failures: string[] = [];
      try {
        for (const block of runnable) {
          const file = join(dir, blockFileName(block, block.lang === 'js' ? 'mjs' : 'mts'));
          writeFileSync(file, `${pointAt(block.code, emu.url)}\nexport {};\n`);
          try {
            await withTimeout(import(pathToFileURL(file).href), 60_000, where(block));
          } catch (error) {
            failures.push(`${where(block)}: ${(error as Error).stack ?? String(error)}`);
          }
          await emu.reset();
        }
      } finally {
        log.mockRestore();
        process.chdir(cwd);
        rmSync(scratch, { recursive: true, force: true });
        for (const key of Object.keys(env)) {
          if (saved[key] === undefined) delete process.env[key];
          else process.env[key] = saved[key];
        }
      }
      expect(failures).toEqual([]);
    }, 180_000);
  });
});

/** Every logical line of every shell block, with the block it is in. */
function linesOf(
  blocks: readonly CodeBlock[],
  env: Readonly<Record<string, string>>,
): { block: CodeBlock; line: ShellLine }[] {
  return blocks.flatMap((block) => shellLines(block.code, env).map((line) => ({ block, line })));
}

/** Names a line of assignments sets (`A=1 B=2`, `export A=1`). */
function assignedNames(line: ShellLine): string[] {
  return line.commands.flatMap((c) =>
    [...c.assignments, ...(c.words[0] === 'export' ? c.words.slice(1) : [])].map(
      (a) => a.split('=')[0] ?? '',
    ),
  );
}

function isAssignment(command: { words: readonly string[]; assignments: readonly string[] }) {
  return (
    (command.words.length === 0 && command.assignments.length > 0) ||
    (command.words[0] === 'export' && command.words.slice(1).every((w) => w.includes('=')))
  );
}

/** `# → 401` on the curl line, or on a comment line right after it. */
function expectedStatus(line: ShellLine, next: ShellLine | undefined): number | undefined {
  const on = (comment: string) => /^→\s*(\d{3})\b/.exec(comment)?.[1];
  const status = on(line.comment) ?? (next?.commands.length === 0 ? on(next.comment) : undefined);
  return status === undefined ? undefined : Number(status);
}

/** Runs a script with bash (30 s at most); never rejects. */
function bash(
  script: string,
  env: Readonly<Record<string, string>>,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      // The whole environment: bash started with PATH alone took seconds to start here.
      { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } },
      (_error, stdout, stderr) => resolve({ stdout, stderr }),
    );
  });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: still running after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
