import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Checkpoint, CheckpointStore } from '../checkpoint-store.js';
import { CheckpointError, ClientOptionsError } from '../client-errors.js';

/** Options of {@link FileCheckpointStore}. */
export interface FileCheckpointStoreOptions {
  /**
   * Name of the file, inside the store's directory, that holds `key`'s
   * checkpoint. Return a constant to keep a walk in one well-known file (the
   * `pagewise fetch` CLI keeps `<output>.pagewise-checkpoint.json` beside
   * its output). Must be a plain file name, without a directory.
   * @default (key) => `${encodeURIComponent(key)}.checkpoint.json`
   */
  readonly fileName?: (key: string) => string;
}

const defaultFileName = (key: string): string => `${encodeURIComponent(key)}.checkpoint.json`;

/**
 * Checkpoints as JSON files in a directory, one per key (Node only: subpath
 * `pagewise/client/node`). A save writes a temporary file, fsyncs it,
 * renames it over the old one and fsyncs the directory: a process killed at
 * any moment leaves the old or the new checkpoint, never a torn one.
 *
 * @example
 * ```ts
 * import { paginate } from 'pagewise/client';
 * import { FileCheckpointStore } from 'pagewise/client/node';
 *
 * const store = new FileCheckpointStore('.pagewise/checkpoints');
 * const users = paginate('https://api.zoom.us/v2/users', {
 *   preset: 'zoom',
 *   checkpoint: { store, key: 'zoom-users' },
 *   resume: true,
 * });
 * ```
 */
export class FileCheckpointStore implements CheckpointStore {
  readonly #dir: string;
  readonly #fileName: (key: string) => string;

  /**
   * @param dir Directory of the checkpoint files (created on first save).
   * @param options File naming.
   */
  constructor(dir: string, options: FileCheckpointStoreOptions = {}) {
    this.#dir = dir;
    this.#fileName = options.fileName ?? defaultFileName;
  }

  /** Path of the file holding `key`. */
  pathOf(key: string): string {
    const name = this.#fileName(key);
    if (name === '' || name === '.' || name === '..' || basename(name) !== name) {
      throw new ClientOptionsError(
        `checkpoint fileName for key "${key}" returned "${name}": return a plain file name, the directory is the store's`,
      );
    }
    return join(this.#dir, name);
  }

  async load(key: string): Promise<Checkpoint | undefined> {
    const path = this.pathOf(key);
    let raw: string;
    try {
      raw = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(raw) as Checkpoint;
    } catch (error) {
      throw new CheckpointError(`${path} is not valid JSON`, { cause: error });
    }
  }

  async save(key: string, checkpoint: Checkpoint): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(this.#dir, { recursive: true });
    // A name of its own per save: two processes saving one key never share a temp file.
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const file = await open(temp, 'w');
    try {
      // Indented: people read checkpoints to see where a walk stopped.
      await file.writeFile(`${JSON.stringify(checkpoint, null, 2)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
    // Make the rename itself durable.
    const dir = await open(this.#dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** Deletes `key`'s checkpoint and any temporary file a killed save left beside it. */
  async delete(key: string): Promise<void> {
    const target = this.pathOf(key);
    const prefix = `${basename(target)}.`;
    const names = await readdir(this.#dir).catch((error: { code?: unknown }) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const leftovers = names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'));
    for (const path of [target, ...leftovers.map((n) => join(this.#dir, n))]) {
      await unlink(path).catch((error: { code?: unknown }) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }
}
