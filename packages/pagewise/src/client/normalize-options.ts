import type { CheckpointOptions } from './checkpoint-options.js';
import { ClientOptionsError, MalformedResponseError } from './client-errors.js';
import { systemClock } from './clock.js';
import type { Cursor } from './cursor.js';
import { detectPreset } from './detect-preset.js';
import type { FetchLike } from './fetch-page.js';
import { defaultGovernorRegistry } from './governor-registry.js';
import { type ItemsReader, itemsAt, soleArray } from './items-reader.js';
import { getPath, isObject } from './json-path.js';
import type { PaginateOptions, PaginateRequest } from './paginate-options.js';
import { type Preset, presets } from './presets.js';
import { sha256Base64Url } from './sha256.js';
import { TimeoutSignals } from './timeout-signals.js';
import type { ResolvedStyle, WalkContext } from './walk-context.js';

/** Defaults of {@link PaginateOptions}, in one place. */
export const defaultPaginateOptions = /* @__PURE__ */ Object.freeze({
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  rateLimitRetries: 20,
  maxWaitMs: 60_000,
  timeoutMs: 30_000,
  maxEmptyPages: 10,
  recentKeys: 10_000,
  recentTokens: 10_000,
  concurrency: 1,
  dedupeKeys: 1_000_000,
});

const KNOWN_KEYS = new Set([
  'preset',
  'strategy',
  'items',
  'itemKey',
  'headers',
  'fetch',
  'signal',
  'retry',
  'maxWaitMs',
  'timeoutMs',
  'governors',
  'guards',
  'onTotalChange',
  'recover',
  'checkpoint',
  'resume',
  'startAt',
  'concurrency',
  'shards',
  'dedupe',
  'clock',
  'random',
]);

/** Options resolved once per paginator. @internal */
export interface ResolvedPaginate {
  readonly ctx: WalkContext;
  readonly checkpoint: CheckpointOptions | undefined;
  readonly resume: boolean;
  readonly startAt: Cursor | undefined;
  readonly shards: readonly Readonly<Record<string, string>>[] | undefined;
  readonly dedupeKeys: number;
  /** Item key for de-duplication (known before any style is detected). */
  readonly itemKey: (item: unknown) => string | undefined;
  readonly fingerprint: string;
}

