import type { Cursor } from './cursor.js';

/**
 * Everything needed to continue a walk: what checkpoints store. Plain JSON.
 */
export interface WalkState {
  /** Next page to fetch; `null` once the API said the list ended. */
  readonly cursor: Cursor | null;
  /** Index the next page will have. */
  readonly index: number;
  /** `total_records` seen on the first page (page-number drift guard). */
  readonly total?: number;
  /** Oldest (smallest) item id seen, as a decimal string (id-window recovery). */
  readonly oldestId?: string;
  /** Per-shard states, for sharded walks. */
  readonly shards?: readonly WalkState[];
}

/** True when nothing is left to fetch. */
export function isDone(state: WalkState): boolean {
  if (state.shards !== undefined) return state.shards.every(isDone);
  return state.cursor === null;
}

/**
 * The full cursor of the next page: a strategy returns only its own
 * parameters, so the other cursor parameters (e.g. an `until_id` window set by
 * a recovery) are carried forward; the result alone is enough to resume.
 */
export function carryForward(
  current: Cursor,
  next: Cursor | null,
  own: readonly string[],
): Cursor | null {
  if (next === null) return null;
  if (next.url !== undefined) return next;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(current.params ?? {})) {
    if (!own.includes(name)) params[name] = value;
  }
  Object.assign(params, next.params ?? {});
  const drop = current.drop;
  return drop === undefined ? { params } : { params, drop };
}

/** Smaller of two decimal id strings, compared as BigInt (X ids exceed 2^53). */
export function minId(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return BigInt(b) < BigInt(a) ? b : a;
}
