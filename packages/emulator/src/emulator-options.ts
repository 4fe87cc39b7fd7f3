import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import type { ChurnRates } from './churn/churn-rates.js';
import {
  type DatasetSizes,
  normalizeDatasetSizes,
  type ResolvedDatasetSizes,
} from './data/dataset-sizes.js';
import type { DatabaseTarget } from './data/open-database.js';
import { secretsPathFor } from './emulator-secrets.js';
import type { FaultOptions } from './faults/fault-options.js';

/** How the emulator logs requests: human lines, JSON records, or not at all. */
export type LogFormat = 'pretty' | 'json' | 'off';

/** Rate-limit emulation: none, the real figures, or the real figures with short windows for tests. */
export type RateLimitMode = 'off' | 'realistic' | 'scaled';

/**
 * Options of `buildEmulator()` and `startEmulator()`. All optional; the
 * defaults (and environment fallbacks) are resolved in
 * {@link normalizeEmulatorOptions}.
 */
export interface EmulatorOptions {
  /** Interface to listen on. @default env `HOST`, else `'127.0.0.1'` */
  readonly host?: string;
  /** Port to listen on (0 picks a free one). @default env `PORT`, else 3000 */
  readonly port?: number;
  /**
   * Where the data lives: a `postgres://` / `postgresql://` URL, or an SQLite
   * file path (`:memory:` for a throwaway database).
   * @default env `DATABASE_URL`, else `.pagewise/emulator.sqlite`
   */
  readonly database?: string;
  /**
   * Bearer token of the default API principal.
   * @default env `PAGEWISE_API_TOKEN`, else the one kept in the SQLite file's secrets file (made once), else random; printed
   */
  readonly apiToken?: string;
  /**
   * Bearer token of the admin API.
   * @default env `PAGEWISE_ADMIN_TOKEN`, else the one kept in the SQLite file's secrets file (made once), else random; printed
   */
  readonly adminToken?: string;
  /**
   * Page-token keys, `id:base64key,…` (last one seals).
   * @default env `PAGEWISE_TOKEN_KEYS`; else, on an SQLite file, a key ring generated once and
   * kept beside it in `<file>.secrets` (mode 0600, never printed), so tokens survive restarts;
   * on `:memory:`, a random key for the process (the data dies with it too); on PostgreSQL, a
   * random key per process with a warning (replicas sharing the database must share a key)
   */
  readonly tokenKeys?: string;
  /** Page-token lifetime in seconds. @default 900 (Zoom's 15 minutes) */
  readonly tokenTtlSeconds?: number;
  /** Dataset seed. @default env `PAGEWISE_SEED`, else `'pagewise'` */
  readonly seed?: string;
  /** Dataset sizes. @default see `defaultDatasetSizes` */
  readonly sizes?: DatasetSizes;
  /**
   * The dataset's "now" (`yyyy-mm-dd` or ISO date): posts lie in the 30 days
   * before it, meetings from 180 days before to 30 days after.
   * @default today, 00:00 UTC (so recent search finds posts)
   */
  readonly anchor?: string;
  /** Rate-limit emulation. @default env `PAGEWISE_RATE_LIMIT`, else `'realistic'` */
  readonly rateLimit?: RateLimitMode;
  /** In `scaled` mode, how much shorter every window is (60: 15 min → 15 s, a day → 24 min). @default 60 */
  readonly rateLimitScale?: number;
  /**
   * Where rate-limit counters live: `memory` (per process) or `database`
   * (table `pw_rate_counters`, shared by every replica on the database, so
   * N replicas together serve exactly the limit).
   * @default env `PAGEWISE_RATE_LIMIT_STORE`, else `'memory'`
   */
  readonly rateLimitStore?: 'memory' | 'database';
  /** Faults injected from the start (also settable with `PUT /__admin/faults`). @default none */
  readonly faults?: FaultOptions;
  /** Churn writer rates from the start (also `PUT /__admin/churn`). @default stopped */
  readonly churn?: ChurnRates;
  /**
   * Fastify logger: `true` for logs at `info`, `false` for none (whatever
   * `log` says), or Fastify logger options (`level`, a `stream` to write
   * to, …). Authorization headers, page tokens and keys are always redacted.
   * @default true
   */
  readonly logger?: boolean | NonNullable<FastifyServerOptions['logger']>;
  /**
   * Log format: `pretty` (one human line per request: time, method, path,
   * status, ms, rate-limit remaining), `json` (one pino JSON record per
   * request), or `off`.
   * @default env `PAGEWISE_LOG`, else `pretty` when the log goes to a terminal, `json` otherwise
   */
  readonly log?: LogFormat;
  /** Where `startEmulator` prints its banner. @default console.log */
  readonly print?: (line: string) => void;
  /** Environment to read fallbacks from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Clock in ms (rate limits, tokens, faults); tests inject a fake. @default Date.now */
  readonly now?: () => number;
}

