import { ListDefinitionError } from './list-definition-error.js';
import type { PaginatedListOptions } from './list-options.js';
import type { PageTokenCodec } from './page-token-codec.js';
import type { ResolvedSortKey, SortKeyKind, WindowOperator } from './sort-key.js';

/** A window definition with every default resolved. */
export interface ResolvedWindowDefinition {
  readonly name: string;
  readonly column: string;
  readonly field: string;
  readonly op: WindowOperator;
  readonly kind: SortKeyKind;
}

/** A list definition with every default resolved and checked. */
export interface ResolvedListOptions {
  readonly name: string;
  readonly sort: readonly ResolvedSortKey[];
  readonly codec: PageTokenCodec;
  readonly pageSize: {
    readonly default: number;
    readonly min: number;
    readonly max: number;
    readonly oversize: 'clamp' | 'reject';
  };
  readonly windows: readonly ResolvedWindowDefinition[];
  readonly totals: {
    readonly mode: 'none' | 'exact' | 'cached' | 'estimate';
    readonly ttlMs: number;
    readonly maxEntries: number;
  };
  /** `undefined` when page numbers are disabled. */
  readonly pageNumbers: { readonly maxOffset: number } | undefined;
  readonly now: () => number;
}

/** Defaults of {@link PaginatedListOptions}. */
export const defaultListOptions = Object.freeze({
  pageSize: Object.freeze({ default: 10, min: 1, max: 100, oversize: 'reject' as const }),
  totals: Object.freeze({ mode: 'none' as const, ttlMs: 60_000, maxEntries: 1000 }),
  pageNumbers: Object.freeze({ maxOffset: 10_000 }),
});

const OPTION_KEYS = new Set([
  'name',
  'sort',
  'codec',
  'pageSize',
  'windows',
  'totals',
  'pageNumbers',
  'now',
]);
const KINDS: ReadonlySet<string> = new Set(['string', 'number', 'bigint', 'timestamp']);
const OPS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);
const TOTALS: ReadonlySet<string> = new Set(['none', 'exact', 'cached', 'estimate']);

function fail(code: ConstructorParameters<typeof ListDefinitionError>[0], message: string): never {
  throw new ListDefinitionError(code, message);
}

function fieldOf(column: string): string {
  return column.slice(column.lastIndexOf('.') + 1);
}

function positiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    fail('invalid_page_size_limits', `${what} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Validates a list definition once and resolves its defaults, so
 * `page()` reads plain, frozen data.
 *
 * @throws {ListDefinitionError} on any inconsistency, naming what to fix.
 */
export function normalizeListOptions(options: PaginatedListOptions): ResolvedListOptions {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) fail('invalid_option', `unknown list option "${key}"`);
  }
  if (typeof options.name !== 'string' || options.name === '') {
    fail('invalid_option', 'a paginated list needs a non-empty `name`');
  }
  if (!options.codec || typeof options.codec.seal !== 'function') {
    fail('invalid_option', `list "${options.name}" needs a \`codec\` (a TokenCodec)`);
  }
  if (!Array.isArray(options.sort) || options.sort.length === 0) {
    fail('invalid_sort', `list "${options.name}" needs at least one sort key`);
  }
  const seen = new Set<string>();
  const sort = options.sort.map((key, i): ResolvedSortKey => {
    const last = i === options.sort.length - 1;
    if (typeof key.column !== 'string' || key.column === '') {
      fail('invalid_sort', `sort key ${i} of list "${options.name}" has no column`);
    }
    if (seen.has(key.column)) fail('invalid_sort', `sort column "${key.column}" appears twice`);
    seen.add(key.column);
    if (!KINDS.has(key.kind)) {
      fail(
        'invalid_sort',
        `sort key "${key.column}" needs a kind: string, number, bigint or timestamp`,
      );
    }
    const direction = key.direction ?? 'asc';
    if (direction !== 'asc' && direction !== 'desc') {
      fail(
        'invalid_sort',
        `sort key "${key.column}" has direction "${String(direction)}"; use asc or desc`,
      );
    }
    const unique = key.unique ?? false;
    if (last && !unique) {
      fail(
        'invalid_sort',
        `the last sort key of list "${options.name}" ("${key.column}") must be declared unique: ` +
          'add a unique tiebreaker such as the primary key, or rows with equal keys would be skipped or repeated',
      );
    }
    if (!last && unique) {
      fail('invalid_sort', `only the last sort key may be unique; "${key.column}" is not last`);
    }
    const nullable = key.nullable ?? !unique;
    if (unique && nullable) {
      fail('invalid_sort', `the unique sort key "${key.column}" cannot be nullable`);
    }
    return Object.freeze({
      column: key.column,
      field: key.field ?? fieldOf(key.column),
      direction,
      kind: key.kind,
      unique,
      nullable,
    });
  });

  const ps = { ...defaultListOptions.pageSize, ...options.pageSize };
  positiveInt(ps.default, 'pageSize.default');
  positiveInt(ps.min, 'pageSize.min');
  positiveInt(ps.max, 'pageSize.max');
  if (!(ps.min <= ps.default && ps.default <= ps.max)) {
    fail(
      'invalid_page_size_limits',
      `page sizes must satisfy min <= default <= max, got ${ps.min}, ${ps.default}, ${ps.max}`,
    );
  }
  if (ps.oversize !== 'clamp' && ps.oversize !== 'reject') {
    fail('invalid_page_size_limits', `pageSize.oversize must be "clamp" or "reject"`);
  }

  const windows = Object.entries(options.windows ?? {}).map(
    ([name, w]): ResolvedWindowDefinition => {
      if (!w || typeof w.column !== 'string' || w.column === '') {
        fail('invalid_window_definition', `window "${name}" needs a column`);
      }
      if (!OPS.has(w.op))
        fail('invalid_window_definition', `window "${name}" needs op <, <=, > or >=`);
      const kind = w.kind ?? sort.find((k) => k.column === w.column)?.kind;
      if (kind === undefined || !KINDS.has(kind)) {
        fail(
          'invalid_window_definition',
          `window "${name}" needs a kind (no sort key on "${w.column}")`,
        );
      }
      return Object.freeze({
        name,
        column: w.column,
        field: w.field ?? fieldOf(w.column),
        op: w.op,
        kind,
      });
    },
  );

  const totals = { ...defaultListOptions.totals, ...options.totals };
  if (!TOTALS.has(totals.mode)) {
    fail('invalid_option', `totals.mode must be none, exact, cached or estimate`);
  }
  if (!(totals.ttlMs >= 0) || !Number.isSafeInteger(totals.maxEntries) || totals.maxEntries < 1) {
    fail('invalid_option', 'totals.ttlMs must be >= 0 and totals.maxEntries a positive integer');
  }

  let pageNumbers: { maxOffset: number } | undefined;
  if (options.pageNumbers) {
    const maxOffset = options.pageNumbers.maxOffset ?? defaultListOptions.pageNumbers.maxOffset;
    if (!Number.isSafeInteger(maxOffset) || maxOffset < 0) {
      fail('invalid_option', 'pageNumbers.maxOffset must be a non-negative integer');
    }
    pageNumbers = Object.freeze({ maxOffset });
  }

  return Object.freeze({
    name: options.name,
    sort: Object.freeze(sort),
    codec: options.codec,
    pageSize: Object.freeze(ps),
    windows: Object.freeze(windows),
    totals: Object.freeze(totals),
    pageNumbers,
    now: options.now ?? Date.now,
  });
}
