import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import { PRESET_NAMES, type Preset, type PresetName, presetFor, type Strategy } from './presets.js';
import { type ShardWindow, splitShards } from './shard-windows.js';

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

/** One walk of the list: the whole list, or one `--shard` window. */
export interface FetchShard {
  readonly label: string;
  /** Query parameters added for this shard (the window bounds). */
  readonly params: readonly (readonly [string, string])[];
}

/** `pagewise fetch` fully resolved: every default applied, every value checked. */
export interface FetchPlan {
  readonly url: URL;
  readonly presetName: PresetName | null;
  readonly strategy: Strategy;
  readonly itemsPath: string | null;
  readonly totalPath: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Query parameters from `--param` and `--page-size`, in order. */
  readonly params: readonly (readonly [string, string])[];
  readonly shards: readonly FetchShard[];
  readonly limit: number | null;
  readonly concurrency: number;
  readonly maxWaitMs: number;
  readonly retries: number;
  readonly output: string | undefined;
  readonly format: 'jsonl' | 'csv';
  readonly resume: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
}

/** Environment variable read for the bearer token when `--bearer` is absent. */
export const BEARER_ENV = 'PAGEWISE_BEARER';
/** Default of `--max-wait`: one X rate-limit window (15 minutes). */
export const DEFAULT_MAX_WAIT_SECONDS = 900;

/**
 * Resolves raw flags into a {@link FetchPlan}: preset first, explicit
 * strategy flags on top, then the checks a user deserves before any request.
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
  let preset: Preset | null = null;
  let presetName: PresetName | null = null;
  if (raw.preset !== undefined) {
    if (!(PRESET_NAMES as readonly string[]).includes(raw.preset)) {
      throw usage(`unknown preset "${raw.preset}"; choose one of ${PRESET_NAMES.join(', ')}`);
    }
    presetName = raw.preset as PresetName;
    preset = presetFor(presetName, url);
  }
  const strategy = resolveStrategy(raw, preset);
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
  const params: [string, string][] = [];
  for (const pair of raw.param ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usage(`--param must look like key=value (got "${pair.slice(0, 40)}")`);
    params.push([pair.slice(0, eq), pair.slice(eq + 1)]);
  }
  if (raw.pageSize !== undefined) {
    const name = raw.pageSizeParam ?? preset?.pageSizeParam;
    if (name === undefined) throw usage('--page-size needs --page-size-param (or a --preset)');
    params.push([name, String(positiveInt('--page-size', raw.pageSize))]);
  }
  const shards = resolveShards(raw, preset);
  const output = raw.output === '-' ? undefined : raw.output;
  const format = resolveFormat(raw.format, output);
  return {
    url,
    presetName,
    strategy,
    itemsPath: raw.itemsPath ?? preset?.itemsPath ?? null,
    totalPath: raw.totalPath ?? preset?.totalPath ?? null,
    headers,
    params,
    shards,
    limit: raw.limit === undefined ? null : positiveInt('--limit', raw.limit),
    concurrency: raw.concurrency === undefined ? 1 : positiveInt('--concurrency', raw.concurrency),
    maxWaitMs:
      1000 *
      (raw.maxWait === undefined
        ? DEFAULT_MAX_WAIT_SECONDS
        : nonNegative('--max-wait', raw.maxWait)),
    retries: raw.retries === undefined ? 3 : nonNegative('--retries', raw.retries),
    output,
    format,
    resume: raw.resume === true,
    quiet: raw.quiet === true,
    debug: raw.debug === true,
  };
}

function resolveStrategy(raw: RawFetchOptions, preset: Preset | null): Strategy {
  if (raw.link === true) return { kind: 'link' };
  if (
    raw.cursorParam !== undefined ||
    raw.cursorField !== undefined ||
    raw.hasMorePath !== undefined
  ) {
    const base = preset?.strategy.kind === 'item-cursor' ? preset.strategy : undefined;
    return {
      kind: 'item-cursor',
      cursorParam: raw.cursorParam ?? base?.cursorParam ?? 'starting_after',
      cursorField: raw.cursorField ?? base?.cursorField ?? 'id',
      hasMorePath: raw.hasMorePath ?? base?.hasMorePath ?? 'has_more',
    };
  }
  if (raw.tokenParam !== undefined || raw.nextPath !== undefined) {
    const base = preset?.strategy.kind === 'token' ? preset.strategy : undefined;
    const tokenParam = raw.tokenParam ?? base?.tokenParam;
    const nextPath = raw.nextPath ?? base?.nextPath;
    if (tokenParam === undefined || nextPath === undefined) {
      throw usage('token pagination needs both --token-param and --next-path (or a --preset)');
    }
    return { kind: 'token', tokenParam, nextPath };
  }
  if (preset !== null) return preset.strategy;
  throw usage(
    `say how the API paginates: --preset ${PRESET_NAMES.join('|')}, or --token-param with --next-path, or --link, or --cursor-param`,
  );
}

function resolveShards(raw: RawFetchOptions, preset: Preset | null): FetchShard[] {
  if (raw.shard === undefined) return [{ label: 'all', params: [] }];
  let names: readonly string[] | null = preset?.shardParams ?? null;
  if (raw.shardParams !== undefined) names = raw.shardParams.split(',').map((s) => s.trim());
  if (names === null || names.length !== 2 || names.some((n) => n === '')) {
    throw usage(
      '--shard needs --shard-params START,END naming the window parameters (zoom and x presets set them)',
    );
  }
  const [start = '', end = ''] = names;
  return splitShards(raw.shard).map((w: ShardWindow) => ({
    label: w.label,
    params: [
      [start, w.from],
      [end, w.to],
    ],
  }));
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
