/**
 * A set that remembers at most `capacity` values, forgetting the oldest
 * first. A ring buffer tracks insertion order: evicting through
 * `set.values().next()` instead degrades badly once many entries have been
 * deleted from the front of a large `Set`.
 */
export class BoundedSet {
  readonly #set = new Set<string>();
  readonly #ring: (string | undefined)[];
  #at = 0;

  constructor(capacity: number) {
    this.#ring = new Array<string | undefined>(Math.max(1, capacity));
  }

  has(value: string): boolean {
    return this.#set.has(value);
  }

  /** Adds `value` (no-op when present), evicting the oldest value when full. */
  add(value: string): void {
    if (this.#set.has(value)) return;
    const old = this.#ring[this.#at];
    if (old !== undefined) this.#set.delete(old);
    this.#ring[this.#at] = value;
    this.#at = (this.#at + 1) % this.#ring.length;
    this.#set.add(value);
  }

  clear(): void {
    this.#set.clear();
    this.#ring.fill(undefined);
    this.#at = 0;
  }

  get size(): number {
    return this.#set.size;
  }
}
