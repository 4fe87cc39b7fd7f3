import { resolve } from 'node:path';
import { type FetchLike, type JsonValue, type PaginateOptions, paginate } from '../client/index.js';
import { getPath } from '../client/json-path.js';
import { CliError } from './cli-error.js';
import { csvEncoder } from './csv-encoder.js';
import { ExitCode, signalExitCode } from './exit-codes.js';
import { fetchCheckpoint, fingerprintOf, type OutputNote } from './fetch-checkpoint.js';
import type { FetchPlan } from './fetch-options.js';
import { formatError } from './format-error.js';
import { jsonlEncoder } from './jsonl-encoder.js';
import { type OutputWriter, openOutput, StdoutClosedError } from './output-writer.js';
import { createProgressReporter, duration, type ProgressReporter } from './progress-reporter.js';
import { rateLimitWaitMs } from './rate-limit-wait.js';
import type { ResumeCommand } from './resume-command.js';
import { decideRunStart } from './run-start.js';

/** What `runFetch` needs besides the plan. */
export interface FetchContext {
  /** Aborted on Ctrl-C / SIGTERM. */
  readonly signal: AbortSignal;
  /** The command that resumes this run, printed when it stops early. */
  readonly resumeCommand: ResumeCommand;
  /** Progress display. @default from the plan's quiet flag, on stderr */
  readonly progress?: ProgressReporter;
  /** @default globalThis.fetch */
  readonly fetch?: FetchLike;
}

/**
 * Fetches every page with the client's `paginate()` and writes it out.
 *
 * The order per page is the resume contract: (1) the page's items are
 * written and fsynced; (2) only then does the loop ask the client for the
 * next page, which acknowledges the page and makes the client save its
 * checkpoint atomically, with our note (the output's byte offset) inside.
 * A kill between (1) and (2) leaves bytes past the saved offset; `--resume`
 * cuts the output back to the offset and the client fetches that page again.
 * Nothing is lost, nothing repeated.
 *
 * @throws CliError with the exit code and, once work was saved, the resume command
 */
