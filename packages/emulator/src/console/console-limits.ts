import type { EmulatorContext } from '../emulator-context.js';
import type { RateLimitSnapshotEntry } from '../http/api-rate-limiter.js';

/** One row of the console's rate-limit view. */
export interface ConsoleLimitRow extends RateLimitSnapshotEntry {
  /** The principal's name (`owner`, or the name given at creation), when seen in the traffic. */
  readonly principal: string;
}

/** What the rate-limit view shows: the limiter's mode, its clock, and its last state per principal and rule. */
export interface ConsoleLimits {
  readonly now: number;
  readonly mode: string;
  readonly entries: readonly ConsoleLimitRow[];
}

/** The rate-limit view's data, newest update first. */
export function consoleLimits(ctx: EmulatorContext): ConsoleLimits {
  const { entries } = ctx.limiter.snapshot();
  return {
    now: ctx.now(),
    mode: ctx.limiter.mode,
    entries: entries
      .map((e) => ({ ...e, principal: ctx.traffic.nameOf(e.scope) ?? e.scope }))
      .reverse(),
  };
}
