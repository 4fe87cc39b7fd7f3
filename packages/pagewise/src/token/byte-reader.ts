/**
 * Thrown by {@link ByteReader} when the bytes end early or hold an
 * impossible value; the codec turns it into a `malformed` TokenError.
 *
 * @internal
 */
export class DecodeError extends Error {
  override name = 'DecodeError';
}

/**
 * Reads what {@link ByteWriter} wrote, checking every bound.
 *
 * @internal
 */
export class ByteReader {
  readonly #buf: Buffer;
  #pos: number;
  readonly #end: number;

  constructor(buf: Buffer, start = 0, end = buf.length) {
    this.#buf = buf;
    this.#pos = start;
    this.#end = end;
  }

  get remaining(): number {
    return this.#end - this.#pos;
  }

  byte(): number {
    if (this.#pos >= this.#end) throw new DecodeError('unexpected end of data');
    return this.#buf[this.#pos++]!;
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    // 8 bytes carry 56 bits, enough for any safe integer; more is garbage.
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) throw new DecodeError('varint too large');
        return result;
      }
      scale *= 0x80;
    }
    throw new DecodeError('varint too long');
  }

  bytes(size: number): Buffer {
    if (size > this.remaining) throw new DecodeError('unexpected end of data');
    const out = this.#buf.subarray(this.#pos, this.#pos + size);
    this.#pos += size;
    return out;
  }

  /** Big-endian unsigned integer of `size` bytes (0-6), read in place: no subarray. */
  /**
   * Whether the next `expected.length` bytes equal `expected`, in time that
   * does not depend on where they differ; reads them either way. In place:
   * no view is made (this runs twice per opened token).
   */
  equals(expected: Uint8Array): boolean {
    const size = expected.length;
    if (size > this.remaining) throw new DecodeError('unexpected end of data');
    let diff = 0;
    for (let i = 0; i < size; i++) diff |= this.#buf[this.#pos + i]! ^ expected[i]!;
    this.#pos += size;
    return diff === 0;
  }

  uintBE(size: number): number {
    if (size > this.remaining) throw new DecodeError('unexpected end of data');
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 0x100 + this.#buf[this.#pos++]!;
    return n;
  }

  utf8(): string {
    const bytes = this.bytes(this.varint());
    // Strict: a token whose text is not valid UTF-8 was not written by us.
    return UTF8_STRICT.decode(bytes);
  }

  utf16(): string {
    const size = this.varint();
    if (size % 2 !== 0) throw new DecodeError('odd UTF-16 length');
    return this.bytes(size).toString('utf16le');
  }

  float64(): number {
    return this.bytes(8).readDoubleBE(0);
  }
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