export async function runFetch(plan: FetchPlan, context: FetchContext): Promise<void> {
  const fingerprint = fingerprintOf({
    url: plan.url.href,
    preset: plan.preset ?? null,
    strategy: plan.strategyFlags,
    items: plan.items ?? null,
    shards: plan.shards ?? null,
    format: plan.format,
    limit: plan.limit,
  });
  const { store, key, path: checkpointPath } = fetchCheckpoint(plan.output, fingerprint);
  const progress = context.progress ?? createProgressReporter({ quiet: plan.quiet });
  const where = plan.output ?? 'stdout';
  const start = await decideRunStart({
    resume: plan.resume,
    output: plan.output,
    request: fingerprint,
    store,
    checkpointPath,
  });
  if (start.kind === 'complete') {
    const done = start.note;
    progress.stop(
      `pagewise: already complete: ${done.items.toLocaleString('en-US')} items in ${done.pages} pages to ${where} (checkpoint ${checkpointPath}); nothing fetched. To fetch again, run without --resume`,
    );
    return;
  }
  const note: OutputNote | undefined = start.kind === 'continue' ? start.note : undefined;
  const outputNote = (phase: 'running' | 'complete'): OutputNote => ({
    offset: writer.offset,
    encoder: writer.encoderState() as JsonValue,
    items,
    pages,
    total,
    format: plan.format,
    output: plan.output === undefined ? null : resolve(plan.output),
    request: fingerprint,
    phase,
  });
  if (start.kind === 'fresh') {
    if (plan.output === undefined) await store.delete(key);
    else {
      // Before the output is created or truncated: from here on, whatever the
      // file holds is explained by a checkpoint, so `--resume` never refuses
      // a file this run left behind, however early it was killed.
      await store.save(key, {
        version: 1,
        fingerprint: '',
        state: { cursor: null, index: 0 },
        done: false,
        note: {
          offset: 0,
          encoder: null,
          items: 0,
          pages: 0,
          total: null,
          format: plan.format,
          output: resolve(plan.output),
          request: fingerprint,
          phase: 'started',
        },
        savedAt: new Date().toISOString(),
      });
    }
  }
  const encoder =
    plan.format === 'csv'
      ? csvEncoder((note?.encoder as readonly string[] | null | undefined) ?? null)
      : jsonlEncoder();
  let writer: OutputWriter;
  try {
    writer = openOutput(
      note === undefined ? { path: plan.output } : { path: plan.output, resumeOffset: note.offset },
      encoder,
    );
  } catch (error) {
    throw usage(`cannot open output: ${(error as Error).message}`);
  }
  let items = note?.items ?? 0;
  let pages = note?.pages ?? 0;
  let total: number | null = note?.total ?? null;
  const startedAt = Date.now();
  if (note !== undefined) progress.update({ items, pages, total });
  const baseFetch: FetchLike = context.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // The client waits out 429s itself; this wrapper only lets the display show it.
  const watchedFetch: FetchLike = async (input, init) => {
    progress.fetching();
    const response = await baseFetch(input, init);
    if (response.status === 429) {
      const wait = rateLimitWaitMs(response.headers, Date.now());
      if (wait <= plan.maxWaitMs) progress.waiting(Date.now() + wait);
    }
    return response;
  };
  const options: PaginateOptions = {
    ...(plan.preset === undefined ? {} : { preset: plan.preset }),
    ...(plan.strategy === undefined ? {} : { strategy: plan.strategy }),
    ...(plan.items === undefined ? {} : { items: plan.items }),
    headers: plan.headers,
    fetch: watchedFetch,
    signal: context.signal,
    maxWaitMs: plan.maxWaitMs,
    retry: { attempts: plan.retries + 1 },
    ...(plan.shards === undefined ? {} : { shards: plan.shards }),
    ...(plan.concurrency > 1 && plan.shards === undefined ? { concurrency: plan.concurrency } : {}),
    checkpoint: {
      store,
      key,
      note: (): JsonValue => ({ ...outputNote('running') }),
    },
    resume: start.kind === 'continue' && start.clientResume,
  };

  let failure: unknown;
  let complete = false;
  try {
    const paginator = paginate({ url: plan.url }, options);
    for await (const page of paginator.pages()) {
      let pageItems = page.items;
      let limitReached = false;
      if (plan.limit !== null && items + pageItems.length >= plan.limit) {
        pageItems = pageItems.slice(0, plan.limit - items);
        limitReached = true;
      }
      await writer.writePage(pageItems);
      items += pageItems.length;
      pages++;
      if (plan.shards === undefined && plan.totalPath !== null) {
        const value = getPath(page.body, plan.totalPath);
        if (typeof value === 'number') total = value;
      }
      progress.update({ items, pages, total });
      if (limitReached) break;
    }
    complete = true;
  } catch (error) {
    failure = error;
  } finally {
    writer.close();
  }
  const seconds = duration(Math.floor((Date.now() - startedAt) / 1000));
  if (failure instanceof StdoutClosedError) {
    // `pagewise fetch … | head`: the reader stopped on purpose; nothing to resume or report.
    await store.delete(key);
    progress.stop();
    return;
  }
  if (complete) {
    // Kept, marked complete, so that `--resume` (a retry loop's next round)
    // says the output is final instead of fetching or truncating. A plain
    // stdout run leaves nothing behind in the working directory.
    if (plan.output !== undefined || plan.resume) {
      await store.save(key, {
        version: 1,
        fingerprint: '',
        state: { cursor: null, index: pages },
        done: true,
        note: { ...outputNote('complete') },
        savedAt: new Date().toISOString(),
      });
    } else await store.delete(key);
    progress.stop(
      `pagewise: done, ${items.toLocaleString('en-US')} items in ${pages} pages to ${where} (${seconds})`,
    );
    return;
  }
  const interrupted = context.signal.aborted;
  const formatted = interrupted
    ? {
        line: context.signal.reason === 'SIGTERM' ? 'stopped by SIGTERM' : 'interrupted',
        exitCode: signalExitCode(context.signal.reason),
      }
    : formatError(failure);
  const saved = await store.load(key).catch(() => undefined);
  if (saved === undefined || (saved.note as OutputNote | undefined)?.phase === 'started') {
    // Nothing acknowledged yet: a resume would be the same as running again.
    progress.stop();
    throw new CliError(
      interrupted ? 'cli_interrupted' : 'cli_fetch_failed',
      formatted.line,
      formatted.exitCode,
      {
        cause: failure,
      },
    );
  }
  progress.stop(
    `pagewise: stopped after ${items.toLocaleString('en-US')} items in ${pages} pages; checkpoint saved to ${checkpointPath}`,
  );
  const resume = context.resumeCommand;
  const notes = [
    ...(resume.note === undefined ? [] : [resume.note]),
    // stdout cannot be cut back: the next run continues after the last complete page.
    ...(plan.output === undefined
      ? ["append its stdout to the first run's output, e.g. >> out.jsonl"]
      : []),
  ];
  throw new CliError(
    interrupted ? 'cli_interrupted' : 'cli_fetch_failed',
    formatted.line,
    formatted.exitCode,
    {
      cause: failure,
      resumeCommand: resume.command + (notes.length === 0 ? '' : `\n  (${notes.join('; ')})`),
    },
  );
}

function usage(message: string): CliError {
  return new CliError('cli_usage', message, ExitCode.usage);
}
