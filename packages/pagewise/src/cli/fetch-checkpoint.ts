import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import type { JsonValue } from '../client/index.js';
import { FileCheckpointStore } from '../client/node/index.js';

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

/** Where one `pagewise fetch` keeps its checkpoint. */
export interface FetchCheckpoint {
  /** The client's file store, holding this run's checkpoint in exactly one file. */
  readonly store: FileCheckpointStore;
  /** Key of the run in the store (the request fingerprint). */
  readonly key: string;
  /** The checkpoint file. */
  readonly path: string;
}

/**
 * The checkpoint of a fetch: beside the output
 * (`<out>.pagewise-checkpoint.json`), or for stdout runs
 * `.pagewise/<hash>.checkpoint.json` in the working directory, keyed by URL,
 * parameters and pagination flags so two different fetches never share one.
 * The client's {@link FileCheckpointStore} writes it (temp file, fsync,
 * rename, fsync of the directory).
 */
export function fetchCheckpoint(output: string | undefined, fingerprint: string): FetchCheckpoint {
  const path =
    output === undefined
      ? resolve(join('.pagewise', `${fingerprint.slice(0, 16)}.checkpoint.json`))
      : `${resolve(output)}.pagewise-checkpoint.json`;
  const store = new FileCheckpointStore(dirname(path), { fileName: () => basename(path) });
  return { store, key: fingerprint, path };
}

/** Stable hash of the parts of a request that decide its items. */
export function fingerprintOf(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
