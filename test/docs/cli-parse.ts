import {
  emulatorCommand,
  emulatorOptionsFromFlags,
  normalizeEmulatorOptions,
} from '@pagewise/emulator';
import { CommanderError } from 'commander';

type EmulatorFlags = Parameters<typeof emulatorOptionsFromFlags>[0];

/**
 * Parses the emulator's flags (`pagewise-emulator ARGS`, and the ARGS that
 * `pagewise serve` hands over) with the real commander command, built as
 * `runEmulatorCli` builds it, whose action is replaced by the checks it runs
 * before starting anything: `emulatorOptionsFromFlags`, then
 * `normalizeEmulatorOptions`. Nothing is started.
 *
 * @returns `''` when accepted (or help was asked for), else what was wrong
 */
export async function parseEmulatorArgs(name: string, argv: readonly string[]): Promise<string> {
  const output: string[] = [];
  const command = emulatorCommand(name)
    .exitOverride()
    .helpOption('-h, --help', 'show this help')
    .option('--debug', 'print stack traces of errors')
    .configureOutput({ writeOut: (s) => output.push(s), writeErr: (s) => output.push(s) })
    .action((raw: EmulatorFlags) => {
      normalizeEmulatorOptions({ ...emulatorOptionsFromFlags(raw), env: {} });
    });
  try {
    await command.parseAsync(['node', name, ...argv]);
    return '';
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') return '';
    return output.length > 0 ? output.join(' ').trim() : String((error as Error).message);
  }
}
