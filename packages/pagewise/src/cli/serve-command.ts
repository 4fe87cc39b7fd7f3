import { Command } from 'commander';
import { CliError } from './cli-error.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** The emulator package's command-line entry, as `pagewise serve` uses it. */
interface EmulatorCliModule {
  runEmulatorCli(argv: readonly string[]): Promise<number>;
}

/** The package `pagewise serve` hands over to. A variable, so the library never builds against it. */
const EMULATOR_PACKAGE = '@pagewise/emulator';

/**
 * `pagewise serve`: hands every argument over to the Zoom/X emulator
 * (`@pagewise/emulator`, its own package so that readers of APIs install no
 * server, database driver or native build). Without it installed, one line
 * says how to get it.
 */
export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'run the Zoom/X API emulator (needs @pagewise/emulator; see pagewise serve --help)',
    )
    .helpOption(false)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .argument(
      '[options...]',
      'every option of pagewise-emulator (pagewise serve --help lists them)',
    )
    .action(async (_args: string[], _opts: unknown, command: Command) => {
      const emulator = await loadEmulator();
      const code = await emulator.runEmulatorCli(['node', 'pagewise serve', ...command.args]);
      if (code !== ExitCode.ok) {
        throw new CliError('cli_serve', 'the emulator stopped', code as ExitCodeValue, {
          reported: true,
        });
      }
    });
}

async function loadEmulator(): Promise<EmulatorCliModule> {
  try {
    return (await import(EMULATOR_PACKAGE)) as EmulatorCliModule;
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    if (e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(EMULATOR_PACKAGE)) {
      throw new CliError(
        'cli_usage',
        `pagewise serve runs the emulator, which is its own package: npm install ${EMULATOR_PACKAGE} (or run npx ${EMULATOR_PACKAGE})`,
        ExitCode.usage,
        { cause: error },
      );
    }
    throw error;
  }
}
