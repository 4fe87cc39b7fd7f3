import { isoSeconds } from '../styles/wire-time.js';
import { ClientOptionsError } from './client-errors.js';

/** Options of {@link timeShards}. */
export interface TimeShardsOptions {
  /** Start of the whole window (inclusive). */
  readonly from: Date | string | number;
  /** End of the whole window (exclusive for `x`, inclusive day for `zoom`). */
  readonly to: Date | string | number;
  /** Number of shards (fewer when the window is too short to split). */
  readonly count: number;
  /**
   * `x`: `start_time`/`end_time` as `YYYY-MM-DDTHH:mm:ssZ`, end exclusive.
   * `zoom`: `from`/`to` as `yyyy-mm-dd`, both inclusive, split on whole days.
   */
  readonly style: 'x' | 'zoom';
  /** Parameter names, when not the style's. */
  readonly startParam?: string;
  readonly endParam?: string;
}

/**
 * Splits a time window into contiguous, non-overlapping shards, each a set of
 * query parameters for `paginate({ shards })`. Every item of the window falls
 * in exactly one shard.
 */
export function timeShards(options: TimeShardsOptions): Readonly<Record<string, string>>[] {
  const from = new Date(options.from).getTime();
  const to = new Date(options.to).getTime();
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
    throw new ClientOptionsError('timeShards needs from <= to, as dates');
  }
  if (!Number.isInteger(options.count) || options.count < 1) {
    throw new ClientOptionsError('timeShards count must be a positive integer');
  }
  if (options.style === 'x') {
    const startParam = options.startParam ?? 'start_time';
    const endParam = options.endParam ?? 'end_time';
    const seconds = Math.floor((to - from) / 1000);
    const count = Math.max(1, Math.min(options.count, seconds));
    const shards: Record<string, string>[] = [];
    for (let i = 0; i < count; i++) {
      const a = from + Math.floor((seconds * i) / count) * 1000;
      const b = i === count - 1 ? to : from + Math.floor((seconds * (i + 1)) / count) * 1000;
      shards.push({ [startParam]: isoSeconds(a), [endParam]: isoSeconds(b) });
    }
    return shards;
  }
  const startParam = options.startParam ?? 'from';
  const endParam = options.endParam ?? 'to';
  const day = 86_400_000;
  const first = Math.floor(from / day);
  const days = Math.floor(to / day) - first + 1;
  const count = Math.max(1, Math.min(options.count, days));
  const shards: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const a = first + Math.floor((days * i) / count);
    const b = first + Math.floor((days * (i + 1)) / count) - 1;
    shards.push({ [startParam]: isoDate(a * day), [endParam]: isoDate(b * day) });
  }
  return shards;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
