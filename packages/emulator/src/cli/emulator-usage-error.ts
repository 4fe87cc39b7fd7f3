import { PagewiseError } from 'pagewise';

/**
 * A command-line mistake (bad flag value, port in use): `runEmulatorCli`
 * prints its message as one line and exits with status 2.
 */
export class EmulatorUsageError extends PagewiseError {
  constructor(message: string, cause?: unknown) {
    super('cli_usage', message, cause === undefined ? undefined : { cause });
    this.name = 'EmulatorUsageError';
  }
}
