import type { CheckpointStore, JsonValue } from './checkpoint-store.js';

/** The `checkpoint` option of `paginate()`. */
export interface CheckpointOptions {
  readonly store: CheckpointStore;
  /** Names this walk in the store. */
  readonly key: string;
  /**
   * The consumer's own progress, saved atomically with each checkpoint (e.g.
   * its output file's length). Read it back with `readCheckpoint()` before
   * resuming, to cut the output to what the checkpoint covers.
   */
  readonly note?: () => JsonValue | Promise<JsonValue>;
}
