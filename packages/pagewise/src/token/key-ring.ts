import {
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  timingSafeEqual,
} from 'node:crypto';
import { TokenConfigError } from './token-config-error.js';

/** A key as given to a {@link KeyRing}: a public id and 32 secret bytes. */
export interface TokenKey {
  /** Public identifier, carried in clear in every token: 1-32 of `A-Z a-z 0-9 . _ -`. Short ids make short tokens. */
  readonly id: string;
  /** 32 random bytes (AES-256). */
  readonly key: Uint8Array;
}

/** Format version written in the first byte of every token. */
export const TOKEN_VERSION = 1;

/** Bytes of each keyed binding hash (scope, query) inside the payload. */
export const BINDING_HASH_SIZE = 8;

const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
const BINDING_CACHE_LIMIT = 4096;
const ENC_INFO = 'pagewise token v1 aes-256-gcm';
const MAC_INFO = 'pagewise token v1 binding hmac';

/**
 * Everything derived from one key, computed once when the key is added so
 * that sealing and opening never re-derive. The raw key is not kept.
 *
 * @internal
 */
export interface KeyEntry {
  readonly id: string;
  /** Version byte, id length, id: the clear header, also the GCM additional data. */
  readonly header: Buffer;
  /** AES-256-GCM key, HKDF-derived from the configured key (a KeyObject: twice as fast per cipher as a Buffer). */
  readonly encKey: KeyObject;
  /** Keyed, truncated hash of the scope (`s`) or query (`q`) fingerprint. */
  bindingHash(kind: 's' | 'q', value: string): Buffer;
  /** SHA-256 of the encryption key, to spot the same key under two ids without keeping it. */
  readonly check: Buffer;
}

interface KeyRingState {
  /** Oldest first; the last entry seals. */
  entries: KeyEntry[];
  byId: Map<string, KeyEntry>;
}

let stateOf: (ring: KeyRing) => KeyRingState;

/**
 * The keys page tokens are sealed and opened with. The newest key (the last
 * one in {@link KeyRing.ids}) seals; every key in the ring opens.
 *
 * Rotation across replicas without a failed request: (1) add the new key
 * everywhere as a non-sealing key (`addKey(id, key, { seal: false })`, or put
 * it *first* in `PAGEWISE_TOKEN_KEYS`), so every replica can open it; (2) make
 * it the sealing key (put it last); (3) once the old key's tokens have
 * expired (TTL + clock skew), retire the old key.
 *
 * The ring is mutable on purpose: a running server rotates by calling
 * {@link KeyRing.addKey} / {@link KeyRing.retireKey} on the ring its
 * {@link TokenCodec} holds, and the next seal/open sees the change.
 * Keys never leave the ring: `toString()`, `toJSON()` and `util.inspect`
 * show the ids only.
 *
 * @example
 * ```ts
 * const ring = new KeyRing([{ id: 'k1', key: randomBytes(32) }]);
 * ring.addKey('k2', randomBytes(32)); // k2 seals from now on, k1 still opens
 * ring.retireKey('k1');               // tokens sealed with k1 now fail with `unknown_key`
 * ```
 */
export class KeyRing {
  readonly #state: KeyRingState = { entries: [], byId: new Map() };

  static {
    stateOf = (ring) => ring.#state;
  }

  /**
   * @param keys - At least one key, oldest first: the last one seals.
   * @throws TokenConfigError when a key id is invalid or repeated, a key is not 32 bytes, or the same key appears twice.
   */
  constructor(keys: readonly TokenKey[]) {
    if (!Array.isArray(keys) || keys.length === 0) {
      throw new TokenConfigError(
        'A KeyRing needs at least one key; generate one with generateKeySpec().',
      );
    }
    for (const k of keys) this.addKey(k.id, k.key);
  }

