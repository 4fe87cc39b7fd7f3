import { ClientOptionsError } from './client-errors.js';
import { applyCursor, type Cursor } from './cursor.js';
import { CycleGuard } from './cycle-guard.js';
import { type FetchedPage, fetchPage } from './fetch-page.js';
import { readPage, type WalkStep } from './read-page.js';
import type { WalkContext } from './walk-context.js';
import { fetchContext } from './walk-sequential.js';
import type { WalkState } from './walk-state.js';

/**
 * Walks a page-number list with up to `ctx.concurrency` requests in flight:
 * the first page (fetched alone) gives `page_count`, then the following pages
 * are prefetched in a sliding window and yielded strictly in order, so
 * checkpoints and guards see the same sequence as a sequential walk. Memory
 * holds at most `concurrency` pages. Early exit aborts the prefetches.
 */
export async function* walkPageNumbers<T>(
  ctx: WalkContext,
  start: WalkState,
): AsyncGenerator<WalkStep<T>, void, undefined> {
  if (start.cursor === null) return;
  const style = ctx.style;
  const random = style?.strategy.random;
  if (style === undefined || random === undefined) {
    throw new ClientOptionsError(
      'concurrency > 1 needs a page-number strategy (preset zoom-pages)',
    );
  }
  const guard = new CycleGuard(ctx.guard);
  const stop = new AbortController();
  const signal = ctx.fetch.signal ? AbortSignal.any([ctx.fetch.signal, stop.signal]) : stop.signal;
  const inflight = new Map<number, Promise<FetchedPage>>();
  const get = (cursor: Cursor): Promise<FetchedPage> => {
    const url = applyCursor(ctx.base, cursor);
    const promise = fetchPage(fetchContext(ctx, style, signal), url, cursor);
    promise.catch(() => {}); // awaited later in order; avoid unhandled rejections meanwhile
    return promise;
  };

  let state = start;
  const first = random.pageOf(start.cursor, ctx.base);
  let count = Number.POSITIVE_INFINITY;
  let nextToStart = first;
  const fill = (): void => {
    while (nextToStart <= count && inflight.size < ctx.concurrency) {
      inflight.set(nextToStart, get(cursorOf(state.cursor, random.cursor(nextToStart))));
      nextToStart++;
    }
  };
  try {
    for (let n = first; n <= count; n++) {
      if (n === first) inflight.set(n, get(state.cursor ?? random.cursor(n)));
      if (n === first) nextToStart = first + 1;
      const promise = inflight.get(n);
      if (promise === undefined) break;
      const fetched = await promise;
      inflight.delete(n);
      const cursor = state.cursor ?? random.cursor(n);
      const url = applyCursor(ctx.base, cursor);
      const { step, context } = readPage<T>(ctx, style, guard, fetched, url, cursor, state);
      count = Math.max(n, random.pageCount(context));
      fill();
      yield step;
      state = step.state;
      if (state.cursor === null) break;
    }
  } finally {
    stop.abort(new Error('walk closed'));
    await Promise.allSettled(inflight.values());
  }
}

/** A page's cursor keeps the other parameters of the walk's cursor (e.g. filters set on resume). */
function cursorOf(current: Cursor | null, page: Cursor): Cursor {
  if (current === null || current.url !== undefined) return page;
  return { ...current, params: { ...current.params, ...page.params } };
}
