import { BoundedSet } from './bounded-set.js';
import type { Checkpoint, CheckpointStore } from './checkpoint-store.js';
import { CheckpointError, ClientOptionsError, CollectLimitError } from './client-errors.js';
import { FIRST_PAGE } from './cursor.js';
import type { ResolvedPaginate } from './normalize-options.js';
import type { Page } from './page.js';
import type { WalkStep } from './read-page.js';
import { walkPageNumbers } from './walk-page-numbers.js';
import { walkSequential } from './walk-sequential.js';
import { walkShards } from './walk-shards.js';
import { isDone, type WalkState } from './walk-state.js';

/** Options of {@link Paginator.collect}. */
export interface CollectOptions {
  /** Most items to collect. Required: nothing is gathered without a bound. */
  readonly limit: number;
  /**
   * Return the first `limit` items when there are more, instead of throwing
   * `CollectLimitError`.
   * @default false
   */
  readonly truncate?: boolean;
}

/**
 * A lazy walk over a paginated list: an `AsyncIterable` of items, with
 * `pages()` for pages and `collect()` for bounded arrays. Nothing is fetched
 * before the first `next()`; each iteration starts its own walk (from the
 * checkpoint when `resume` is set).
 *
 * Acknowledgement: a page counts as processed when the consumer asks for
 * what comes after it (the next page, or the item after its last one). Only
 * then is the checkpoint moved past it.
 */
export class Paginator<T = unknown> implements AsyncIterable<T> {
  readonly #options: ResolvedPaginate;

  /** @internal use `paginate()` */
  constructor(options: ResolvedPaginate) {
    this.#options = options;
  }

  /**
   * Items, one by one, across pages. A hand-written iterator rather than an
   * `async *` generator: items of a fetched page are handed out without the
   * generator's extra promise hops, which otherwise cost more per item than
   * the rest of the client (see bench/client.ts).
   */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    const pages = this.pages();
    let items: readonly T[] = [];
    let at = 0;
    let finished = false;
    const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
    const pull = async (): Promise<IteratorResult<T, undefined>> => {
      // Asking for the next page here is what acknowledges the current one.
      while (at >= items.length) {
        const next = await pages.next();
        if (next.done) {
          finished = true;
          return done;
        }
        items = next.value.items;
        at = 0;
      }
      return { done: false, value: items[at++] as T };
    };
    return {
      next: () => {
        if (finished) return Promise.resolve(done);
        if (at < items.length) return Promise.resolve({ done: false, value: items[at++] as T });
        return pull();
      },
      return: async () => {
        finished = true;
        await pages.return(undefined);
        return done;
      },
    };
  }

  /** Pages with their cursor, index and response metadata. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const o = this.#options;
    const start = await this.#startState();
    if (isDone(start)) return;
    const walker: AsyncGenerator<WalkStep<T>, void, undefined> = o.shards !== undefined
      ? walkShards<T>(o.ctx, o.shards, start)
      : o.ctx.concurrency > 1
        ? walkPageNumbers<T>(o.ctx, start)
        : walkSequential<T>(o.ctx, start);
    const seen = o.dedupeKeys > 0 ? new BoundedSet(o.dedupeKeys) : undefined;
    for await (const step of walker) {
      let page = step.page;
      if (seen !== undefined) page = { ...page, items: dedupe(page.items, seen, o.itemKey) };
      yield page;
      // Reaching this line means the consumer asked for more: the page is acknowledged.
      if (o.checkpoint !== undefined)
        await this.#save(o.checkpoint.store, o.checkpoint.key, step.state);
    }
  }

  /**
   * Collects items into an array, bounded by `limit`: throws
   * `CollectLimitError` when the list holds more (or returns the first
   * `limit` items with `truncate: true`).
   */
  async collect(options: CollectOptions): Promise<T[]> {
    if (!Number.isInteger(options.limit) || options.limit < 0) {
      throw new ClientOptionsError('collect() needs a whole, non-negative limit');
    }
    const out: T[] = [];
    for await (const item of this) {
      if (out.length === options.limit) {
        if (options.truncate) break;
        throw new CollectLimitError(options.limit);
      }
      out.push(item);
    }
    return out;
  }

  async #startState(): Promise<WalkState> {
    const o = this.#options;
    if (o.resume && o.checkpoint !== undefined) {
      const saved = await o.checkpoint.store.load(o.checkpoint.key);
      if (saved !== undefined) {
        if (saved.version !== 1)
          throw new CheckpointError(`unknown version ${String(saved.version)}`);
        if (saved.fingerprint !== o.fingerprint) {
          throw new CheckpointError(
            `key "${o.checkpoint.key}" was saved for another request or strategy`,
          );
        }
        return saved.state;
      }
    }
    return { cursor: o.startAt ?? FIRST_PAGE, index: 0 };
  }

  async #save(store: CheckpointStore, key: string, state: WalkState): Promise<void> {
    const note = await this.#options.checkpoint?.note?.();
    const checkpoint: Checkpoint = {
      version: 1,
      fingerprint: this.#options.fingerprint,
      state,
      done: isDone(state),
      ...(note === undefined ? {} : { note }),
      savedAt: new Date(this.#options.ctx.fetch.clock.now()).toISOString(),
    };
    await store.save(key, checkpoint);
  }
}

function dedupe<T>(
  items: readonly T[],
  seen: BoundedSet,
  key: (item: unknown) => string | undefined,
): T[] {
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) {
      if (seen.has(k)) continue;
      seen.add(k);
    }
    out.push(item);
  }
  return out;
}
