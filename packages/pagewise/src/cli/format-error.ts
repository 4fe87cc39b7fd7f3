import { CliError } from './cli-error.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** What `runCli` prints and returns for an error: one line, one exit status. */
export interface FormattedError {
  /** A single line (no newline inside), without the `pagewise: ` prefix. */
  readonly line: string;
  /** Process exit status. */
  readonly exitCode: ExitCodeValue;
}

/**
 * Turns any thrown value into one clear line and an exit code.
 *
 * The client's errors are recognised by `name` and `code` (not `instanceof`,
 * so this also works across realms), and their library-facing advice
 * ("resume from error.cursor", "raise maxWait") is rewritten in command-line
 * terms. Stack traces are never part of the line; `runCli` prints them
 * separately, only under `--debug`.
 */
export function formatError(error: unknown): FormattedError {
  if (error instanceof CliError) return { line: oneLine(error.message), exitCode: error.exitCode };
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    status?: unknown;
    message?: unknown;
    body?: unknown;
    url?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (e.name === 'AbortedError' || e.name === 'AbortError' || e.code === 'aborted') {
    return { line: 'interrupted', exitCode: ExitCode.interrupted };
  }
  if (e.name === 'RateLimitError' || e.code === 'rate_limited') {
    return {
      line: `rate limited: ${lowerFirst(cliWords(message))}`,
      exitCode: ExitCode.rateLimited,
    };
  }
  if (typeof e.status === 'number') {
    const where = typeof e.url === 'string' ? ` from GET ${withoutQuery(e.url)}` : '';
    const said = apiMessage(typeof e.body === 'string' ? e.body : '');
    if (e.status === 401 || e.status === 403) {
      return {
        line: oneLine(
          `authentication failed: HTTP ${e.status}${where}${said}; check --bearer / PAGEWISE_BEARER or --header`,
        ),
        exitCode: ExitCode.auth,
      };
    }
    return {
      line: oneLine(`request failed: HTTP ${e.status}${where}${said}`),
      exitCode: ExitCode.http,
    };
  }
  if (e.name === 'CheckpointError' || e.name === 'ClientOptionsError') {
    return { line: cliWords(message), exitCode: ExitCode.usage };
  }
  const network = networkCause(error);
  if (e.name === 'NetworkError' || e.code === 'network_error' || network !== undefined) {
    return {
      line: oneLine(
        `could not reach the server: ${network ?? cliWords(message).replace(/\.$/, '')}; check the URL and that the server is running`,
      ),
      exitCode: ExitCode.http,
    };
  }
  // The client's other typed failures: the API misbehaved (bad token, cycle, malformed body…).
  if (
    typeof e.code === 'string' &&
    typeof e.name === 'string' &&
    e.name.endsWith('Error') &&
    e.name !== 'Error'
  ) {
    return { line: cliWords(message), exitCode: ExitCode.http };
  }
  return {
    line: oneLine(`unexpected error: ${message} (rerun with --debug for details)`),
    exitCode: ExitCode.internal,
  };
}

/** Library advice in command-line words. */
function cliWords(message: string): string {
  return oneLine(
    message
      .replace(/\s*(Check connectivity, then )?[Rr]esume (later )?from error\.cursor[^.]*\.?/g, '')
      .replace(/Fix the request \(status 4xx\) or\s*/g, '')
      .replace(/\bor raise maxWait\b/g, 'or raise --max-wait')
      .replace(/\bmaxWait\b/g, '--max-wait'),
  );
}

/** The socket-level reason (ECONNREFUSED, ENOTFOUND…) somewhere in the cause chain. */
function networkCause(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const c = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(c.code)) {
      return typeof c.message === 'string' && c.message !== ''
        ? `${c.code} (${c.message})`
        : c.code;
    }
    current = c.cause;
  }
  return undefined;
}

/** The API's own words, from any error body of WIRE.md (Zoom `message`, X `detail`/`errors[0].message`). */
function apiMessage(text: string): string {
  let message: unknown;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const errors = body['errors'];
    const first = Array.isArray(errors)
      ? (errors[0] as Record<string, unknown> | undefined)
      : undefined;
    message =
      body['message'] ?? first?.['message'] ?? body['detail'] ?? body['error'] ?? body['title'];
  } catch {
    message = text;
  }
  if (typeof message !== 'string' || message.trim() === '') return '';
  return `: ${message.replace(/\s+/g, ' ').trim().slice(0, 200).replace(/\.$/, '')}`;
}

/** Page tokens and keys can sit in the query: the origin and path say enough. */
function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
