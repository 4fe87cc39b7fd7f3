import type { CheckpointOptions } from './checkpoint-options.js';
import type { Clock } from './clock.js';
import type { Cursor } from './cursor.js';
import type { FetchLike } from './fetch-page.js';
import type { GovernorRegistry } from './governor-registry.js';
import type { ItemsReader } from './items-reader.js';
import type { Preset, PresetName } from './presets.js';
import type { Strategy } from './strategy.js';
import type { TotalChange } from './walk-context.js';

/** The request to paginate: a URL, or a URL with headers. Always `GET`. */
export type PaginateRequest =
  | string
  | URL
  | {
      readonly url: string | URL;
      /** Sent on every page (e.g. `Authorization`). */
      readonly headers?: HeadersLike;
    };

/** Retry policy of {@link PaginateOptions.retry}. */
export interface RetryOptions {
  /**
   * Attempts per page, the first included, for network errors, 408 and 5xx.
   * @default 5
   */
  readonly attempts?: number;
  /** @default 250 */
  readonly baseDelayMs?: number;
  /** @default 20000 */
  readonly maxDelayMs?: number;
  /**
   * 429 answers waited out per page (each waits as the server says, or backs off).
   * @default 20
   */
  readonly rateLimitRetries?: number;
}

/** Cycle and drift guards of {@link PaginateOptions.guards}. */
export interface GuardOptions {
  /** @default 10 */
  readonly maxEmptyPages?: number;
  /** @default 10000 */
  readonly recentKeys?: number;
  /** @default 10000 */
  readonly recentTokens?: number;
}

/** Options of `paginate()`. All optional. */
export interface PaginateOptions<T = unknown> {
  /**
   * API style: `zoom`, `zoom-pages`, `x`, `github`, `stripe`, `slack`, or a
   * custom {@link Preset}. When neither `preset` nor `strategy` is given, the
   * style is detected from the first response.
   */
  readonly preset?: PresetName | Preset;
  /** Explicit strategy; wins over the preset's. */
  readonly strategy?: Strategy;
  /** Where the items are: a dotted path (`''` = the body) or a reader. Wins over the preset's. */
  readonly items?: string | ItemsReader;
  /**
   * An item's unique key (guards, de-dup): a dotted path or a function.
   * @default the preset's (`id`)
   */
  readonly itemKey?: string | ((item: T) => string | undefined);
  /** Extra headers on every request. */
  readonly headers?: HeadersLike;
  /** @default globalThis.fetch (keeps connections alive) */
  readonly fetch?: FetchLike;
  /** Stops the walk: checked between steps, passed to `fetch` and to every wait. */
  readonly signal?: AbortSignal;
  readonly retry?: RetryOptions;
  /**
   * Longest rate-limit wait accepted before throwing `RateLimitError`.
   * @default 60000
   */
  readonly maxWaitMs?: number;
  /**
   * Per-request timeout (the request is then retried).
   * @default 30000
   */
  readonly timeoutMs?: number;
  /** @default defaultGovernorRegistry (shared by the whole process) */
  readonly governors?: GovernorRegistry;
  readonly guards?: GuardOptions;
  /**
   * Called when a page-number walk sees `total_records` change. Without it
   * the change throws `TotalChangedError`.
   */
  readonly onTotalChange?: (change: TotalChange) => void;
  /**
   * Recover from an expired token with the preset's id window (X `until_id`).
   * @default true
   */
  readonly recover?: boolean;
  /** Save progress after every acknowledged page. */
  readonly checkpoint?: CheckpointOptions;
  /**
   * Continue from the checkpoint when there is one.
   * @default false
   */
  readonly resume?: boolean;
  /** Start at this cursor (e.g. `error.cursor`) instead of the first page. */
  readonly startAt?: Cursor;
  /**
   * Pages in flight for page-number walks (`zoom-pages`), yielded in order.
   * @default 1
   */
  readonly concurrency?: number;
  /**
   * Walk these shards concurrently (query parameter sets, e.g. from
   * `timeShards()`) and merge their pages in arrival order.
   */
  readonly shards?: readonly Readonly<Record<string, string>>[];
  /**
   * Drop items whose key was already yielded (shards that overlap, drift).
   * `true` remembers up to 1,000,000 keys.
   * @default false
   */
  readonly dedupe?: boolean | { readonly maxKeys: number };
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default Math.random */
  readonly random?: () => number;
}

/** Anything `new Headers()` accepts. */
export type HeadersLike = ConstructorParameters<typeof Headers>[0];
