import { Prng } from '../data/prng.js';
import { normalizeFaultOptions, type ResolvedFaultOptions } from './fault-options.js';

/** What to do to one request. */
export interface FaultDecision {
  /** Wait this long (ms) before answering. */
  readonly delayMs: number;
  /** Destroy the socket instead of answering. */
  readonly reset: boolean;
  /** Answer with this status (the style's error body). */
  readonly errorStatus: number | undefined;
  /** Answer 429 in the style's shape. */
  readonly rateLimited: boolean;
}

const NONE: FaultDecision = Object.freeze({
  delayMs: 0,
  reset: false,
  errorStatus: undefined,
  rateLimited: false,
});

/**
 * Holds the current faults of one emulator process and decides, request by
 * request, which ones hit. Draws from a seeded PRNG (not `Math.random`), so a
 * run with the same seed and request order injects the same faults.
 */
export class FaultInjector {
  #faults: ResolvedFaultOptions;
  #burstLeft: number;
  #prng: Prng;
  readonly #onTtlChange: (ttl: number | undefined) => void;

  constructor(seed: string, initial: unknown, onTtlChange: (ttl: number | undefined) => void) {
    this.#prng = new Prng(`${seed}/faults`);
    this.#onTtlChange = onTtlChange;
    this.#faults = normalizeFaultOptions(initial);
    this.#burstLeft = this.#faults.rateLimitBurst;
    onTtlChange(this.#faults.tokenTtlSeconds);
  }

  /** The faults in force, with the 429 burst still to come. */
  get current(): ResolvedFaultOptions & { readonly rateLimitBurstLeft: number } {
    return { ...this.#faults, rateLimitBurstLeft: this.#burstLeft };
  }

  /**
   * Replaces the faults.
   * @throws RangeError for invalid input.
   */
  set(input: unknown): void {
    this.#faults = normalizeFaultOptions(input);
    this.#burstLeft = this.#faults.rateLimitBurst;
    this.#onTtlChange(this.#faults.tokenTtlSeconds);
  }

  /** Decides the faults for one API request to `path`. */
  decide(path: string): FaultDecision {
    const f = this.#faults;
    if (!path.startsWith(f.pathPrefix)) return NONE;
    const delayMs = f.latencyMs + (f.jitterMs > 0 ? this.#prng.next() * f.jitterMs : 0);
    if (f.resetRate > 0 && this.#prng.chance(f.resetRate)) {
      return { delayMs, reset: true, errorStatus: undefined, rateLimited: false };
    }
    if (this.#burstLeft > 0) {
      this.#burstLeft--;
      return { delayMs, reset: false, errorStatus: undefined, rateLimited: true };
    }
    if (f.errorRate > 0 && this.#prng.chance(f.errorRate)) {
      return { delayMs, reset: false, errorStatus: f.errorStatus, rateLimited: false };
    }
    return delayMs > 0 ? { ...NONE, delayMs } : NONE;
  }
}
