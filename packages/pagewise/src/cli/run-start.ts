import { statSync } from 'node:fs';
import type { Checkpoint, CheckpointStore } from '../client/index.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import type { OutputNote } from './fetch-checkpoint.js';

/**
 * How a `pagewise fetch` run begins:
 *
 * - `fresh`: from the first page, the output written from its first byte;
 * - `continue`: from the checkpoint; a file output is first cut back to the
 *   note's byte offset. `clientResume` is false when the checkpoint is only
 *   the start record of a run killed before its first page was acknowledged
 *   (the walk then starts at the first page, into the emptied output);
 * - `complete`: the same fetch already read the list to its end (or its
 *   `--limit`) into this output: nothing to do.
 */
export type RunStart =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'continue'; readonly note: OutputNote; readonly clientResume: boolean }
  | { readonly kind: 'complete'; readonly note: OutputNote };

/** What {@link decideRunStart} looks at. */
export interface RunStartInput {
  /** `--resume` was given. */
  readonly resume: boolean;
  /** Output file, `undefined` for stdout. */
  readonly output: string | undefined;
  /** Fingerprint of this fetch's arguments (`OutputNote.request`). */
  readonly request: string;
  /** The checkpoint store of this output, holding it under the key `request` (as the client saves it). */
  readonly store: CheckpointStore;
  /** The checkpoint file, for messages. */
  readonly checkpointPath: string;
}

/**
 * Decides how a run starts. Without `--resume` it is always fresh (the user
 * asked to overwrite). With `--resume` it is safe to use from the very first
 * attempt of a retry loop:
 *
 * - no output file yet (or an empty one) and no checkpoint: fresh;
 * - the output file is gone: fresh (nothing left to protect or continue);
 * - a checkpoint of this fetch: continue it, or `complete` if it finished;
 * - an output file that no checkpoint of this fetch explains (another
 *   command's output, or a checkpoint of other arguments): a usage error
 *   naming the file and the way out; the file is not touched.
 *
 * @throws CliError (usage, exit 2) in the refused cases
 */
export async function decideRunStart(input: RunStartInput): Promise<RunStart> {
  if (!input.resume) return { kind: 'fresh' };
  const { output, store, checkpointPath } = input;
  let saved: Checkpoint | undefined;
  try {
    saved = await store.load(input.request);
  } catch (error) {
    throw usage(
      `cannot read checkpoint ${checkpointPath} (${(error as Error).message}); delete it${output === undefined ? '' : ` and ${output}`} to fetch again`,
    );
  }
  const size = output === undefined ? undefined : sizeOf(output);
  // No output file: nothing can be lost by starting over, whatever checkpoint is left.
  if (output !== undefined && size === undefined) return { kind: 'fresh' };
  if (saved === undefined) {
    if (output === undefined || size === 0) return { kind: 'fresh' };
    throw usage(
      `${output} exists but no checkpoint explains it (no ${checkpointPath}), so it is left untouched; write to another file with -o, or delete ${output} to fetch it again`,
    );
  }
  const note = outputNote(saved);
  if (note === undefined) {
    throw usage(
      `${checkpointPath} is not a pagewise fetch checkpoint, so ${output ?? 'it'} is left untouched; delete it${output === undefined ? '' : ` and ${output}`} to fetch again`,
    );
  }
  if (note.request !== input.request) {
    throw usage(
      `${output ?? 'the checkpoint'} belongs to a fetch with another URL, parameters or pagination flags (${checkpointPath}), so it is left untouched; resume with the original arguments, write to another file with -o, or delete both to start over`,
    );
  }
  const phase = note.phase ?? 'running';
  if (phase === 'complete') {
    if (size !== undefined && size !== note.offset) {
      throw usage(
        `${output} changed after its fetch completed (${size} bytes, the checkpoint says ${note.offset}), so it is left untouched; delete it and ${checkpointPath} to fetch again`,
      );
    }
    return { kind: 'complete', note };
  }
  if (size !== undefined && size < note.offset) {
    throw usage(
      `${output} is shorter (${size} bytes) than its checkpoint says (${note.offset}): it was changed since the interrupted run, so it cannot be resumed safely; delete it and ${checkpointPath} to fetch again`,
    );
  }
  return { kind: 'continue', note, clientResume: phase === 'running' };
}

/** The CLI's note inside a checkpoint, if it has the fields a resume relies on. */
function outputNote(saved: Checkpoint): OutputNote | undefined {
  const note = saved.note as Partial<OutputNote> | null | undefined;
  if (typeof note !== 'object' || note === null) return undefined;
  if (typeof note.offset !== 'number' || !Number.isSafeInteger(note.offset) || note.offset < 0)
    return undefined;
  if (typeof note.request !== 'string') return undefined;
  if (note.format !== 'jsonl' && note.format !== 'csv') return undefined;
  return note as OutputNote;
}

function sizeOf(path: string): number | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return undefined;
  if (!stat.isFile()) throw usage(`${path} is not a regular file; give a file path with -o`);
  return stat.size;
}

function usage(message: string): CliError {
  return new CliError('cli_usage', message, ExitCode.usage);
}
