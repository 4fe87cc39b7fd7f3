/** Rates of the churn writer, in rows per second across all tables. */
export interface ChurnRates {
  /** Rows inserted per second. @default 0 */
  readonly insertsPerSec?: number;
  /** Churn-inserted rows deleted per second (seeded rows are never deleted). @default 0 */
  readonly deletesPerSec?: number;
  /** Rows updated per second (non-key columns only, any row). @default 0 */
  readonly updatesPerSec?: number;
}

/** Validated rates. */
export type ResolvedChurnRates = Required<ChurnRates>;

/**
 * Checks and completes churn rates.
 * @throws RangeError naming the bad field.
 */
export function normalizeChurnRates(input: unknown): ResolvedChurnRates {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RangeError('churn must be a JSON object');
  }
  const o = input as Record<string, unknown>;
  const known = ['insertsPerSec', 'deletesPerSec', 'updatesPerSec'];
  for (const key of Object.keys(o)) {
    if (!known.includes(key))
      throw new RangeError(`unknown churn field "${key}"; known: ${known.join(', ')}`);
  }
  const rate = (key: string): number => {
    const v = o[key] ?? 0;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 10_000) {
      throw new RangeError(`churn ${key} must be a number from 0 to 10000`);
    }
    return v;
  };
  return Object.freeze({
    insertsPerSec: rate('insertsPerSec'),
    deletesPerSec: rate('deletesPerSec'),
    updatesPerSec: rate('updatesPerSec'),
  });
}
