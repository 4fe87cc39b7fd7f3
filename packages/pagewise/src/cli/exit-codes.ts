/**
 * Process exit codes of the `pagewise` command, in one place so `--help`,
 * the README table and the code cannot drift apart.
 */
export const ExitCode = {
  /** The command did what was asked (a fetch reached the end of the list). */
  ok: 0,
  /** Something unexpected broke inside pagewise itself (a bug: rerun with `--debug`). */
  internal: 1,
  /** The command line was wrong: unknown flag, missing argument, bad value, an output `--resume` must not touch. */
  usage: 2,
  /** The API refused the credentials (HTTP 401 or 403). */
  auth: 3,
  /** A rate limit asked for a longer wait than `--max-wait`; the checkpoint is saved. */
  rateLimited: 4,
  /** Any other HTTP error, or the server could not be reached; the checkpoint is saved. */
  http: 5,
  /** Stopped by Ctrl-C (SIGINT) after saving the checkpoint; 128 + SIGINT, as shells report it. */
  interrupted: 130,
  /** Stopped by SIGTERM (a service manager, `kill`) after saving the checkpoint; 128 + SIGTERM. */
  terminated: 143,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit-code table as it appears at the end of `--help`. */
export const EXIT_CODE_HELP = `Exit codes:
  0    success (the list was read to its end)
  1    internal error (a bug in pagewise; rerun with --debug)
  2    usage error (unknown flag, missing URL, bad value, an output --resume must not touch)
  3    authentication error (HTTP 401 or 403)
  4    rate limit asked for a longer wait than --max-wait (checkpoint saved, resume hint printed)
  5    other HTTP error, or the server could not be reached (checkpoint saved)
  130  interrupted by Ctrl-C (checkpoint saved, resume hint printed)
  143  stopped by SIGTERM (checkpoint saved, resume hint printed)`;

/** The exit code of a run stopped by `signal` (an abort reason): 143 for SIGTERM, else 130. */
export function signalExitCode(signal: unknown): ExitCodeValue {
  return signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
}
