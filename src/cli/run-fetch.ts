import { resolve } from 'node:path';
import {
  type Checkpoint,
  checkpointPath,
  fingerprintOf,
  loadCheckpoint,
  removeCheckpoint,
  type ShardCheckpoint,
  saveCheckpoint,
} from './checkpoint-file.js';
import { CliError } from './cli-error.js';
import { csvEncoder } from './csv-encoder.js';
import { ExitCode } from './exit-codes.js';
import type { FetchPlan, FetchShard } from './fetch-options.js';
import { formatError } from './format-error.js';
import { jsonlEncoder } from './jsonl-encoder.js';
import { openOutput } from './output-writer.js';
import type { PageSource } from './page-source.js';
import { createProgressReporter, duration, type ProgressReporter } from './progress-reporter.js';
import type { ResumeCommand } from './resume-command.js';

/** What `runFetch` needs besides the plan. */
export interface FetchContext {
  /** Builds the source that walks one shard (the whole list when not sharded). */
  readonly createSource: (plan: FetchPlan, shard: FetchShard) => PageSource;
  /** Aborted on Ctrl-C / SIGTERM. */
  readonly signal: AbortSignal;
  /** The command that resumes this run, printed when it stops early. */
  readonly resumeCommand: ResumeCommand;
  /** Progress display (tests inject one). @default from the plan's quiet flag and stderr */
  readonly progress?: ProgressReporter;
}

interface MutableShard {
  label: string;
  state: unknown;
  done: boolean;
}

/**
 * Fetches every page to the output, checkpointing after each one.
 *
 * The order per page is the whole resume contract: (1) write the page's
 * items and fsync; (2) save the checkpoint (byte offset + next-page state)
 * atomically; (3) only then ask the source for the next page. A kill between
 * (1) and (2) leaves bytes past the checkpoint's offset, which `--resume`
 * truncates before fetching that page again, so nothing is lost or repeated.
 *
 * @throws CliError with the exit code and, once work was saved, the resume command
 */
