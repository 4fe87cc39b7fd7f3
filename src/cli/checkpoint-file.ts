import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where one shard (one time window, or the whole list) stands. */
export interface ShardCheckpoint {
  /** Human label, e.g. `2024-01-01T00:00:00Z..2024-01-08T00:00:00Z`, or `all`. */
  readonly label: string;
  /** Opaque resume state of the page source (the next request to make); `null` before the first page. */
  readonly state: unknown;
  /** True once this shard reached the end of its list. */
  readonly done: boolean;
}

/**
 * What `pagewise fetch` saves after each page is durably written: enough to
 * continue with nothing lost or repeated.
 *
 * Contract: `offset` bytes of the output hold exactly the items of the pages
 * acknowledged so far, and each shard's `state` asks for the page after them.
 * A resumed run truncates the output to `offset` and continues from `state`.
 */
export interface Checkpoint {
  readonly version: 1;
  /** Hash of everything that decides which items come back (URL, params, strategy, shards, format). */
  readonly fingerprint: string;
  /** Output file (absolute) or `null` for stdout. */
  readonly output: string | null;
  readonly format: 'jsonl' | 'csv';
  /** Bytes of output that hold acknowledged pages. */
  readonly offset: number;
  /** Encoder state (CSV column list). */
  readonly encoder: unknown;
  /** Items and pages written so far (for progress and `--limit`). */
  readonly items: number;
  readonly pages: number;
  /** Total item count if the API reported one. */
  readonly total: number | null;
  readonly shards: readonly ShardCheckpoint[];
  /** ISO time of the save, for people reading the file. */
  readonly savedAt: string;
}

/**
 * Checkpoint path: beside the output (`<out>.pagewise-checkpoint.json`), or
 * for stdout runs `.pagewise/<fingerprint>.checkpoint.json` in the working
 * directory, keyed by the request so two different fetches never collide.
 */
export function checkpointPath(output: string | undefined, fingerprint: string): string {
  if (output !== undefined) return `${resolve(output)}.pagewise-checkpoint.json`;
  return resolve(join('.pagewise', `${fingerprint.slice(0, 16)}.checkpoint.json`));
}

/** Stable hash of the parts of a request that decide its items. */
export function fingerprintOf(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Saves atomically: a temp file is written and fsynced, then renamed over the
 * old one, so a kill at any instant leaves either the old or the new
 * checkpoint, never a torn one.
 */
export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(checkpoint, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Reads a checkpoint; `undefined` when there is none. Throws when it is unreadable. */
export function loadCheckpoint(path: string): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<Checkpoint>;
  if (parsed.version !== 1 || !Array.isArray(parsed.shards) || typeof parsed.offset !== 'number') {
    throw new Error(`checkpoint ${path} is not a pagewise checkpoint (version 1)`);
  }
  return parsed as Checkpoint;
}

/** Removes the checkpoint after a complete run. */
export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.tmp`, { force: true });
}
