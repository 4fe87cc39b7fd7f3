import { RateLimitGovernor } from './governor.js';
import { sha256Base64Url } from './sha256.js';

/**
 * One {@link RateLimitGovernor} per origin and credential. The key holds the
 * origin and a SHA-256 digest of the `Authorization` header, never the
 * credential itself. Paginators share the process-wide
 * {@link defaultGovernorRegistry} unless given their own (tests do).
 */
export class GovernorRegistry {
  readonly #governors = new Map<string, RateLimitGovernor>();
  readonly #paceBelow: number;
  readonly #maxEntries: number;

  constructor(options: { paceBelow?: number; maxEntries?: number } = {}) {
    this.#paceBelow = options.paceBelow ?? 0.1;
    this.#maxEntries = options.maxEntries ?? 1000;
  }

  /** The governor for `url`'s origin and this `Authorization` value (or none). */
  get(url: URL, authorization: string | null): RateLimitGovernor {
    const key = governorKey(url, authorization);
    let governor = this.#governors.get(key);
    if (governor === undefined) {
      if (this.#governors.size >= this.#maxEntries) {
        // Drop the oldest entry: a bounded map, as processes may talk to many origins.
        const oldest = this.#governors.keys().next().value;
        if (oldest !== undefined) this.#governors.delete(oldest);
      }
      governor = new RateLimitGovernor({ paceBelow: this.#paceBelow });
      this.#governors.set(key, governor);
    }
    return governor;
  }

  /** Number of governors held (diagnostics, tests). */
  get size(): number {
    return this.#governors.size;
  }
}

/**
 * Registry key of `url`'s origin and this `Authorization` value: the origin
 * and the first 22 base64url characters (132 bits) of the value's SHA-256.
 * @internal
 */
export function governorKey(url: URL, authorization: string | null): string {
  const digest = authorization === null ? '-' : sha256Base64Url(authorization).slice(0, 22);
  return `${url.origin} ${digest}`;
}

/** The registry shared by every paginator that is not given one. */
export const defaultGovernorRegistry: GovernorRegistry = new GovernorRegistry();
