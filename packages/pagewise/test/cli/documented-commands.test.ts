import { type Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { documentedCommands } from '../../../../test/docs/documented-commands.js';
import { normalizeFetchOptions, type RawFetchOptions } from '../../src/cli/fetch-options.js';
import { createProgram } from '../../src/cli/program.js';
import { generateKeySpec } from '../../src/token/index.js';

/**
 * Parses `pagewise ARGS` with the real program, whose leaf actions are
 * replaced by the checks they run before doing any work: `fetch` resolves its
 * flags with `normalizeFetchOptions`, `keys generate` builds a key entry,
 * `serve` accepts its arguments (they are the emulator's: the root docs test
 * parses them with the emulator's command). Nothing is fetched or written.
 *
 * @returns `''` when accepted (or help was asked for), else what was wrong
 */
async function parsePagewise(argv: readonly string[]): Promise<string> {
  const output: string[] = [];
  const program = createProgram(() => argv);
  stub(program, output);
  try {
    await program.parseAsync(['node', 'pagewise', ...argv]);
    return '';
  } catch (error) {
    if (
      error instanceof CommanderError &&
      (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
    ) {
      return '';
    }
    return output.length > 0 ? output.join(' ').trim() : String((error as Error).message);
  }
}

function stub(command: Command, output: string[]): void {
  // Each command holds its own output settings (commander copies them when a command is added).
  command.configureOutput({ writeOut: (s) => output.push(s), writeErr: (s) => output.push(s) });
  for (const sub of command.commands) stub(sub, output);
  if (command.commands.length > 0) return;
  const path = fullName(command);
  if (path === 'pagewise fetch') {
    command.action((url: string, raw: RawFetchOptions) => {
      normalizeFetchOptions(url, raw, {});
    });
  } else if (path === 'pagewise keys generate') {
    command.action((options: { id?: string }) => {
      generateKeySpec(options.id);
    });
  } else {
    // `serve`, or a command this test does not know yet: parsing its flags is the check.
    command.action(() => {});
  }
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

describe('pagewise commands in the documentation', () => {
  it('are accepted by the real command parser, values included', async () => {
    const commands = documentedCommands().filter((c) => c.program === 'pagewise');
    expect(commands.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const command of commands) {
      const problem = await parsePagewise(command.args);
      if (problem !== '') failures.push(`${command.at}: ${command.text}\n  ${problem}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses what the real command refuses (the check is not a rubber stamp)', async () => {
    expect(await parsePagewise(['fetch', 'https://x.example', '--preset', 'nope'])).toMatch(/nope/);
    expect(await parsePagewise(['fetch', 'https://x.example', '--concurrency', '4'])).toMatch(
      /concurrency/,
    );
    expect(await parsePagewise(['keys', 'generate', '--id', 'bad id'])).toMatch(/key id/);
    expect(await parsePagewise(['fetch', '--no-such-flag'])).toMatch(/unknown option/);
    expect(await parsePagewise(['fetch', 'https://x.example', '--preset', 'zoom'])).toBe('');
  });
});
