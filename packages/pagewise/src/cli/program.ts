import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { EXIT_CODE_HELP } from './exit-codes.js';
import { FETCH_EXAMPLES, fetchCommand } from './fetch-command.js';
import { keysCommand } from './keys-command.js';
import { serveCommand } from './serve-command.js';

/**
 * Builds the `pagewise` command tree. Commander never exits the process by
 * itself (`exitOverride`): `runCli` maps its errors to exit code 2 and one
 * line on stderr.
 *
 * @param getArgs - the user's arguments (after the program name), for the resume command
 */
export function createProgram(getArgs: () => readonly string[]): Command {
  const program = new Command('pagewise')
    .description(
      'Pagination for HTTP APIs: serve the Zoom/X emulator, fetch any paginated API to the end.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // One line: commander's "(Did you mean …?)" goes on the same line.
      outputError: (text, write) =>
        write(
          `pagewise: ${text
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()} (see --help)\n`,
        ),
    })
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n\n${FETCH_EXAMPLES}`);
  program.addCommand(inherit(program, serveCommand()));
  program.addCommand(inherit(program, fetchCommand(getArgs)));
  program.addCommand(inherit(program, keysCommand()));
  return program;
}

/** Gives a command built on its own the program's error handling (addCommand does not copy it). */
export function inherit(program: Command, command: Command): Command {
  command.copyInheritedSettings(program);
  for (const sub of command.commands) inherit(program, sub);
  if (command.name() === 'fetch') command.addHelpText('after', `\n${EXIT_CODE_HELP}`);
  return command;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