export async function runFetch(plan: FetchPlan, context: FetchContext): Promise<void> {
  const fingerprint = fingerprintOf({
    url: plan.url.href,
    params: plan.params,
    strategy: plan.strategy,
    itemsPath: plan.itemsPath,
    shards: plan.shards,
    format: plan.format,
  });
  const cpPath = checkpointPath(plan.output, fingerprint);
  let previous: Checkpoint | undefined;
  if (plan.resume) {
    try {
      previous = loadCheckpoint(cpPath);
    } catch (error) {
      throw new CliError(
        'cli_usage',
        `cannot read checkpoint: ${(error as Error).message}`,
        ExitCode.usage,
      );
    }
    if (previous === undefined) {
      throw new CliError(
        'cli_usage',
        `nothing to resume: no checkpoint at ${cpPath} (the run finished, or ran with other arguments); run again without --resume`,
        ExitCode.usage,
      );
    }
    if (previous.fingerprint !== fingerprint) {
      throw new CliError(
        'cli_usage',
        `the checkpoint at ${cpPath} belongs to a fetch with other URL, parameters or pagination flags; resume with the original arguments`,
        ExitCode.usage,
      );
    }
  }
  const encoder =
    plan.format === 'csv'
      ? csvEncoder((previous?.encoder as readonly string[] | null | undefined) ?? null)
      : jsonlEncoder();
  let writer: ReturnType<typeof openOutput>;
  try {
    writer = openOutput(
      previous === undefined
        ? { path: plan.output }
        : { path: plan.output, resumeOffset: previous.offset },
      encoder,
    );
  } catch (error) {
    throw new CliError(
      'cli_usage',
      `cannot open output: ${(error as Error).message}`,
      ExitCode.usage,
    );
  }
  const shards: MutableShard[] =
    previous?.shards.map((s) => ({ ...s })) ??
    plan.shards.map((s) => ({ label: s.label, state: null, done: false }));
  let items = previous?.items ?? 0;
  let pages = previous?.pages ?? 0;
  let total: number | null = previous?.total ?? null;
  const startedAt = Date.now();
  const progress = context.progress ?? createProgressReporter({ quiet: plan.quiet });

  const save = () =>
    saveCheckpoint(cpPath, {
      version: 1,
      fingerprint,
      output: plan.output === undefined ? null : resolve(plan.output),
      format: plan.format,
      offset: writer.offset,
      encoder: writer.encoderState(),
      items,
      pages,
      total,
      shards: shards.map(
        (s): ShardCheckpoint => ({ label: s.label, state: s.state, done: s.done }),
      ),
      savedAt: new Date().toISOString(),
    });
  // Saved before the first request, so even an immediate Ctrl-C is resumable.
  save();
  if (previous !== undefined) progress.update({ items, pages, total });

  // Stops sibling shards once --limit is reached or one shard fails.
  const stop = new AbortController();
  const signal = AbortSignal.any([context.signal, stop.signal]);
  let limitReached = plan.limit !== null && items >= plan.limit;
  // Pages of parallel shards are written one at a time, in full, each with its checkpoint.
  let writeChain: Promise<void> = Promise.resolve();

  const walk = async (shard: MutableShard) => {
    const planShard = plan.shards.find((s) => s.label === shard.label) ?? {
      label: shard.label,
      params: [],
    };
    const source = context.createSource(plan, planShard);
    const hooks = {
      signal,
      onWait: (until: number) => progress.waiting(until),
      onWaitEnd: () => progress.fetching(),
    };
    for await (const page of source.pages(shard.state, hooks)) {
      if (limitReached) return;
      const done = writeChain.then(async () => {
        let pageItems = page.items;
        if (plan.limit !== null && items + pageItems.length >= plan.limit) {
          pageItems = pageItems.slice(0, plan.limit - items);
          limitReached = true;
        }
        await writer.writePage(pageItems);
        items += pageItems.length;
        pages++;
        if (plan.shards.length === 1 && page.total !== null) total = page.total;
        shard.state = page.next;
        shard.done = page.next === null;
        save();
        progress.update({ items, pages, total });
      });
      writeChain = done;
      await done;
      if (limitReached) {
        stop.abort();
        return;
      }
      if (shard.done) return;
    }
  };

  let failure: unknown;
  try {
    await pool(
      shards.filter((s) => !s.done),
      plan.concurrency,
      async (shard) => {
        try {
          await walk(shard);
        } catch (error) {
          if (limitReached && stop.signal.aborted) return;
          failure ??= error;
          stop.abort();
        }
      },
    );
  } finally {
    await writeChain.catch(() => {});
    writer.close();
  }
  const seconds = duration(Math.round((Date.now() - startedAt) / 1000));
  const where = plan.output === undefined ? 'stdout' : plan.output;
  if (failure === undefined && !context.signal.aborted) {
    removeCheckpoint(cpPath);
    progress.stop(
      `pagewise: done, ${items.toLocaleString('en-US')} items in ${pages} pages to ${where} (${seconds})`,
    );
    return;
  }
  const interrupted = context.signal.aborted;
  const formatted = interrupted
    ? { line: 'interrupted', exitCode: ExitCode.interrupted }
    : formatError(failure);
  if (pages === 0 && previous === undefined) {
    // Nothing was written: a resume would be the same as running again.
    removeCheckpoint(cpPath);
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
    `pagewise: stopped after ${items.toLocaleString('en-US')} items in ${pages} pages; checkpoint saved to ${cpPath}`,
  );
  throw new CliError(
    interrupted ? 'cli_interrupted' : 'cli_fetch_failed',
    formatted.line,
    formatted.exitCode,
    {
      cause: failure,
      resumeCommand: context.resumeCommand.command + noteSuffix(context.resumeCommand),
    },
  );
}

function noteSuffix(resume: ResumeCommand): string {
  return resume.note === undefined ? '' : `\n  (${resume.note})`;
}

/** Runs `work` over `list` with at most `size` at once. */
async function pool<T>(
  list: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let index = 0;
  const runners = Array.from({ length: Math.min(size, list.length) }, async () => {
    while (index < list.length) {
      const item = list[index++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}
