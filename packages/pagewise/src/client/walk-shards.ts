import { FIRST_PAGE } from './cursor.js';
import type { WalkStep } from './read-page.js';
import type { WalkContext } from './walk-context.js';
import { walkSequential } from './walk-sequential.js';
import type { WalkState } from './walk-state.js';

/**
 * Walks N shards of one list (e.g. time windows) concurrently and merges
 * their pages in arrival order: within a shard, pages keep the API's order;
 * across shards the order is whichever page arrives first. Each shard fetches
 * its next page only once its previous page was acknowledged, so at most one
 * page per shard is held in memory. The state after a page records every
 * shard's own resume point, so a checkpoint resumes all shards.
 */
export async function* walkShards<T>(
  ctx: WalkContext,
  shardParams: readonly Readonly<Record<string, string>>[],
  start: WalkState,
): AsyncGenerator<WalkStep<T>, void, undefined> {
  const states: WalkState[] = shardParams.map(
    (_, i) => start.shards?.[i] ?? { cursor: FIRST_PAGE, index: 0 },
  );
  let index = start.index;
  // One signal for all shards: the first failure or an early exit stops the others' requests.
  const stop = new AbortController();
  const signal = ctx.fetch.signal ? AbortSignal.any([ctx.fetch.signal, stop.signal]) : stop.signal;
  const walkers = shardParams.map((params, i) => {
    const base = new URL(ctx.base);
    for (const [name, value] of Object.entries(params)) base.searchParams.set(name, value);
    const fetch = { ...ctx.fetch, signal };
    return walkSequential<T>({ ...ctx, base, fetch }, states[i] as WalkState);
  });
  type Arrival = { shard: number; result: IteratorResult<WalkStep<T>, void> };
  const pending = new Map<number, Promise<Arrival>>();
  const pull = (shard: number): void => {
    const walker = walkers[shard];
    if (walker === undefined) return;
    const promise = walker.next().then((result) => ({ shard, result }));
    promise.catch(() => {});
    pending.set(shard, promise);
  };
  walkers.forEach((_, i) => {
    if ((states[i] as WalkState).cursor !== null) pull(i);
  });
  try {
    while (pending.size > 0) {
      const { shard, result } = await Promise.race(pending.values());
      pending.delete(shard);
      if (result.done) continue;
      states[shard] = result.value.state;
      const state: WalkState = { cursor: null, index: index + 1, shards: [...states] };
      yield { page: { ...result.value.page, index, shard }, state };
      index++;
      pull(shard);
    }
  } finally {
    stop.abort(new Error('walk closed'));
    await Promise.allSettled(pending.values());
    await Promise.allSettled(walkers.map((walker) => walker.return()));
  }
}
