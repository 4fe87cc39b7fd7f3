import { closeSync, fsyncSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';

/** What an output format turns a page of items into. */
export interface PageEncoder {
  /** Bytes for one page of items (may include a header the first time). */
  encode(items: readonly unknown[]): string;
  /** What must survive a restart to keep encoding the same way (CSV columns); JSON-safe. */
  state(): unknown;
}

/**
 * Where fetched pages go: a file (written, then fsynced, before the page is
 * acknowledged) or stdout. Tracks the byte offset the checkpoint records.
 */
export interface OutputWriter {
  /** Bytes durably written so far (file) or handed to the OS (stdout). */
  readonly offset: number;
  /** Encoder state to store in the checkpoint. */
  encoderState(): unknown;
  /** Writes one page and resolves once it is durable; only then may the next page be requested. */
  writePage(items: readonly unknown[]): Promise<void>;
  /** Releases the file descriptor. */
  close(): void;
}

/** Where to write and, when resuming, where the previous run's last acknowledged page ended. */
export interface OutputTarget {
  /** File path; `undefined` for stdout. */
  readonly path: string | undefined;
  /** On resume: the checkpoint's byte offset; the file is cut back to it first. */
  readonly resumeOffset?: number;
}

/**
 * Opens the output. On resume the file is truncated to the checkpoint's
 * offset, which drops a page that was half written (or written but not yet
 * checkpointed) when the previous run was killed: that page is fetched again.
 */
export function openOutput(target: OutputTarget, encoder: PageEncoder): OutputWriter {
  if (target.path === undefined) return new StdoutWriter(encoder);
  return new FileWriter(target.path, target.resumeOffset, encoder);
}

class FileWriter implements OutputWriter {
  readonly #fd: number;
  readonly #encoder: PageEncoder;
  #offset: number;

  constructor(path: string, resumeOffset: number | undefined, encoder: PageEncoder) {
    this.#encoder = encoder;
    if (resumeOffset === undefined) {
      this.#fd = openSync(path, 'w');
      this.#offset = 0;
    } else {
      const size = statSync(path, { throwIfNoEntry: false })?.size;
      if (size === undefined || size < resumeOffset) {
        throw new Error(
          `output ${path} is shorter (${size ?? 'missing'}) than the checkpoint says (${resumeOffset} bytes); it was changed since the interrupted run, so it cannot be resumed safely`,
        );
      }
      this.#fd = openSync(path, 'r+');
      ftruncateSync(this.#fd, resumeOffset);
      fsyncSync(this.#fd);
      this.#offset = resumeOffset;
    }
  }

  get offset(): number {
    return this.#offset;
  }

  encoderState(): unknown {
    return this.#encoder.state();
  }

  async writePage(items: readonly unknown[]): Promise<void> {
    const bytes = Buffer.from(this.#encoder.encode(items), 'utf8');
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(
        this.#fd,
        bytes,
        written,
        bytes.length - written,
        this.#offset + written,
      );
    }
    // Durable before acknowledged: a crash after this line loses nothing.
    fsyncSync(this.#fd);
    this.#offset += bytes.length;
  }

  close(): void {
    closeSync(this.#fd);
  }
}

/** The reader of stdout went away (EPIPE): not a failure, the run just ends. */
export class StdoutClosedError extends Error {
  constructor() {
    super('stdout was closed by its reader');
    this.name = 'StdoutClosedError';
  }
}

class StdoutWriter implements OutputWriter {
  readonly #encoder: PageEncoder;
  #offset = 0;

  constructor(encoder: PageEncoder) {
    this.#encoder = encoder;
    // The error also reaches the write callback; without a listener it would crash the process.
    process.stdout.on('error', () => {});
  }

  get offset(): number {
    return this.#offset;
  }

  encoderState(): unknown {
    return this.#encoder.state();
  }

  writePage(items: readonly unknown[]): Promise<void> {
    const text = this.#encoder.encode(items);
    if (text === '') return Promise.resolve();
    this.#offset += Buffer.byteLength(text, 'utf8');
    // The write callback fires once the OS has the bytes: the most a pipe can promise.
    return new Promise((resolve, reject) => {
      process.stdout.write(text, (error) => {
        if (!error) resolve();
        // `| head` closed the pipe: the reader has all it wants.
        else if ((error as { code?: unknown }).code === 'EPIPE') reject(new StdoutClosedError());
        else reject(error);
      });
    });
  }

  close(): void {}
}
