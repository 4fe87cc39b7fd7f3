import cliProgress from 'cli-progress';

/** Counts the progress display shows. */
export interface ProgressSnapshot {
  readonly items: number;
  readonly pages: number;
  /** Total items when the API reports it (Zoom `total_records`), else `null`. */
  readonly total: number | null;
}

/**
 * Progress on stderr. stdout is never touched: it carries only data.
 */
export interface ProgressReporter {
  /** New counts after a page was written. */
  update(snapshot: ProgressSnapshot): void;
  /** The client is waiting on a rate limit until `until` (epoch ms). */
  waiting(until: number): void;
  /** Back to fetching after a wait. */
  fetching(): void;
  /** Ends the display; `summary`, if any, is printed as the last line (unless quiet). */
  stop(summary?: string): void;
}

/** How to report. */
export interface ProgressOptions {
  /** Print nothing at all. @default false */
  readonly quiet?: boolean;
  /** Where to draw. @default process.stderr */
  readonly stream?: NodeJS.WriteStream;
  /** Draw a live bar (true) or a plain line every few seconds (false). @default stream.isTTY */
  readonly tty?: boolean;
  /** Interval of the plain lines, in ms. @default 2000 */
  readonly intervalMs?: number;
}

/**
 * Picks the display: a live bar on a terminal; on a pipe or file a plain
 * line every couple of seconds (a bar's carriage returns would fill a log
 * with garbage); nothing under `--quiet`.
 */
export function createProgressReporter(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  if (options.quiet === true) return { update() {}, waiting() {}, fetching() {}, stop() {} };
  const tty = options.tty ?? stream.isTTY === true;
  return tty ? barReporter(stream) : lineReporter(stream, options.intervalMs ?? 2000);
}

interface State {
  snapshot: ProgressSnapshot;
  waitUntil: number | null;
  readonly startedAt: number;
  readonly startItems: number | null;
}

function describe(state: State, withBar: boolean): string {
  const { items, pages, total } = state.snapshot;
  const elapsed = (Date.now() - state.startedAt) / 1000;
  const fetched = items - (state.startItems ?? 0);
  const rate = elapsed > 0 ? fetched / elapsed : 0;
  const parts: string[] = [];
  if (total !== null && total > 0) {
    const ratio = Math.min(1, items / total);
    if (withBar) parts.push(`${bar(ratio)} ${Math.floor(ratio * 100)}%`);
    parts.push(`${fmt(items)}/${fmt(total)} items`);
  } else {
    parts.push(`${fmt(items)} items`);
  }
  parts.push(`${fmt(pages)} pages`, `${fmt(Math.round(rate))} items/s`);
  if (state.waitUntil !== null) {
    const left = Math.max(0, Math.ceil((state.waitUntil - Date.now()) / 1000));
    parts.push(`waiting for rate limit: ${duration(left)}`);
  } else if (total !== null && total > items && rate > 0) {
    parts.push(`ETA ${duration(Math.ceil((total - items) / rate))}`);
  }
  parts.push(`elapsed ${duration(Math.floor(elapsed))}`);
  return parts.join(' | ');
}

function barReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const state: State = {
    snapshot: { items: 0, pages: 0, total: null },
    waitUntil: null,
    startedAt: Date.now(),
    startItems: null,
  };
  const progress = new cliProgress.SingleBar({
    stream,
    fps: 5,
    hideCursor: true,
    clearOnComplete: false,
    // Our own formatter: the total is often unknown, and the wait state must show.
    format: () => describe(state, true),
  });
  let started = false;
  const ensure = () => {
    if (!started) {
      progress.start(1, 0);
      started = true;
    }
  };
  return {
    update(snapshot) {
      if (state.startItems === null)
        (state as { startItems: number | null }).startItems = snapshot.items;
      state.snapshot = snapshot;
      ensure();
      progress.update(snapshot.items);
    },
    waiting(until) {
      state.waitUntil = until;
      ensure();
      progress.update(state.snapshot.items);
    },
    fetching() {
      state.waitUntil = null;
    },
    stop(summary) {
      state.waitUntil = null;
      if (!started && summary === undefined) return;
      ensure();
      progress.update(state.snapshot.items);
      progress.stop();
      if (summary !== undefined) stream.write(`${summary}\n`);
    },
  };
}

function lineReporter(stream: NodeJS.WriteStream, intervalMs: number): ProgressReporter {
  const state: State = {
    snapshot: { items: 0, pages: 0, total: null },
    waitUntil: null,
    startedAt: Date.now(),
    startItems: null,
  };
  const timer = setInterval(
    () => stream.write(`pagewise: ${describe(state, false)}\n`),
    intervalMs,
  );
  // Never keep the process alive just to print progress.
  timer.unref();
  return {
    update(snapshot) {
      if (state.startItems === null)
        (state as { startItems: number | null }).startItems = snapshot.items;
      state.snapshot = snapshot;
    },
    waiting(until) {
      state.waitUntil = until;
      stream.write(`pagewise: ${describe(state, false)}\n`);
    },
    fetching() {
      state.waitUntil = null;
    },
    stop(summary) {
      clearInterval(timer);
      if (summary !== undefined) stream.write(`${summary}\n`);
    },
  };
}

function bar(ratio: number): string {
  const width = 24;
  const full = Math.round(ratio * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Seconds as `1h02m`, `3m05s` or `12s`. */
export function duration(seconds: number): string {
  if (seconds >= 3600)
    return `${Math.floor(seconds / 3600)}h${pad(Math.floor((seconds % 3600) / 60))}m`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m${pad(seconds % 60)}s`;
  return `${seconds}s`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
