import { AsyncLocalStorage } from 'node:async_hooks';
import type { PageTokenCodec } from 'pagewise/engine';
import {
  type InspectExpectation,
  type KeyRing,
  keyRingFromEnv,
  type PageCursor,
  type TokenBinding,
  TokenCodec,
  type TokenInspection,
} from 'pagewise/token';

/** The bindings the codec sealed and opened with while some work ran (see `captureBindings`). */
export interface CapturedBindings {
  readonly sealed: TokenBinding[];
  readonly opened: TokenBinding[];
}

/**
 * The emulator's page-token codec: the token part's `TokenCodec` with a
 * lifetime that the admin API can override at run time (fault
 * `tokenTtlSeconds`), so tests can make tokens expire in a second. For the
 * console it can also inspect a token and tell which bindings a request
 * sealed and opened with.
 */
export class EmulatorCodec implements PageTokenCodec {
  readonly #codec: TokenCodec;
  readonly #defaultTtl: number;
  #ttl: number;
  readonly #capture = new AsyncLocalStorage<CapturedBindings>();
  #capturing = 0;

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
    if (this.#capturing > 0) this.#capture.getStore()?.sealed.push(binding);
    return this.#codec.seal(cursor, binding, { ttlSeconds: this.#ttl });
  }

  open(token: string, binding: TokenBinding): PageCursor {
    if (this.#capturing > 0) this.#capture.getStore()?.opened.push(binding);
    return this.#codec.open(token, binding);
  }

  /** The token part's `TokenCodec.inspect`: admin only (the console), never for API callers. */
  inspect(token: string, expected?: InspectExpectation): TokenInspection {
    return this.#codec.inspect(token, expected);
  }

  /**
   * Runs `work` and collects the exact bindings (scope and the engine's
   * query string) that every seal and open made inside it, including
   * requests it sends with `app.inject()`: the console uses this to tell
   * what a walked list's tokens are bound to without re-deriving the
   * engine's binding. The async context tracking is switched off again
   * when no capture is running, so API traffic pays nothing for it.
   */
  async captureBindings<T>(work: () => PromiseLike<T>): Promise<CapturedBindings & { result: T }> {
    const captured: CapturedBindings = { sealed: [], opened: [] };
    this.#capturing++;
    try {
      // `then` is called inside the context: a lazy thenable (Fastify's inject()
      // starts its request only then) would otherwise start outside it, on await.
      const result = await this.#capture.run(
        captured,
        () => new Promise<T>((resolve, reject) => work().then(resolve, reject)),
      );
      return { ...captured, result };
    } finally {
      if (--this.#capturing === 0) this.#capture.disable();
    }
  }
}
