import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type CodeBlock, ROOT, where } from './markdown-blocks.js';

/** A file name for a block: its doc file and line (`docs__client.md-L42.ts`). */
export function blockFileName(block: CodeBlock, ext: string): string {
  return `${block.file.replace(/[/\\]/g, '__')}-L${block.line}.${ext}`;
}

/**
 * Type-checks every block with one `tsc --noEmit` run and returns each error
 * as `docs/file.md:LINE: TSxxxx message`. Each block is written as its own
 * module (`export {}` appended, so it is one even without imports) to a
 * folder inside the repository, so `pagewise`, `pagewise/client`,
 * `@pagewise/emulator`… resolve to the built workspace packages as they do
 * for users; the compiler options are the project's (`tsconfig.base.json`).
 * `js` blocks are checked as JavaScript (`checkJs`).
 */
export function typeCheckBlocks(blocks: readonly CodeBlock[], dir: string): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const byName = new Map<string, CodeBlock>();
  for (const block of blocks) {
    const name = blockFileName(block, block.lang === 'js' ? 'js' : 'ts');
    byName.set(name, block);
    writeFileSync(join(dir, name), `${block.code}\nexport {};\n`);
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.base.json'),
      compilerOptions: { allowJs: true, checkJs: true, noEmit: true },
      include: ['*.ts', '*.js'],
    }),
  );
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(dir, 'tsconfig.json'),
      '--pretty',
      'false',
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
  );
  if (run.error) throw run.error;
  const errors: string[] = [];
  for (const line of `${run.stdout}${run.stderr}`.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (m) {
      const block = byName.get(basename(m[1] ?? ''));
      const at = block ? where(block, Number(m[2]) - 1) : m[1];
      errors.push(`${at}: ${m[4]} ${m[5]}`);
    } else if (line.startsWith('  ') && errors.length > 0) {
      errors[errors.length - 1] += ` ${line.trim()}`;
    } else if (line.trim() !== '') errors.push(line);
  }
  if (run.status !== 0 && errors.length === 0) errors.push(`tsc exited with ${run.status}`);
  return errors;
}
