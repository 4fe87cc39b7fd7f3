import { isMalformedPageError } from '../styles/malformed-page-error.js';
import { MalformedResponseError, TotalChangedError } from './client-errors.js';
import type { Cursor } from './cursor.js';
import type { CycleGuard } from './cycle-guard.js';
import type { FetchedPage } from './fetch-page.js';
import { getPath } from './json-path.js';
import type { Page } from './page.js';
import type { StrategyContext } from './strategy.js';
import type { ResolvedStyle, WalkContext } from './walk-context.js';
import { carryForward, minId, type WalkState } from './walk-state.js';

/** A read page plus the state to save once the consumer acknowledged it. */
export interface WalkStep<T> {
  readonly page: Page<T>;
  readonly state: WalkState;
}

/**
 * Turns a fetched response into a page: extracts the items, asks the
 * strategy for the next cursor, runs the cycle and drift guards and computes
 * the state after the page. Shared by sequential and parallel walks, so both
 * apply exactly the same rules.
 */
export function readPage<T>(
  ctx: WalkContext,
  style: ResolvedStyle,
  guard: CycleGuard,
  fetched: FetchedPage,
  url: URL,
  cursor: Cursor,
  state: WalkState,
): { step: WalkStep<T>; context: StrategyContext } {
  // The styles' strict readers throw MalformedPageError; the walk reports it with its cursor.
  const strictly = <R>(read: () => R): R => {
    try {
      return read();
    } catch (error) {
      if (!isMalformedPageError(error)) throw error;
      throw new MalformedResponseError(`${error.message} (GET ${url.pathname})`, {
        cursor,
        cause: error,
      });
    }
  };
  const items = strictly(() => style.items(fetched.body));
  if (items === undefined) {
    throw new MalformedResponseError(`no items array in the body of GET ${url.pathname}`, {
      cursor,
    });
  }
  const context: StrategyContext = {
    body: fetched.body,
    headers: fetched.meta.headers,
    items,
    cursor,
    url,
  };
  const strategyStep = strictly(() => style.strategy.next(context));
  const next = carryForward(cursor, strategyStep.next, style.strategy.cursorParams);
  guard.check(items.map(style.itemKey), strategyStep.token, next !== null, cursor);

  let total = state.total;
  const reported = style.strategy.total?.(fetched.body);
  if (reported !== undefined) {
    if (total !== undefined && reported !== total) {
      if (ctx.onTotalChange === undefined) {
        throw new TotalChangedError(total, reported, { cursor });
      }
      ctx.onTotalChange({ before: total, after: reported, index: state.index });
    }
    total = reported;
  }

  let oldestId = state.oldestId;
  if (style.recovery !== undefined) {
    for (const item of items) {
      const id = getPath(item, style.recovery.idPath);
      if (typeof id === 'string' && /^\d+$/.test(id)) oldestId = minId(oldestId, id);
    }
  }

  const after: WalkState = {
    cursor: next,
    index: state.index + 1,
    ...(total === undefined ? {} : { total }),
    ...(oldestId === undefined ? {} : { oldestId }),
  };
  const page: Page<T> = {
    items: items as readonly T[],
    index: state.index,
    request: cursor,
    cursor: next,
    meta: fetched.meta,
    body: fetched.body,
  };
  return { step: { page, state: after }, context };
}
