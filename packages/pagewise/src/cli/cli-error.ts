import { PagewiseError } from '../errors/index.js';
import type { ExitCodeValue } from './exit-codes.js';

/**
 * An error the command line reports as one line on stderr and turns into an
 * exit code. `code` is stable (e.g. `cli_usage`, `cli_http`), `exitCode` is
 * the process exit status from {@link ExitCode}.
 */
export class CliError extends PagewiseError {
  /** Exit status the process ends with when this error reaches `main`. */
  readonly exitCode: ExitCodeValue;
  /** A command that continues the interrupted work, when a checkpoint was saved. */
  readonly resumeCommand: string | undefined;
  /** The message was already printed (by the emulator `pagewise serve` hands over to): only exit. */
  readonly reported: boolean;

  constructor(
    code: string,
    message: string,
    exitCode: ExitCodeValue,
    options?: { cause?: unknown; resumeCommand?: string; reported?: boolean },
  ) {
    super(code, message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.resumeCommand = options?.resumeCommand;
    this.reported = options?.reported ?? false;
  }
}