/** {@link EmulatorOptions} with every default resolved. */
export interface ResolvedEmulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseTarget;
  readonly apiToken: string;
  readonly apiTokenGenerated: boolean;
  readonly adminToken: string;
  readonly adminTokenGenerated: boolean;
  readonly tokenKeys: string | undefined;
  /**
   * Where `tokenKeys` came from: the option or `PAGEWISE_TOKEN_KEYS`, the
   * SQLite file's secrets file, or nowhere yet (a key for this process only).
   */
  readonly tokenKeysSource: 'configured' | 'secrets-file' | 'process';
  /**
   * Where secrets that were not configured are kept (`<sqlite file>.secrets`),
   * or `undefined` (`:memory:`, PostgreSQL). Read or created by `buildEmulator`.
   */
  readonly secretsFile: string | undefined;
  readonly tokenTtlSeconds: number;
  readonly seed: string;
  readonly sizes: ResolvedDatasetSizes;
  readonly anchorMs: number;
  readonly rateLimit: RateLimitMode;
  readonly rateLimitScale: number;
  readonly rateLimitStore: 'memory' | 'database';
  readonly faults: FaultOptions;
  readonly churn: ChurnRates;
  readonly logger: boolean | NonNullable<FastifyServerOptions['logger']>;
  /** `off` whenever `logger` is `false`. */
  readonly log: LogFormat;
  readonly print: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
}

const KNOWN = new Set([
  'host',
  'port',
  'database',
  'apiToken',
  'adminToken',
  'tokenKeys',
  'tokenTtlSeconds',
  'seed',
  'sizes',
  'anchor',
  'rateLimit',
  'rateLimitScale',
  'rateLimitStore',
  'faults',
  'churn',
  'logger',
  'log',
  'print',
  'env',
  'now',
]);

/** Default SQLite file, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = '.pagewise/emulator.sqlite';

/**
 * Resolves emulator options: explicit option, then environment variable,
 * then default.
 *
 * @throws RangeError for an unknown option or an invalid value (the message names it).
 */
