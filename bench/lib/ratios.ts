/** One measured server on one page (a row of bench:server's table). */
export interface ServerRow {
  readonly db: string;
  readonly list: string;
  readonly depth: 'first' | 'deep';
  readonly server: string;
  readonly rps: number;
  /** CPU time of the serving process per request (µs), when measured. */
  readonly cpuUs?: number | undefined;
}

/** Ratios by database, list and page depth, with their minimum. */
export interface RatioFigures {
  /** The smallest ratio measured (what a goal is judged by); `null` when nothing was measured. */
  readonly min: number | null;
  /** `byDb[db][list][depth]`. */
  readonly byDb: Record<string, Record<string, Partial<Record<'first' | 'deep', number>>>>;
}

/**
 * `server`'s req/s over `baseline`'s (or, with `metric: 'cpu'`, `baseline`'s
 * CPU per request over `server`'s, so that above 1 still means faster),
 * measured on the same database, list and page depth, for every page both
 * were measured on, to three decimals.
 */
export function ratiosTo(
  rows: readonly ServerRow[],
  server: string,
  baseline: string,
  metric: 'rps' | 'cpu' = 'rps',
): RatioFigures {
  const byDb: RatioFigures['byDb'] = {};
  let min: number | null = null;
  for (const r of rows) {
    if (r.server !== server) continue;
    const base = rows.find(
      (b) => b.server === baseline && b.db === r.db && b.list === r.list && b.depth === r.depth,
    );
    if (base === undefined) continue;
    const ratio = metric === 'rps' ? quotient(r.rps, base.rps) : quotient(base.cpuUs, r.cpuUs);
    if (ratio === undefined) continue;
    const lists = byDb[r.db] ?? {};
    byDb[r.db] = lists;
    lists[r.list] = { ...lists[r.list], [r.depth]: ratio };
    min = min === null ? ratio : Math.min(min, ratio);
  }
  return { min, byDb };
}

/** `server`'s deep-page req/s over its first-page req/s, per database and list. */
export function deepOverFirst(
  rows: readonly ServerRow[],
  server: string,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const deep of rows) {
    if (deep.server !== server || deep.depth !== 'deep') continue;
    const first = rows.find(
      (f) => f.server === server && f.db === deep.db && f.list === deep.list && f.depth === 'first',
    );
    if (first === undefined || first.rps <= 0) continue;
    out[deep.db] = { ...out[deep.db], [deep.list]: +(deep.rps / first.rps).toFixed(3) };
  }
  return out;
}

function quotient(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || !(b > 0)) return undefined;
  return +(a / b).toFixed(3);
}
