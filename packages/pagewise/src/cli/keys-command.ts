import { Command } from 'commander';
import { generateKeySpec, TOKEN_KEYS_ENV } from '../token/index.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

/**
 * `pagewise keys generate [--id ID]`: prints one new `id:base64key` entry for
 * PAGEWISE_TOKEN_KEYS on stdout (only the entry, so `$(pagewise keys generate)`
 * works); how to use it goes to stderr.
 */
export function keysCommand(): Command {
  const keys = new Command('keys').description('manage the keys that seal page tokens');
  keys
    .command('generate')
    .description(`print a new token key entry in the ${TOKEN_KEYS_ENV} format (id:base64key)`)
    .option(
      '--id <id>',
      'key id (1-32 of A-Z a-z 0-9 . _ -); default: k + minutes since 2024 in base 36',
    )
    .option('-q, --quiet', 'print only the key entry, no hint on stderr')
    .addHelpText(
      'after',
      `
${TOKEN_KEYS_ENV} holds comma-separated entries, oldest first; the LAST entry seals new
tokens and every entry opens them. To rotate: append a new entry, deploy, and drop the oldest
once its tokens have expired.

Examples:
  $ export ${TOKEN_KEYS_ENV}="$(pagewise keys generate)"
  $ export ${TOKEN_KEYS_ENV}="$${TOKEN_KEYS_ENV},$(pagewise keys generate --id k2)"`,
    )
    .action((options: { id?: string; quiet?: boolean }) => {
      let spec: string;
      try {
        spec = generateKeySpec(options.id);
      } catch (error) {
        throw new CliError('cli_usage', `--id: ${(error as Error).message}`, ExitCode.usage);
      }
      process.stdout.write(`${spec}\n`);
      if (options.quiet !== true && process.stderr.isTTY === true) {
        process.stderr.write(
          `pagewise: add it to ${TOKEN_KEYS_ENV} (comma-separated, last entry seals) on every server replica\n`,
        );
      }
    });
  return keys;
}
