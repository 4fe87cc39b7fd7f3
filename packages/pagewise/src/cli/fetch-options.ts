import { bodyCursor, linkHeader, type PresetName, type Strategy } from '../client/index.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import { parseShardSpec } from './shard-spec.js';

/** Options of `pagewise fetch` as commander hands them over (strings, repeatable lists). */
export interface RawFetchOptions {
  preset?: string;
  tokenParam?: string;
  nextPath?: string;
  itemsPath?: string;
  totalPath?: string;
  link?: boolean;
  cursorParam?: string;
  cursorField?: string;
  hasMorePath?: string;
  pageSizeParam?: string;
  pageSize?: string;
  header?: string[];
  bearer?: string;
  param?: string[];
  limit?: string;
  concurrency?: string;
  shard?: string;
  shardParams?: string;
  maxWait?: string;
  retries?: string;
  output?: string;
  format?: string;
  resume?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** `pagewise fetch` fully resolved: every default applied, every value checked. */
export interface FetchPlan {
  /** First-page URL with `--param` and `--page-size` applied. */
  readonly url: URL;
  readonly preset: PresetName | undefined;
  /** From explicit strategy flags; wins over the preset's. */
  readonly strategy: Strategy | undefined;
  /** Canonical description of the strategy flags (for the checkpoint fingerprint). */
  readonly strategyFlags: Readonly<Record<string, string | boolean>>;
  readonly items: string | undefined;
  /** Body path of the total item count, for the ETA. */
  readonly totalPath: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly shards: readonly Readonly<Record<string, string>>[] | undefined;
  readonly concurrency: number;
  readonly limit: number | null;
  readonly maxWaitMs: number;
  readonly retries: number;
  readonly output: string | undefined;
  readonly format: 'jsonl' | 'csv';
  readonly resume: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
}

/** Names accepted by `--preset` (the client's presets). */
export const PRESET_NAMES = ['zoom', 'zoom-pages', 'x', 'github', 'stripe', 'slack'] as const;

/** Page-size parameter of each preset, for `--page-size`. */
const PAGE_SIZE_PARAM: Readonly<Record<PresetName, string>> = {
  zoom: 'page_size',
  'zoom-pages': 'page_size',
  x: 'max_results',
  github: 'per_page',
  stripe: 'limit',
  slack: 'limit',
};

/** Window parameters of each preset, for `--shard`. */
const SHARD_PARAMS: Partial<Readonly<Record<PresetName, readonly [string, string]>>> = {
  zoom: ['from', 'to'],
  'zoom-pages': ['from', 'to'],
  x: ['start_time', 'end_time'],
};

/** Environment variable read for the bearer token when `--bearer` is absent. */
export const BEARER_ENV = 'PAGEWISE_BEARER';
/** Default of `--max-wait`: one X rate-limit window (15 minutes). */
export const DEFAULT_MAX_WAIT_SECONDS = 900;

/**
 * Resolves raw flags into a {@link FetchPlan}: the preset, explicit strategy
 * flags over it, then every check a user deserves before the first request.
 *
 * @throws CliError (usage, exit 2) naming the bad flag and what it accepts
 */
export function normalizeFetchOptions(
  urlText: string,
  raw: RawFetchOptions,
  env: NodeJS.ProcessEnv = process.env,
): FetchPlan {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw usage(`"${urlText}" is not a URL; give a full URL such as https://api.zoom.us/v2/users`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usage(`only http and https URLs can be fetched (got ${url.protocol})`);
  }
  let preset: PresetName | undefined;
  if (raw.preset !== undefined) {
    if (!(PRESET_NAMES as readonly string[]).includes(raw.preset)) {
      throw usage(`unknown preset "${raw.preset}"; choose one of ${PRESET_NAMES.join(', ')}`);
    }
    preset = raw.preset as PresetName;
  }
  const { strategy, flags } = resolveStrategy(raw);
  const headers: Record<string, string> = {};
  for (const line of raw.header ?? []) {
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw usage(`--header must look like "Name: value" (got "${line.slice(0, 40)}")`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const bearer = raw.bearer ?? env[BEARER_ENV];
  if (bearer !== undefined && bearer !== '' && headers['authorization'] === undefined) {
    headers['authorization'] = `Bearer ${bearer}`;
  }
  for (const pair of raw.param ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usage(`--param must look like key=value (got "${pair.slice(0, 40)}")`);
    url.searchParams.append(pair.slice(0, eq), pair.slice(eq + 1));
  }
  if (raw.pageSize !== undefined) {
    const name = raw.pageSizeParam ?? (preset === undefined ? undefined : PAGE_SIZE_PARAM[preset]);
    if (name === undefined) throw usage('--page-size needs --page-size-param (or a --preset)');
    url.searchParams.set(name, String(positiveInt('--page-size', raw.pageSize)));
  }
  let shardParams = preset === undefined ? undefined : SHARD_PARAMS[preset];
  if (raw.shardParams !== undefined) {
    const names = raw.shardParams.split(',').map((s) => s.trim());
    if (names.length !== 2 || names.some((n) => n === '')) {
      throw usage('--shard-params must name two parameters: START,END');
    }
    shardParams = [names[0] ?? '', names[1] ?? ''];
  }
  const shards = raw.shard === undefined ? undefined : parseShardSpec(raw.shard, shardParams);
  const concurrency =
    raw.concurrency === undefined ? 1 : positiveInt('--concurrency', raw.concurrency);
  if (concurrency > 1 && shards === undefined && preset !== 'zoom-pages') {
    throw usage(
      '--concurrency > 1 needs page numbers (--preset zoom-pages) or --shard: token pagination is sequential by nature',
    );
  }
  const output = raw.output === '-' ? undefined : raw.output;
  return {
    url,
    preset,
    strategy,
    strategyFlags: flags,
    items: raw.itemsPath,
    totalPath:
      raw.totalPath ?? (preset === 'zoom' || preset === 'zoom-pages' ? 'total_records' : null),
    headers,
    shards,
    concurrency,
    limit: raw.limit === undefined ? null : positiveInt('--limit', raw.limit),
    maxWaitMs:
      1000 *
      (raw.maxWait === undefined
        ? DEFAULT_MAX_WAIT_SECONDS
        : nonNegative('--max-wait', raw.maxWait)),
    retries: raw.retries === undefined ? 3 : nonNegative('--retries', raw.retries),
    output,
    format: resolveFormat(raw.format, output),
    resume: raw.resume === true,
    quiet: raw.quiet === true,
    debug: raw.debug === true,
  };
}

function resolveStrategy(raw: RawFetchOptions): {
  strategy: Strategy | undefined;
  flags: Record<string, string | boolean>;
} {
  if (raw.link === true) return { strategy: linkHeader(), flags: { link: true } };
  if (raw.cursorParam !== undefined) {
    const flags = {
      cursorParam: raw.cursorParam,
      cursorField: raw.cursorField ?? 'id',
      hasMorePath: raw.hasMorePath ?? 'has_more',
    };
    return {
      strategy: bodyCursor({
        param: flags.cursorParam,
        lastItemPath: flags.cursorField,
        hasMorePath: flags.hasMorePath,
      }),
      flags,
    };
  }
  if (raw.cursorField !== undefined || raw.hasMorePath !== undefined) {
    throw usage('--cursor-field and --has-more-path need --cursor-param');
  }
  if (raw.tokenParam !== undefined || raw.nextPath !== undefined) {
    if (raw.tokenParam === undefined || raw.nextPath === undefined) {
      throw usage('token pagination needs both --token-param and --next-path');
    }
    return {
      strategy: bodyCursor({ param: raw.tokenParam, nextPath: raw.nextPath }),
      flags: { tokenParam: raw.tokenParam, nextPath: raw.nextPath },
    };
  }
  return { strategy: undefined, flags: {} };
}

function resolveFormat(format: string | undefined, output: string | undefined): 'jsonl' | 'csv' {
  if (format !== undefined) {
    if (format !== 'jsonl' && format !== 'csv')
      throw usage(`--format must be jsonl or csv (got "${format}")`);
    return format;
  }
  return output?.toLowerCase().endsWith('.csv') === true ? 'csv' : 'jsonl';
}

function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw usage(`${flag} must be a positive whole number (got "${text}")`);
  return n;
}

function nonNegative(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw usage(`${flag} must be a number of 0 or more (got "${text}")`);
  return n;
}

function usage(message: string): CliError {
  return new CliError('cli_usage', message, ExitCode.usage);
}