export function normalizeEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new RangeError(`Unknown emulator option "${key}".`);
  }
  const env = options.env ?? process.env;
  const port = options.port ?? (env['PORT'] ? Number(env['PORT']) : 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`Emulator port must be an integer from 0 to 65535, got ${port}.`);
  }
  const apiToken = options.apiToken ?? nonEmpty(env['PAGEWISE_API_TOKEN']);
  const adminToken = options.adminToken ?? nonEmpty(env['PAGEWISE_ADMIN_TOKEN']);
  const rateLimit =
    options.rateLimit ?? (env['PAGEWISE_RATE_LIMIT'] as RateLimitMode | undefined) ?? 'realistic';
  if (!['off', 'realistic', 'scaled'].includes(rateLimit)) {
    throw new RangeError(
      `Emulator rateLimit must be off, realistic or scaled, got "${rateLimit}".`,
    );
  }
  const rateLimitScale = options.rateLimitScale ?? 60;
  if (!(rateLimitScale >= 1)) {
    throw new RangeError(`Emulator rateLimitScale must be at least 1, got ${rateLimitScale}.`);
  }
  const rateLimitStore =
    options.rateLimitStore ??
    (env['PAGEWISE_RATE_LIMIT_STORE'] as 'memory' | 'database' | undefined) ??
    'memory';
  if (rateLimitStore !== 'memory' && rateLimitStore !== 'database') {
    throw new RangeError(
      `Emulator rateLimitStore must be memory or database, got "${rateLimitStore}".`,
    );
  }
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 900;
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 1) {
    throw new RangeError(
      `Emulator tokenTtlSeconds must be a positive integer, got ${tokenTtlSeconds}.`,
    );
  }
  const now = options.now ?? Date.now;
  const logger = options.logger ?? true;
  const tokenKeys = options.tokenKeys ?? nonEmpty(env['PAGEWISE_TOKEN_KEYS']);
  const database = databaseTarget(
    options.database ?? nonEmpty(env['DATABASE_URL']) ?? DEFAULT_SQLITE_PATH,
  );
  return Object.freeze({
    host: options.host ?? nonEmpty(env['HOST']) ?? '127.0.0.1',
    port,
    database,
    apiToken: apiToken ?? randomToken('pw_api_'),
    apiTokenGenerated: apiToken === undefined,
    adminToken: adminToken ?? randomToken('pw_admin_'),
    adminTokenGenerated: adminToken === undefined,
    tokenKeys,
    tokenKeysSource: tokenKeys === undefined ? 'process' : 'configured',
    secretsFile:
      database.kind === 'sqlite' && database.path !== ':memory:'
        ? secretsPathFor(database.path)
        : undefined,
    tokenTtlSeconds,
    seed: options.seed ?? nonEmpty(env['PAGEWISE_SEED']) ?? 'pagewise',
    sizes: normalizeDatasetSizes(options.sizes),
    anchorMs: anchorOf(options.anchor, now()),
    rateLimit,
    rateLimitScale,
    rateLimitStore,
    faults: options.faults ?? {},
    churn: options.churn ?? {},
    logger,
    log: logFormat(options, logger, env),
    print: options.print ?? ((line: string) => console.log(line)),
    env,
    now,
  });
}

/** Turns the `database` option into a target: a PostgreSQL URL or an SQLite path. */
export function databaseTarget(value: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  return { kind: 'sqlite', path: value === ':memory:' ? value : resolve(value) };
}

function logFormat(
  options: EmulatorOptions,
  logger: boolean | NonNullable<FastifyServerOptions['logger']>,
  env: Readonly<Record<string, string | undefined>>,
): LogFormat {
  if (logger === false) return 'off';
  const format = options.log ?? nonEmpty(env['PAGEWISE_LOG']);
  if (format === undefined) {
    // Pretty for a person at a terminal; JSON for whatever reads a pipe or a file.
    const stream = typeof logger === 'object' ? (logger as { stream?: unknown }).stream : undefined;
    const destination = (stream ?? process.stdout) as { isTTY?: boolean };
    return destination.isTTY === true ? 'pretty' : 'json';
  }
  if (format !== 'pretty' && format !== 'json' && format !== 'off') {
    throw new RangeError(`Emulator log must be pretty, json or off, got "${format}".`);
  }
  return format;
}

function anchorOf(anchor: string | undefined, nowMs: number): number {
  if (anchor === undefined) return Math.floor(nowMs / 86_400_000) * 86_400_000;
  const ms = Date.parse(anchor);
  if (Number.isNaN(ms)) throw new RangeError(`Emulator anchor must be a date, got "${anchor}".`);
  return ms;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}

function randomToken(prefix: string): string {
  return prefix + randomBytes(18).toString('base64url');
}
