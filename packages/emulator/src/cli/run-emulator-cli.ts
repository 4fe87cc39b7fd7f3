import { CommanderError } from 'commander';
import { emulatorCommand } from './emulator-command.js';
import { EmulatorUsageError } from './emulator-usage-error.js';

/** Exit status of a command-line mistake, as `pagewise` uses it. */
const EXIT_USAGE = 2;

/**
 * Runs the emulator's command line (`pagewise-emulator`, `pagewise serve`)
 * and returns the exit code once the server has started (it then runs until
 * SIGINT/SIGTERM); never throws. A mistake is one line on stderr and exit
 * code 2; anything else exit code 1, with the stack under `--debug`.
 *
 * @param argv - `process.argv`-shaped: `[node, name, ...args]`; `name` is the command shown in help
 */
export async function runEmulatorCli(argv: readonly string[]): Promise<number> {
  const name = argv[1]?.includes('pagewise serve') ? 'pagewise serve' : 'pagewise-emulator';
  // Errors read as the program the user ran: `pagewise: …` under `pagewise serve`.
  const prefix = name === 'pagewise serve' ? 'pagewise' : name;
  const args = argv.slice(2);
  const program = emulatorCommand(name)
    .exitOverride()
    .helpOption('-h, --help', 'show this help')
    .option('--debug', 'print stack traces of errors')
    .configureOutput({
      outputError: (text, write) =>
        write(
          `${prefix}: ${text
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()} (see --help)\n`,
        ),
    });
  try {
    await program.parseAsync(['node', name, ...args]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? 0
        : EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${prefix}: ${message}\n`);
    if (args.includes('--debug') && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
    return error instanceof EmulatorUsageError ? EXIT_USAGE : 1;
  }
}