  /**
   * Adds a key. By default it becomes the newest and seals from now on;
   * older keys still open. With `{ seal: false }` it is added as the oldest
   * key: it opens tokens but does not seal (step 1 of a rotation).
   *
   * @throws TokenConfigError when `id` is invalid or already present, `key` is not 32 bytes, or it is already in the ring under another id.
   */
  addKey(id: string, key: Uint8Array, options?: { readonly seal?: boolean }): this {
    if (typeof id !== 'string' || !KEY_ID_PATTERN.test(id)) {
      throw new TokenConfigError(
        `Invalid token key id ${JSON.stringify(String(id)).slice(0, 40)}: use 1-32 characters of A-Z a-z 0-9 . _ -`,
      );
    }
    const state = this.#state;
    if (state.byId.has(id)) {
      throw new TokenConfigError(
        `Token key id '${id}' is already in the key ring; key ids must be unique.`,
      );
    }
    if (!(key instanceof Uint8Array) || key.length !== 32) {
      const size = key instanceof Uint8Array ? `${key.length} bytes` : typeof key;
      throw new TokenConfigError(
        `Token key '${id}' must be 32 random bytes (AES-256), got ${size}; generate one with generateKeySpec().`,
      );
    }
    const entry = deriveEntry(id, key);
    for (const other of state.entries) {
      if (timingSafeEqual(other.check, entry.check)) {
        throw new TokenConfigError(
          `Token keys '${other.id}' and '${id}' have the same key material; every key must be distinct.`,
        );
      }
    }
    if (options?.seal === false) state.entries.unshift(entry);
    else state.entries.push(entry);
    state.byId.set(id, entry);
    return this;
  }

  /**
   * Removes a key: tokens it sealed fail with `unknown_key` from now on. If
   * it was the newest, the previous key seals again.
   *
   * @throws TokenConfigError when `id` is not in the ring or is the only key left.
   */
  retireKey(id: string): this {
    const state = this.#state;
    if (!state.byId.has(id)) {
      throw new TokenConfigError(`Token key '${String(id)}' is not in the key ring.`);
    }
    if (state.entries.length === 1) {
      throw new TokenConfigError(
        `Cannot retire '${id}', the only key in the ring: add its successor first.`,
      );
    }
    state.entries = state.entries.filter((e) => e.id !== id);
    state.byId.delete(id);
    return this;
  }

  /** True when a key with this id can open tokens. */
  has(id: string): boolean {
    return this.#state.byId.has(id);
  }

  /** Key ids, oldest first; the last one seals. */
  get ids(): readonly string[] {
    return Object.freeze(this.#state.entries.map((e) => e.id));
  }

  /** The id of the key that seals new tokens. */
  get newestId(): string {
    return this.#state.entries.at(-1)!.id;
  }

  toString(): string {
    return `KeyRing(${this.ids.join(', ')}; newest ${this.newestId})`;
  }

  toJSON(): { ids: readonly string[]; newest: string } {
    return { ids: this.ids, newest: this.newestId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** @internal The key that seals. */
export function sealingKey(ring: KeyRing): KeyEntry {
  return stateOf(ring).entries.at(-1)!;
}

/** @internal The key with this id, if the ring has it. */
export function openingKey(ring: KeyRing, id: string): KeyEntry | undefined {
  return stateOf(ring).byId.get(id);
}

/** @internal True when `value` is a KeyRing of this module (not a look-alike). */
export function isKeyRing(value: unknown): value is KeyRing {
  return value instanceof KeyRing;
}

function deriveEntry(id: string, key: Uint8Array): KeyEntry {
  // Separate subkeys for encryption and for binding hashes (HKDF-SHA256,
  // distinct info strings), so one key never serves two algorithms.
  const encBytes = Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), ENC_INFO, 32));
  const encKey = createSecretKey(encBytes);
  const macKey = createSecretKey(
    Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), MAC_INFO, 32)),
  );
  const idBytes = Buffer.from(id, 'latin1');
  const header = Buffer.alloc(2 + idBytes.length);
  header[0] = TOKEN_VERSION;
  header[1] = idBytes.length;
  idBytes.copy(header, 2);
  // Scopes and query fingerprints repeat a lot (same client walking a
  // list), so their hashes are cached; the cache is bounded and simply
  // cleared when full. UTF-16 input: exact even for unpaired surrogates,
  // which UTF-8 would merge into U+FFFD.
  const caches = { s: new Map<string, Buffer>(), q: new Map<string, Buffer>() };
  return {
    id,
    header,
    encKey,
    check: createHash('sha256').update(encBytes).digest(),
    bindingHash(kind, value) {
      const cache = caches[kind];
      let hash = cache.get(value);
      if (hash === undefined) {
        // The kind letter separates the two domains: a scope never matches a query.
        hash = createHmac('sha256', macKey)
          .update(kind + value, 'utf16le')
          .digest()
          .subarray(0, BINDING_HASH_SIZE);
        if (cache.size >= BINDING_CACHE_LIMIT) cache.clear();
        cache.set(value, hash);
      }
      return hash;
    },
  };
}
