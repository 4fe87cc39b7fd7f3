import { allBlocks, type CodeBlock, where } from './markdown-blocks.js';
import { shellLines } from './shell-commands.js';

/**
 * Values of the shell placeholders when a documented command is only
 * parsed (the emulator-backed checks use the test emulator's own values).
 */
export const PARSE_ENV: Readonly<Record<string, string>> = {
  PAGEWISE_API_TOKEN: 'pw_api_example',
  PAGEWISE_ADMIN_TOKEN: 'pw_admin_example',
  X_USER_ID: '1760000000000000000',
  ZOOM_USER_ID: 'me',
  ZOOM_MEETING_UUID: 'eRGgPsPbXqklG9w8p7VMGg==',
};

/** One `pagewise …` or `pagewise-emulator …` command of a documentation shell block. */
export interface DocumentedCommand {
  readonly program: 'pagewise' | 'pagewise-emulator';
  /** The words after the program name. */
  readonly args: readonly string[];
  /** `docs/cli.md:42` */
  readonly at: string;
  /** The logical line it is on, as written. */
  readonly text: string;
}

/**
 * Every `pagewise` and `pagewise-emulator` command in the `sh`/`bash` blocks
 * of the documentation: at the start of a line, after `npx` (`npx
 * @pagewise/emulator` is `pagewise-emulator`), after `|`/`&&`/`;`, or inside
 * `$(…)`; `\` continuations joined, quotes removed, placeholders expanded.
 */
export function documentedCommands(
  blocks: readonly CodeBlock[] = allBlocks(),
): DocumentedCommand[] {
  const out: DocumentedCommand[] = [];
  for (const block of blocks.filter((b) => b.lang === 'sh' || b.lang === 'bash')) {
    for (const line of shellLines(block.code, PARSE_ENV)) {
      for (const command of line.commands) {
        const words = command.words[0] === 'npx' ? command.words.slice(1) : command.words;
        const name = words[0] === '@pagewise/emulator' ? 'pagewise-emulator' : words[0];
        if (name !== 'pagewise' && name !== 'pagewise-emulator') continue;
        out.push({
          program: name,
          args: words.slice(1),
          at: where(block, line.offset),
          text: line.text,
        });
      }
    }
  }
  return out;
}