/** Validates `paginate()` options and resolves every default. @internal */
export function normalizePaginate<T>(
  request: PaginateRequest,
  options: PaginateOptions<T>,
): ResolvedPaginate {
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw new ClientOptionsError(`unknown option "${key}"`);
  }
  const d = defaultPaginateOptions;
  const rawUrl = typeof request === 'string' || request instanceof URL ? request : request.url;
  let base: URL;
  try {
    base = new URL(rawUrl);
  } catch {
    throw new ClientOptionsError(`request URL ${String(rawUrl)} is not an absolute URL`);
  }
  const headers = new Headers(
    typeof request === 'string' || request instanceof URL ? undefined : request.headers,
  );
  for (const [name, value] of new Headers(options.headers)) headers.set(name, value);
  if (!headers.has('accept')) headers.set('accept', 'application/json');

  const preset = resolvePreset(options.preset);
  const itemKey = keyReader(options.itemKey ?? preset?.itemKey);
  const items = options.items === undefined ? undefined : itemsReader(options.items);
  const recover = options.recover ?? true;
  const styleFrom = (p: Preset | undefined): ResolvedStyle | undefined => {
    const strategy = options.strategy ?? p?.strategy;
    if (strategy === undefined) return undefined;
    const explicitStrategy = options.strategy !== undefined && options.strategy !== p?.strategy;
    return {
      strategy,
      items: items ?? p?.items ?? defaultItems,
      itemKey: options.itemKey === undefined && p ? keyReader(p.itemKey) : itemKey,
      // An id-window recovery belongs to its preset's strategy.
      recovery: recover && !explicitStrategy ? p?.recovery : undefined,
      preset: {
        ...(p?.isInvalidToken ? { isInvalidToken: p.isInvalidToken } : {}),
        ...(p?.bodyError ? { bodyError: p.bodyError } : {}),
      },
    };
  };
  const style = styleFrom(preset);
  if (style === undefined && options.items !== undefined && options.strategy === undefined) {
    throw new ClientOptionsError('"items" needs a preset or a strategy');
  }

  const concurrency = positiveInt(options.concurrency ?? d.concurrency, 'concurrency');
  if (concurrency > 1 && style?.strategy.random === undefined) {
    throw new ClientOptionsError(
      'concurrency > 1 needs a page-number strategy (preset zoom-pages)',
    );
  }
  if (options.shards !== undefined && options.shards.length === 0) {
    throw new ClientOptionsError('shards must not be empty');
  }
  if (options.shards !== undefined && concurrency > 1) {
    throw new ClientOptionsError('use either shards or concurrency, not both');
  }
  if (options.resume && options.checkpoint === undefined) {
    throw new ClientOptionsError('resume: true needs a checkpoint option');
  }

  const ctx: WalkContext = {
    base,
    style,
    detect: (body, responseHeaders) => {
      const found = styleFrom(detectPreset(body, responseHeaders));
      if (found === undefined) {
        throw new MalformedResponseError(
          'cannot detect the pagination style from the first response; pass a preset or a strategy',
        );
      }
      return found;
    },
    fetch: {
      fetch: options.fetch ?? (globalThis.fetch as FetchLike),
      headers,
      signal: options.signal,
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      retry: {
        attempts: positiveInt(options.retry?.attempts ?? d.attempts, 'retry.attempts'),
        baseDelayMs: options.retry?.baseDelayMs ?? d.baseDelayMs,
        maxDelayMs: options.retry?.maxDelayMs ?? d.maxDelayMs,
      },
      rateLimitRetries: options.retry?.rateLimitRetries ?? d.rateLimitRetries,
      maxWaitMs: options.maxWaitMs ?? d.maxWaitMs,
      timeoutMs: options.timeoutMs ?? d.timeoutMs,
      timeouts: new TimeoutSignals(),
      governor: (options.governors ?? defaultGovernorRegistry).get(
        base,
        headers.get('authorization'),
      ),
    },
    guard: {
      maxEmptyPages: options.guards?.maxEmptyPages ?? d.maxEmptyPages,
      recentKeys: options.guards?.recentKeys ?? d.recentKeys,
      recentTokens: options.guards?.recentTokens ?? d.recentTokens,
    },
    onTotalChange: options.onTotalChange,
    concurrency,
  };

  const sorted = new URL(base);
  sorted.searchParams.sort();
  const fingerprint = checkpointFingerprint(sorted, style?.strategy.name, options.shards);

  const dedupe = options.dedupe ?? false;
  return {
    ctx,
    checkpoint: options.checkpoint,
    resume: options.resume ?? false,
    startAt: options.startAt,
    shards: options.shards,
    dedupeKeys: dedupe === false ? 0 : dedupe === true ? d.dedupeKeys : dedupe.maxKeys,
    itemKey: style?.itemKey ?? itemKey,
    fingerprint,
  };
}

/**
 * Digest a checkpoint is saved under: the URL with its query sorted, the
 * strategy's name (`auto` until detected) and the shards. Checkpoints saved
 * by earlier versions hold this exact string, so it must never change.
 * @internal
 */
export function checkpointFingerprint(
  sortedUrl: URL,
  strategyName: string | undefined,
  shards: PaginateOptions['shards'],
): string {
  return sha256Base64Url(JSON.stringify([sortedUrl.href, strategyName ?? 'auto', shards ?? null]));
}

function resolvePreset(preset: PaginateOptions['preset']): Preset | undefined {
  if (preset === undefined || typeof preset === 'object') return preset;
  const found = (presets as Record<string, Preset>)[preset];
  if (found === undefined) {
    throw new ClientOptionsError(
      `unknown preset "${preset}" (known: ${Object.keys(presets).join(', ')})`,
    );
  }
  return found;
}

const defaultItems: ItemsReader = (body) => (Array.isArray(body) ? body : soleArray()(body));

function itemsReader(items: string | ItemsReader): ItemsReader {
  return typeof items === 'string' ? itemsAt(items) : items;
}

// biome-ignore lint/suspicious/noExplicitAny: item type is the caller's
function keyReader(key: string | ((item: any) => string | undefined) | undefined) {
  if (typeof key === 'function') return key as (item: unknown) => string | undefined;
  const path = key ?? 'id';
  return (item: unknown): string | undefined => {
    const value = isObject(item) ? getPath(item, path) : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
}

function positiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ClientOptionsError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}
