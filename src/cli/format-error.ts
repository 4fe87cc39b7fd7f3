import { CliError } from './cli-error.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** What `main` prints and returns for an error: one line, one exit status. */
export interface FormattedError {
  /** A single line (no newline inside), without the `pagewise: ` prefix. */
  readonly line: string;
  /** Process exit status. */
  readonly exitCode: ExitCodeValue;
}

/**
 * Turns any thrown value into one clear line and an exit code.
 *
 * The client's errors are recognised by shape (`status`, `code`, `name`), not
 * by class, so this file needs no import of the client and keeps working if
 * the error crosses a realm. Stack traces are never part of the line; `main`
 * prints them separately, only under `--debug`.
 */
export function formatError(error: unknown): FormattedError {
  if (error instanceof CliError) return { line: oneLine(error.message), exitCode: error.exitCode };
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    status?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (e.name === 'RateLimitError' || e.code === 'rate_limited' || e.code === 'rate_limit') {
    return { line: oneLine(message), exitCode: ExitCode.rateLimited };
  }
  if (status === 401 || status === 403) {
    return {
      line: oneLine(
        `authentication failed (HTTP ${status}): ${message}; check --bearer / PAGEWISE_BEARER or --header`,
      ),
      exitCode: ExitCode.auth,
    };
  }
  if (status !== undefined) return { line: oneLine(message), exitCode: ExitCode.http };
  const network = networkCause(error);
  if (network !== undefined) {
    return {
      line: oneLine(
        `could not reach the server: ${network}; check the URL and that the server is running`,
      ),
      exitCode: ExitCode.http,
    };
  }
  if (e.name === 'AbortError') return { line: 'interrupted', exitCode: ExitCode.interrupted };
  return {
    line: oneLine(`unexpected error: ${message} (rerun with --debug for details)`),
    exitCode: ExitCode.internal,
  };
}

/** Node's fetch fails with `TypeError: fetch failed` and the socket error in `cause`; dig it out. */
function networkCause(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const c = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(c.code)) {
      return typeof c.message === 'string' && c.message !== ''
        ? `${c.code} (${c.message})`
        : c.code;
    }
    current = c.cause;
  }
  // undici's own refusals (e.g. "bad port") carry no socket code.
  const e = error as { name?: unknown; message?: unknown; cause?: unknown };
  if (e.name === 'TypeError' && e.message === 'fetch failed') {
    const cause = e.cause as { message?: unknown } | undefined;
    return typeof cause?.message === 'string' ? cause.message : 'fetch failed';
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
