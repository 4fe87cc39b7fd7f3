import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint, CheckpointStore } from './checkpoint-store.js';
import { CheckpointError } from './client-errors.js';

/**
 * Checkpoints as JSON files in a directory, one per key. A save writes a
 * temporary file, fsyncs it, renames it over the old one and fsyncs the
 * directory: a process killed at any moment leaves the old or the new
 * checkpoint, never a torn one.
 */
export class FileCheckpointStore implements CheckpointStore {
  readonly #dir: string;

  /** @param dir Directory of the checkpoint files (created on first save). */
  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Path of the file holding `key`. */
  pathOf(key: string): string {
    return join(this.#dir, `${encodeURIComponent(key)}.checkpoint.json`);
  }

  async load(key: string): Promise<Checkpoint | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.pathOf(key), 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(raw) as Checkpoint;
    } catch (error) {
      throw new CheckpointError(`${this.pathOf(key)} is not valid JSON`, { cause: error });
    }
  }

  async save(key: string, checkpoint: Checkpoint): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const target = this.pathOf(key);
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const file = await open(temp, 'w');
    try {
      await file.writeFile(JSON.stringify(checkpoint));
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

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: { code?: unknown }) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
