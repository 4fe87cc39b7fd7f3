import type { CycleGuardLimits } from './cycle-guard.js';
import type { FetchContext } from './fetch-page.js';
import type { ItemsReader } from './items-reader.js';
import type { IdWindowRecovery, Preset } from './presets.js';
import type { Strategy } from './strategy.js';

/** A change of the reported total during a walk (page-number drift). */
export interface TotalChange {
  readonly before: number;
  readonly after: number;
  /** Index of the page that reported the new total. */
  readonly index: number;
}

/** How to read one API style, resolved from a preset, a strategy and options. */
export interface ResolvedStyle {
  readonly strategy: Strategy;
  readonly items: ItemsReader;
  readonly itemKey: (item: unknown) => string | undefined;
  readonly recovery: IdWindowRecovery | undefined;
  readonly preset: Pick<Preset, 'isInvalidToken' | 'bodyError'>;
}

/** Everything a walk needs, resolved once by `paginate()`. */
export interface WalkContext {
  readonly base: URL;
  /** `undefined` until detected from the first response (no preset or strategy given). */
  readonly style: ResolvedStyle | undefined;
  /** Builds the style from a first response when `style` is undefined. */
  readonly detect: (body: unknown, headers: Headers) => ResolvedStyle;
  readonly fetch: Omit<FetchContext, 'preset' | 'cursorParams'>;
  readonly guard: CycleGuardLimits;
  readonly onTotalChange: ((change: TotalChange) => void) | undefined;
  readonly concurrency: number;
}
