/** One page as `pagewise fetch` sees it. */
export interface SourcePage {
  readonly items: readonly unknown[];
  /** JSON-safe state that asks for the following page; `null` when the list ended here. */
  readonly next: unknown;
  /** Total item count if the API reported one. */
  readonly total: number | null;
}

/** What a page source tells the command while it works. */
export interface SourceHooks {
  readonly signal: AbortSignal;
  /** A rate limit makes the source wait until `until` (epoch ms). */
  onWait(until: number): void;
  /** The wait is over. */
  onWaitEnd(): void;
}

/**
 * The port between the command and whatever walks the API. A page is
 * acknowledged by asking for the next one: the command writes and fsyncs a
 * page before it calls `next()` again, so `state` of a checkpoint always
 * points just past durable output.
 */
export interface PageSource {
  /** Pages from `state` (`null`: the first page) to the end of the list. */
  pages(state: unknown, hooks: SourceHooks): AsyncIterable<SourcePage>;
}
