import { Command, Option } from 'commander';
import type { EmulatorOptions } from '../emulator-options.js';
import { startEmulator } from '../start-emulator.js';
import { EmulatorUsageError } from './emulator-usage-error.js';

/** Options of `pagewise-emulator` as commander hands them over. */
interface RawServeOptions {
  port?: string;
  host?: string;
  db?: string;
  seed?: string;
  sizes?: string;
  anchor?: string;
  rateLimit?: string;
  rateLimitScale?: string;
  rateLimitStore?: string;
  faults?: string;
  churn?: string;
  tokenTtl?: string;
  /** `--log <format>`, or `false` for `--no-log`. */
  log?: string | boolean;
}

/**
 * `pagewise-emulator` (also `pagewise serve` and `npm start`): the Zoom/X
 * emulator. Flags map one to one onto `startEmulator()` options; anything
 * not given falls back to the emulator's environment variables and
 * defaults. SIGINT/SIGTERM close it gracefully (requests in flight finish,
 * the database is closed).
 *
 * @param name - the command as the user typed it, for help and examples
 */
export function emulatorCommand(name: string): Command {
  return new Command(name)
    .description(
      'run the Zoom/X API emulator (SQLite by default, PostgreSQL with --db postgres://…)',
    )
    .option('--port <n>', 'port to listen on, 0 for any free one (env PORT; default 3000)')
    .option('--host <host>', 'interface to listen on (env HOST; default 127.0.0.1)')
    .option(
      '--db <path|url>',
      'SQLite file, :memory:, or postgres:// URL (env DATABASE_URL; default .pagewise/emulator.sqlite)',
    )
    .option(
      '--seed <seed>',
      'dataset seed: same seed, same data (env PAGEWISE_SEED; default pagewise)',
    )
    .option(
      '--sizes <k=v,...>',
      'dataset sizes: zoomUsers, zoomMeetings, participantsPerMeeting, zoomWebinars, participantsPerWebinar, xUsers, xTweets, xFollows, xLikes, xQuotes (e.g. zoomUsers=200,xTweets=5000)',
    )
    .option('--anchor <date>', 'the dataset\'s "now" (yyyy-mm-dd); default today')
    .addOption(
      new Option(
        '--rate-limit <mode>',
        'rate-limit emulation (env PAGEWISE_RATE_LIMIT; default realistic)',
      ).choices(['off', 'realistic', 'scaled']),
    )
    .option(
      '--rate-limit-scale <n>',
      'with --rate-limit scaled: how much shorter each window is (default 60)',
    )
    .addOption(
      new Option(
        '--rate-limit-store <store>',
        'where rate-limit counters live: this process, or the database so that replicas share them (env PAGEWISE_RATE_LIMIT_STORE; default memory)',
      ).choices(['memory', 'database']),
    )
    .option(
      '--faults <k=v,...>',
      'injected faults: errorRate, errorStatus, latencyMs, jitterMs, resetRate, rateLimitBurst, tokenTtlSeconds, pathPrefix',
    )
    .option(
      '--churn <k=v,...>',
      'background writes per second: insertsPerSec, deletesPerSec, updatesPerSec',
    )
    .option('--token-ttl <seconds>', "page-token lifetime (default 900, Zoom's 15 minutes)")
    .addOption(
      new Option(
        '--log <format>',
        'request log on stdout: pretty (one line per request), json, or off (env PAGEWISE_LOG; default pretty on a terminal, json when piped)',
      ).choices(['pretty', 'json', 'off']),
    )
    .option('--no-log', 'no request log (same as --log off)')
    .addHelpText(
      'after',
      `
Secrets come from the environment, never from flags: PAGEWISE_API_TOKEN (API bearer token),
PAGEWISE_ADMIN_TOKEN (admin API), PAGEWISE_TOKEN_KEYS (page-token keys: pagewise keys generate).
Unset, they are generated once and kept beside an SQLite file in <file>.secrets (mode 0600),
so tokens survive restarts; on :memory: and PostgreSQL they are made per process.

Examples:
  $ ${name}
  $ ${name} --port 8080 --db postgres://localhost/pagewise --rate-limit scaled
  $ ${name} --db postgres://localhost/pagewise --rate-limit-store database   # one budget for all replicas
  $ ${name} --db :memory: --sizes zoomUsers=100,xTweets=2000 --faults errorRate=0.05,latencyMs=20
  $ ${name} --churn insertsPerSec=20,updatesPerSec=5`,
    )
    .action(async (raw: RawServeOptions) => {
      const options = emulatorOptionsFromFlags(raw);
      try {
        // The emulator prints its banner (URL, tokens, curl lines) and owns SIGINT/SIGTERM.
        await startEmulator({ ...options, handleSignals: true });
      } catch (error) {
        const e = error as { code?: unknown; message?: unknown; name?: unknown };
        if (e.code === 'EADDRINUSE') {
          throw new EmulatorUsageError(
            `cannot listen: ${String(e.message)}; choose another --port`,
            error,
          );
        }
        if (e.name === 'RangeError') throw new EmulatorUsageError(String(e.message), error);
        throw error;
      }
    });
}

/** Maps raw flags to emulator options (only those given, so environment fallbacks still apply). */
export function emulatorOptionsFromFlags(raw: RawServeOptions): EmulatorOptions {
  return {
    ...(raw.port === undefined ? {} : { port: integer('--port', raw.port) }),
    ...(raw.host === undefined ? {} : { host: raw.host }),
    ...(raw.db === undefined ? {} : { database: raw.db }),
    ...(raw.seed === undefined ? {} : { seed: raw.seed }),
    ...(raw.sizes === undefined ? {} : { sizes: pairs('--sizes', raw.sizes, false) }),
    ...(raw.anchor === undefined ? {} : { anchor: raw.anchor }),
    ...(raw.rateLimit === undefined
      ? {}
      : { rateLimit: raw.rateLimit as 'off' | 'realistic' | 'scaled' }),
    ...(raw.rateLimitScale === undefined
      ? {}
      : { rateLimitScale: number('--rate-limit-scale', raw.rateLimitScale) }),
    ...(raw.rateLimitStore === undefined
      ? {}
      : { rateLimitStore: raw.rateLimitStore as 'memory' | 'database' }),
    ...(raw.faults === undefined ? {} : { faults: pairs('--faults', raw.faults, true) }),
    ...(raw.churn === undefined ? {} : { churn: pairs('--churn', raw.churn, false) }),
    ...(raw.tokenTtl === undefined
      ? {}
      : { tokenTtlSeconds: integer('--token-ttl', raw.tokenTtl) }),
    ...(raw.log === false ? { logger: false } : {}),
    ...(typeof raw.log === 'string' ? { log: raw.log as 'pretty' | 'json' | 'off' } : {}),
  };
}

/** `a=1,b=2` → `{ a: 1, b: 2 }`; non-numeric values kept as strings only where allowed (pathPrefix). */
function pairs(flag: string, text: string, allowStrings: boolean): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw usage(`${flag} must look like key=value,key=value (got "${part}")`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const n = Number(value);
    if (value !== '' && Number.isFinite(n)) out[key] = n;
    else if (allowStrings) out[key] = value;
    else throw usage(`${flag}: ${key} must be a number (got "${value}")`);
  }
  return out;
}

function integer(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw usage(`${flag} must be a whole number (got "${text}")`);
  return n;
}

function number(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw usage(`${flag} must be a number (got "${text}")`);
  return n;
}

function usage(message: string): EmulatorUsageError {
  return new EmulatorUsageError(message);
}
