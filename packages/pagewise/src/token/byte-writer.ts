/**
 * Appends bytes to a growing buffer. Integers are LEB128 varints (7 bits per
 * byte), which keep the small numbers a cursor usually holds to one or two
 * bytes.
 *
 * @internal
 */
export class ByteWriter {
  #buf: Buffer;
  #pos = 0;

  constructor(initialSize = 96) {
    this.#buf = Buffer.allocUnsafe(initialSize);
  }

  /** Starts over, keeping the buffer (the codec reuses one writer). */
  reset(): void {
    this.#pos = 0;
  }

  get length(): number {
    return this.#pos;
  }

  #ensure(extra: number): void {
    const needed = this.#pos + extra;
    if (needed <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(needed, this.#buf.length * 2));
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  byte(value: number): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = value;
  }

  /** Unsigned integer up to `Number.MAX_SAFE_INTEGER`. */
  varint(value: number): void {
    this.#ensure(8);
    let n = value;
    // Division, not bit shifts: shifts would truncate to 32 bits.
    while (n >= 0x80) {
      this.#buf[this.#pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.#buf[this.#pos++] = n;
  }

  bytes(value: Uint8Array): void {
    this.#ensure(value.length);
    this.#buf.set(value, this.#pos);
    this.#pos += value.length;
  }

  /** Length-prefixed UTF-8 text (the caller guarantees it is well formed). */
  utf8(value: string): void {
    const size = Buffer.byteLength(value, 'utf8');
    this.varint(size);
    this.#ensure(size);
    this.#pos += this.#buf.write(value, this.#pos, 'utf8');
  }

  /** Length-prefixed UTF-16 code units: keeps unpaired surrogates exactly. */
  utf16(value: string): void {
    const size = value.length * 2;
    this.varint(size);
    this.#ensure(size);
    this.#pos += this.#buf.write(value, this.#pos, 'utf16le');
  }

  float64(value: number): void {
    this.#ensure(8);
    this.#buf.writeDoubleBE(value, this.#pos);
    this.#pos += 8;
  }

  /** The bytes written so far (a view, valid until the next write). */
  finish(): Buffer {
    return this.#buf.subarray(0, this.#pos);
  }
}
