/**
 * A placeholder put into a query instead of a parameter value while the
 * query is compiled once, so the compiled SQL can be reused with new values.
 * @internal
 */
export class ParameterSlot {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}

/**
 * Where a cached query's own parameter comes from, recorded when the shape
 * is first compiled: a boundary key, a window bound, the limit or the offset.
 * Put into the builders in place of the value, so filling a cached shape
 * needs no query building at all.
 * @internal
 */
export class ValueRef {
  readonly source: 'key' | 'window' | 'limit' | 'offset';
  readonly index: number;
  constructor(source: 'key' | 'window' | 'limit' | 'offset', index = 0) {
    this.source = source;
    this.index = index;
  }
}

/**
 * Compiled SQL of one query shape: `slots[i]` is the index in `refs` of the
 * source's own value for parameter `i`, or -1 for the next parameter of the
 * base query.
 * @internal
 */
export interface SqlTemplate {
  readonly sql: string;
  readonly slots: readonly number[];
  readonly refs: readonly ValueRef[];
}

/**
 * Process-wide cache of compiled query shapes, keyed by the base query's SQL
 * and everything else that shapes the text (sort, direction, NULL positions,
 * window operators, OFFSET). Bounded; the least recently used shape goes
 * first. Sources are usually built per request, so the cache cannot live in
 * one source.
 * @internal
 */
export class SqlTemplateCache {
  readonly #entries = new Map<string, { template: SqlTemplate; used: number }>();
  readonly #max: number;
  #clock = 0;

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string): SqlTemplate | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    // A use stamp instead of moving the entry to the end of the Map: a hit
    // writes nothing into the table (no tombstones, no rehashing).
    hit.used = ++this.#clock;
    return hit.template;
  }

  set(key: string, template: SqlTemplate): void {
    this.#entries.set(key, { template, used: ++this.#clock });
    if (this.#entries.size > this.#max) {
      // The least recently used entry: a scan, only when a new shape overflows.
      let oldest: string | undefined;
      let oldestUse = Number.POSITIVE_INFINITY;
      for (const [k, entry] of this.#entries) {
        if (entry.used < oldestUse) {
          oldestUse = entry.used;
          oldest = k;
        }
      }
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

/**
 * Builds the parameter list of a cached shape from the base query's
 * parameters (in order) and the request's values, each converted by `bind`.
 * @internal
 */
export function fillTemplate(
  template: SqlTemplate,
  baseParameters: readonly unknown[],
  resolveRef: (ref: ValueRef) => unknown,
): unknown[] {
  const { slots, refs } = template;
  const out = new Array<unknown>(slots.length);
  let next = 0;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    out[i] = slot >= 0 ? resolveRef(refs[slot]!) : baseParameters[next++];
  }
  return out;
}
