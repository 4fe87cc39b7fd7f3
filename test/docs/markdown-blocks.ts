import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root (`docs/client.md`). */
  readonly file: string;
  /** 1-based line of the block's first code line (the line after the opening fence). */
  readonly line: number;
  /** The info string's first word, lower-cased (`ts`, `sh`, `json`, `` for none). */
  readonly lang: string;
  /** The info string's other words (`run`). */
  readonly tags: readonly string[];
  /** The code, with the fence's indentation removed. */
  readonly code: string;
}

/**
 * The Markdown files whose code blocks the test suite checks: the root
 * README, every page under `docs/` (not `docs/internal/`), and each
 * package's README.
 */
export function docFiles(): string[] {
  const files = ['README.md'];
  for (const name of readdirSync(join(ROOT, 'docs')).sort()) {
    if (name.endsWith('.md')) files.push(`docs/${name}`);
  }
  for (const pkg of readdirSync(join(ROOT, 'packages')).sort()) {
    const readme = join(ROOT, 'packages', pkg, 'README.md');
    if (existsSync(readme)) files.push(relative(ROOT, readme));
  }
  return files;
}

const FENCE = /^( {0,3}|\s*)(`{3,}|~{3,})\s*([^`]*)$/;

/** Every fenced code block of one Markdown file, in order. */
export function blocksOf(file: string): CodeBlock[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const fence = open[2] ?? '```';
    const [lang = '', ...tags] = (open[3] ?? '').trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = lines[j] ?? '';
      if (
        text.trim().startsWith(fence[0]!.repeat(fence.length)) &&
        text.trim().replace(/[`~]/g, '') === ''
      )
        break;
      body.push(text.slice(Math.min(indent, text.length - text.trimStart().length)));
    }
    if (j >= lines.length) throw new Error(`${file}:${i + 1}: code block never closed`);
    blocks.push({ file, line: i + 2, lang: lang.toLowerCase(), tags, code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** Every code block of every checked Markdown file. */
export function allBlocks(): CodeBlock[] {
  return docFiles().flatMap(blocksOf);
}

/** `docs/client.md:42`: where a block (or a line inside it) is. */
export function where(block: CodeBlock, offset = 0): string {
  return `${block.file}:${block.line + offset}`;
}
