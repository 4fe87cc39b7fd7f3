import type { PageTokenCodec } from 'pagewise/engine';
import {
  type KeyRing,
  keyRingFromEnv,
  type PageCursor,
  type TokenBinding,
  TokenCodec,
} from 'pagewise/token';

/**
 * The emulator's page-token codec: the token part's `TokenCodec` with a
 * lifetime that the admin API can override at run time (fault
 * `tokenTtlSeconds`), so tests can make tokens expire in a second.
 */
export class EmulatorCodec implements PageTokenCodec {
  readonly #codec: TokenCodec;
  readonly #defaultTtl: number;
  #ttl: number;

  constructor(options: {
    tokenKeys: string | undefined;
    ttlSeconds: number;
    now: () => number;
    warn: (m: string) => void;
  }) {
    const ring: KeyRing = keyRingFromEnv(
      { PAGEWISE_TOKEN_KEYS: options.tokenKeys, NODE_ENV: process.env['NODE_ENV'] },
      { warn: options.warn },
    );
    this.#codec = new TokenCodec({
      keyRing: ring,
      ttlSeconds: options.ttlSeconds,
      now: options.now,
    });
    this.#defaultTtl = options.ttlSeconds;
    this.#ttl = options.ttlSeconds;
  }

  /** Lifetime of newly sealed tokens, in seconds. */
  get ttlSeconds(): number {
    return this.#ttl;
  }

  /** Overrides the lifetime of new tokens; `undefined` restores the default. */
  setTtl(ttlSeconds: number | undefined): void {
    this.#ttl = ttlSeconds ?? this.#defaultTtl;
  }

  seal(cursor: PageCursor, binding: TokenBinding): string {
    return this.#codec.seal(cursor, binding, { ttlSeconds: this.#ttl });
  }

  open(token: string, binding: TokenBinding): PageCursor {
    return this.#codec.open(token, binding);
  }
}
