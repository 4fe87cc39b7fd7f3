import {
  emulatorCommand,
  emulatorOptionsFromFlags,
  normalizeEmulatorOptions,
} from '@pagewise/emulator';
import { type Command, CommanderError } from 'commander';
import { generateKeySpec } from 'pagewise/token';
import {
  normalizeFetchOptions,
  type RawFetchOptions,
} from '../../packages/pagewise/src/cli/fetch-options.js';
import { createProgram } from '../../packages/pagewise/src/cli/program.js';

/** What the real parser made of one documented command line. */
export interface ParseResult {
  /** Accepted: parsed, and its values passed the command's own checks (or help was asked for). */
  readonly ok: boolean;
  /** What the program printed or threw, when refused. */
  readonly message: string;
}

type EmulatorFlags = Parameters<typeof emulatorOptionsFromFlags>[0];

/**
 * Parses `argv` (the words after the program name) with the real commander
 * program, `pagewise` (`createProgram`) or `pagewise-emulator`
 * (`emulatorCommand`), whose actions are replaced by the checks they run
 * before doing any work: `fetch` resolves its flags with
 * `normalizeFetchOptions`, the emulator (also behind `pagewise serve`) with
 * `emulatorOptionsFromFlags` and `normalizeEmulatorOptions`, `keys generate`
 * builds a key entry. Nothing is fetched, served or written.
 */
export async function parseCommandLine(
  program: 'pagewise' | 'pagewise-emulator',
  argv: readonly string[],
): Promise<ParseResult> {
  const output: string[] = [];
  try {
    if (program === 'pagewise-emulator') await parseEmulator('pagewise-emulator', argv, output);
    else {
      const root = createProgram(() => argv);
      stub(root, output);
      await root.parseAsync(['node', 'pagewise', ...argv]);
    }
    return { ok: true, message: '' };
  } catch (error) {
    if (
      error instanceof CommanderError &&
      (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
    ) {
      return { ok: true, message: '' };
    }
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, message: [...output, text].join(' ').replace(/\s+/g, ' ').trim() };
  }
}

/** The emulator's command as `runEmulatorCli` builds it, its action replaced by option checks. */
async function parseEmulator(name: string, argv: readonly string[], output: string[]) {
  const command = emulatorCommand(name)
    .exitOverride()
    .helpOption('-h, --help', 'show this help')
    .option('--debug', 'print stack traces of errors')
    .configureOutput({ writeOut: (s) => output.push(s), writeErr: (s) => output.push(s) })
    .action((raw: EmulatorFlags) => {
      normalizeEmulatorOptions({ ...emulatorOptionsFromFlags(raw), env: {} });
    });
  await command.parseAsync(['node', name, ...argv]);
}

/** Replaces the action of every leaf command of `pagewise` by its checks; captures output. */
function stub(command: Command, output: string[]): void {
  command.configureOutput({ writeOut: (s) => output.push(s), writeErr: (s) => output.push(s) });
  for (const sub of command.commands) stub(sub, output);
  if (command.commands.length > 0) return;
  const path = fullName(command);
  if (path === 'pagewise fetch') {
    command.action((url: string, raw: RawFetchOptions) => {
      normalizeFetchOptions(url, raw, {});
    });
  } else if (path === 'pagewise serve') {
    command.action(async (_args: string[], _options: unknown, self: Command) => {
      await parseEmulator('pagewise serve', self.args, output);
    });
  } else if (path === 'pagewise keys generate') {
    command.action((options: { id?: string }) => {
      generateKeySpec(options.id);
    });
  } else {
    // A command this check does not know yet: parsing its flags is all it checks.
    command.action(() => {});
  }
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
