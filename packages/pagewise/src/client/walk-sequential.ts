import { isInvalidPageTokenError } from './client-errors.js';
import { applyCursor, type Cursor } from './cursor.js';
import { CycleGuard } from './cycle-guard.js';
import { type FetchedPage, fetchPage } from './fetch-page.js';
import { readPage, type WalkStep } from './read-page.js';
import type { ResolvedStyle, WalkContext } from './walk-context.js';
import type { WalkState } from './walk-state.js';

/** Recoveries in a row without a page in between before giving up. */
const MAX_RECOVERIES_IN_A_ROW = 3;

/**
 * Walks a list one page at a time from `start`. The generator stays
 * suspended at each `yield` until the consumer asks for the next page, so
 * nothing is fetched ahead and the state after a page is only used once that
 * page was acknowledged.
 */
export async function* walkSequential<T>(
  ctx: WalkContext,
  start: WalkState,
): AsyncGenerator<WalkStep<T>, void, undefined> {
  let state = start;
  let style = ctx.style;
  // Built once per style, not per page: on V8 an object spread that then gets more
  // properties leaves old-space garbage pinning young objects (bench/client.ts streaming).
  let fetchCtx = fetchContext(ctx, style);
  const guard = new CycleGuard(ctx.guard);
  let recoveries = 0;
  while (state.cursor !== null) {
    const cursor = state.cursor;
    const url = applyCursor(ctx.base, cursor);
    let fetched: FetchedPage;
    try {
      fetched = await fetchPage(fetchCtx, url, cursor);
    } catch (error) {
      const restart = recoveryCursor(style, error, state, cursor);
      if (restart === undefined || recoveries >= MAX_RECOVERIES_IN_A_ROW) throw error;
      recoveries++;
      guard.resetTokens();
      state = { ...state, cursor: restart };
      continue;
    }
    if (style === undefined) {
      style = ctx.detect(fetched.body, fetched.meta.headers);
      fetchCtx = fetchContext(ctx, style);
    }
    const { step } = readPage<T>(ctx, style, guard, fetched, url, cursor, state);
    recoveries = 0;
    yield step;
    state = step.state;
  }
}

/**
 * The cursor that restarts a walk after an invalid or expired token, when the
 * style has an id window (X `until_id`): the same query narrowed to items
 * older than the oldest one seen. `until_id` is exclusive, so no duplicates.
 */
function recoveryCursor(
  style: ResolvedStyle | undefined,
  error: unknown,
  state: WalkState,
  cursor: Cursor,
): Cursor | undefined {
  const recovery = style?.recovery;
  if (style === undefined || recovery === undefined || state.oldestId === undefined)
    return undefined;
  if (!isInvalidPageTokenError(error)) return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(cursor.params ?? {})) {
    if (!style.strategy.cursorParams.includes(name)) params[name] = value;
  }
  params[recovery.param] = state.oldestId;
  return cursor.drop === undefined ? { params } : { params, drop: cursor.drop };
}

/** The fetch context of a walk, with the style's token rules. */
export function fetchContext(
  ctx: WalkContext,
  style: ResolvedStyle | undefined,
  signal?: AbortSignal,
) {
  return {
    ...ctx.fetch,
    ...(signal === undefined ? {} : { signal }),
    preset: style?.preset ?? {},
    cursorParams: style?.strategy.cursorParams ?? [],
  };
}
