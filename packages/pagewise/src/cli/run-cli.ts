import { CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import { formatError } from './format-error.js';
import { createProgram } from './program.js';

/**
 * Runs the command line and returns the exit code; never throws. Every
 * failure becomes one line on stderr (`pagewise: …`), a stack trace only
 * with `--debug`, and for an interrupted fetch the command that resumes it.
 *
 * @param argv - `process.argv`
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const args = argv.slice(2);
  // `pagewise … | head` closes stdout early: not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE')
      process.stderr.write(`pagewise: cannot write to stdout: ${error.message}\n`);
  });
  const debug = args.includes('--debug');
  const program = createProgram(() => args);
  try {
    await program.parseAsync([...argv]);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are successes; commander already printed the message.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
        return ExitCode.ok;
      // Help shown because a command was missing (`pagewise`, `pagewise keys`): a usage error.
      return ExitCode.usage;
    }
    const { line, exitCode } = formatError(error);
    if (error instanceof CliError && error.reported) return exitCode;
    process.stderr.write(`pagewise: ${line}\n`);
    if (error instanceof CliError && error.resumeCommand !== undefined) {
      process.stderr.write(`pagewise: to resume, run:\n  ${error.resumeCommand}\n`);
    }
    if (debug && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`);
      if (error.cause instanceof Error) process.stderr.write(`cause: ${error.cause.stack ?? ''}\n`);
    }
    return exitCode;
  }
}
