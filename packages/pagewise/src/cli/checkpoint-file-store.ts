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
import type { Checkpoint, CheckpointStore, JsonValue } from '../client/index.js';

/**
 * The CLI's own progress, saved by the client inside each checkpoint (its
 * `note`), in the same atomic write as the walk state.
 *
 * Contract: the first `offset` bytes of the output hold exactly the items of
 * the pages the checkpoint's state has moved past.
 */
export interface OutputNote {
  /** Bytes of output covered by the checkpoint. */
  readonly offset: number;
  /** Encoder state (the CSV column list, or `null`). */
  readonly encoder: JsonValue;
  readonly items: number;
  readonly pages: number;
  readonly total: number | null;
  readonly format: 'jsonl' | 'csv';
  /** Absolute output path, or `null` for stdout. */
  readonly output: string | null;
  /** Hash of URL, parameters, pagination flags, format and limit: a resume must match it. */
  readonly request: string;
  /**
   * `started`: written before a fresh run touches its output file (offset 0,
   * no walk state yet), so an output file always has a checkpoint that
   * explains it; `running`: saved by the client after each acknowledged
   * page; `complete`: the list was read to its end (or `--limit`) and the
   * output is final, kept so that `--resume` can say so. Absent: `running`.
   */
  readonly phase?: 'started' | 'running' | 'complete';
}

/**
 * Checkpoint path: beside the output (`<out>.pagewise-checkpoint.json`), or
 * for stdout runs `.pagewise/<hash>.checkpoint.json` in the working
 * directory, keyed by URL, parameters and pagination flags so two different
 * fetches never share one.
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
 * A client `CheckpointStore` that is exactly one file (the key is ignored:
 * one fetch, one file). `save` writes a temp file, fsyncs it and renames it
 * over the old one, so a kill at any instant leaves the old or the new
 * checkpoint, never a torn one.
 */
export class CheckpointFileStore implements CheckpointStore {
  /** The checkpoint file. */
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async load(): Promise<Checkpoint | undefined> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
    return JSON.parse(text) as Checkpoint;
  }

  async save(_key: string, checkpoint: Checkpoint): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(checkpoint, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
  }

  async delete(): Promise<void> {
    rmSync(this.path, { force: true });
    rmSync(`${this.path}.tmp`, { force: true });
  }
}
