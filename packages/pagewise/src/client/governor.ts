import type { RateLimitInfo } from './rate-limit-info.js';

/** A booked request slot: how long to wait before sending it. */
export interface Reservation {
  readonly waitMs: number;
  /** When the limit resets, when known (epoch ms). */
  readonly resetAt: number | null;
  readonly scope: 'daily' | 'window';
}

/**
 * Rate-limit state for one origin and credential, shared by every paginator
 * using them (so parallel walks share one budget). It never sleeps itself:
 * `reserve()` books the next slot and says how long to wait, so callers can
 * compare that with their `maxWait` and sleep with their own clock and signal.
 *
 * Pacing: once `remaining` falls to `paceBelow` × `limit`, requests are spread
 * evenly over the time left to the reset instead of bursting into a 429.
 */
export class RateLimitGovernor {
  readonly #paceBelow: number;
  #blockedUntil = 0;
  #blockScope: 'daily' | 'window' = 'window';
  #limit: number | undefined;
  #remaining: number | undefined;
  #resetAt: number | undefined;
  #nextSlot = 0;

  constructor(options: { paceBelow?: number } = {}) {
    this.#paceBelow = options.paceBelow ?? 0.1;
  }

  /** Books the next request; returns how long it must wait first. */
  reserve(now: number): Reservation {
    let at = now;
    let resetAt: number | null = null;
    let scope: 'daily' | 'window' = 'window';
    if (this.#blockedUntil > now) {
      at = this.#blockedUntil;
      resetAt = this.#blockedUntil;
      scope = this.#blockScope;
    }
    if (this.#resetAt !== undefined && this.#resetAt <= now) {
      // The window has reset: what we knew about it no longer holds.
      this.#remaining = undefined;
      this.#resetAt = undefined;
    }
    if (this.#remaining !== undefined && this.#resetAt !== undefined) {
      if (this.#remaining <= 0) {
        at = Math.max(at, this.#resetAt);
        resetAt = this.#resetAt;
      } else if (this.#remaining <= (this.#limit ?? 10) * this.#paceBelow) {
        at = Math.max(at, this.#nextSlot);
        // Spread what is left evenly over the time from this slot to the reset.
        this.#nextSlot = at + Math.max(0, this.#resetAt - at) / this.#remaining;
        resetAt = this.#resetAt;
      }
      this.#remaining -= 1;
    }
    return { waitMs: Math.max(0, at - now), resetAt, scope };
  }

  /** Learns from a response's rate-limit headers. */
  observe(info: RateLimitInfo): void {
    if (info.limit !== undefined) this.#limit = info.limit;
    if (info.remaining !== undefined && info.resetAt !== undefined) {
      this.#remaining = info.remaining;
      this.#resetAt = info.resetAt;
    }
  }

  /** No request before `until` (a 429 said so). */
  block(until: number, scope: 'daily' | 'window'): void {
    if (until > this.#blockedUntil) {
      this.#blockedUntil = until;
      this.#blockScope = scope;
    }
  }
}
