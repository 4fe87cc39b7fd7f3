/**
 * A set of strings that remembers at most `capacity` values, forgetting the
 * oldest first. A ring buffer tracks insertion order; membership is an
 * open-addressing hash table (linear probing, backward-shift deletion) that
 * only grows up to twice the capacity and is then reused forever.
 *
 * Why not a `Set`: the guards add and evict a value per item, and a `Set`
 * that keeps deleting rebuilds its hash table every few thousand deletions.
 * At the default 10,000 keys that table is large enough to be allocated
 * straight in the old generation, so streaming 1M items piled up tens of MiB
 * of dead tables between full GCs (see bench/client.ts). Evicting through
 * `set.values().next()` instead degrades badly once many entries have been
 * deleted from the front of a large `Set`.
 */
export class BoundedSet {
  readonly #ring: (string | undefined)[];
  readonly #maxSlots: number;
  #slots: (string | undefined)[];
  #hashes: Int32Array;
  #at = 0;
  #size = 0;

  constructor(capacity: number) {
    const cap = Math.max(1, capacity);
    this.#ring = new Array<string | undefined>(cap);
    // Load factor at most 1/2 once full; start small so a large capacity costs nothing up front.
    this.#maxSlots = powerOfTwoAtLeast(cap * 2);
    const initial = Math.min(this.#maxSlots, 64);
    this.#slots = new Array<string | undefined>(initial).fill(undefined);
    this.#hashes = new Int32Array(initial);
  }

  has(value: string): boolean {
    return this.#find(value, hashString(value)) >= 0;
  }

  /** Adds `value` (no-op when present), evicting the oldest value when full. */
  add(value: string): void {
    const hash = hashString(value);
    if (this.#find(value, hash) >= 0) return;
    const old = this.#ring[this.#at];
    if (old !== undefined) this.#delete(old);
    this.#ring[this.#at] = value;
    this.#at = (this.#at + 1) % this.#ring.length;
    if ((this.#size + 1) * 2 > this.#slots.length && this.#slots.length < this.#maxSlots) {
      this.#grow();
    }
    this.#insert(value, hash);
  }

  clear(): void {
    this.#slots.fill(undefined);
    this.#ring.fill(undefined);
    this.#at = 0;
    this.#size = 0;
  }

  get size(): number {
    return this.#size;
  }

  #find(value: string, hash: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = slots[i];
      if (slot === undefined) return -1;
      if (slot === value) return i;
    }
  }

  #insert(value: string, hash: number): void {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let i = hash & mask;
    while (slots[i] !== undefined) i = (i + 1) & mask;
    slots[i] = value;
    this.#hashes[i] = hash;
    this.#size++;
  }

  #delete(value: string): void {
    const slots = this.#slots;
    const hashes = this.#hashes;
    const mask = slots.length - 1;
    let hole = this.#find(value, hashString(value));
    if (hole < 0) return;
    // Backward-shift deletion: pull later entries of the probe run into the hole, so lookups
    // never need tombstones and the table never has to be rebuilt.
    for (let j = (hole + 1) & mask; slots[j] !== undefined; j = (j + 1) & mask) {
      const home = (hashes[j] as number) & mask;
      const homeInGap = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (homeInGap) continue;
      slots[hole] = slots[j];
      hashes[hole] = hashes[j] as number;
      hole = j;
    }
    slots[hole] = undefined;
    this.#size--;
  }

  #grow(): void {
    const oldSlots = this.#slots;
    const oldHashes = this.#hashes;
    const length = Math.min(this.#maxSlots, oldSlots.length * 2);
    this.#slots = new Array<string | undefined>(length).fill(undefined);
    this.#hashes = new Int32Array(length);
    this.#size = 0;
    for (let i = 0; i < oldSlots.length; i++) {
      const slot = oldSlots[i];
      if (slot !== undefined) this.#insert(slot, oldHashes[i] as number);
    }
  }
}

function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so linear probing sees spread-out bits. */
function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
