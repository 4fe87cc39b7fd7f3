import type { WalkState } from './walk-state.js';

/** A JSON value (what checkpoint notes may hold). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** What a checkpoint store keeps for one walk. */
export interface Checkpoint {
  readonly version: 1;
  /** Digest of the request and strategy: a checkpoint only resumes the walk it came from. */
  readonly fingerprint: string;
  /** State to continue from: the page after the last acknowledged one. */
  readonly state: WalkState;
  /** True once the last page was acknowledged: resuming yields nothing. */
  readonly done: boolean;
  /**
   * The consumer's own progress marker, from `checkpoint.note()` at save
   * time (e.g. the byte length of its output file), saved in the same atomic
   * write as the state.
   */
  readonly note?: JsonValue;
  /** ISO-8601 time of the save. */
  readonly savedAt: string;
}

/**
 * Where checkpoints live. `save` must be atomic: after a crash, `load`
 * returns either the previous or the new checkpoint, never a mix.
 */
export interface CheckpointStore {
  load(key: string): Promise<Checkpoint | undefined>;
  save(key: string, checkpoint: Checkpoint): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A store in memory (tests, or resuming within one process). */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly #entries = new Map<string, string>();

  async load(key: string): Promise<Checkpoint | undefined> {
    const raw = this.#entries.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as Checkpoint);
  }

  async save(key: string, checkpoint: Checkpoint): Promise<void> {
    // Stored serialised so callers cannot mutate a saved checkpoint.
    this.#entries.set(key, JSON.stringify(checkpoint));
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}
