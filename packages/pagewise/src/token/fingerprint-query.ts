import { createHash } from 'node:crypto';

/** Options of {@link fingerprintQuery}. */
export interface FingerprintQueryOptions {
  /** The list the query is for, e.g. `'GET /2/users/:id/tweets'`: the same parameters on another list give another fingerprint. */
  readonly list: string;
  /**
   * Parameter names left out: the page token parameter itself and, where the
   * style allows changing it between pages, the page size.
   * @default []
   */
  readonly exclude?: readonly string[];
}

/**
 * A canonical fingerprint of a request's query, for {@link TokenBinding.query}:
 * names sorted (by UTF-16 code units), the values of a repeated name kept in
 * their order, excluded names dropped, the list name included. Two queries
 * get the same fingerprint exactly when they ask for the same thing.
 *
 * Returns 43 characters of base64url SHA-256, stable across processes and
 * versions of Node.js. A name given with no value (`[]` or `undefined`)
 * counts as absent, as in `URLSearchParams`; an empty value (`a=`) does not.
 *
 * @example
 * ```ts
 * const query = fingerprintQuery(new URL(req.url, 'http://x').searchParams, {
 *   list: 'GET /2/users/:id/tweets',
 *   exclude: ['pagination_token', 'max_results'],
 * });
 * ```
 */
export function fingerprintQuery(
  params: URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>,
  options: FingerprintQueryOptions,
): string {
  if (typeof options?.list !== 'string') {
    throw new TypeError(
      'fingerprintQuery needs options.list, the name of the list (e.g. "GET /users").',
    );
  }
  const excluded = new Set(options.exclude ?? []);
  const byName = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    if (excluded.has(name)) return;
    const values = byName.get(name);
    if (values === undefined) byName.set(name, [value]);
    else values.push(value);
  };
  if (params instanceof URLSearchParams) {
    for (const [name, value] of params) add(name, value);
  } else {
    for (const name of Object.keys(params)) {
      const value = params[name];
      if (value === undefined) continue;
      if (typeof value === 'string') add(name, value);
      else for (const v of value) add(name, String(v));
    }
  }
  const names = [...byName.keys()].sort();
  // JSON arrays of strings: an unambiguous encoding (no separator a value
  // could contain), hashed with a domain string that versions the scheme.
  const canonical = JSON.stringify([
    'pagewise-query-v1',
    options.list,
    names.map((n) => [n, byName.get(n)]),
  ]);
  let fingerprint = fingerprints.get(canonical);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(canonical, 'utf16le').digest('base64url');
    // Bounded: a burst of distinct queries empties the cache instead of growing it.
    if (canonical.length <= FINGERPRINT_CACHE_KEY_MAX) {
      if (fingerprints.size >= FINGERPRINT_CACHE_LIMIT) fingerprints.clear();
      fingerprints.set(canonical, fingerprint);
    }
  }
  return fingerprint;
}

/** Distinct canonical queries whose fingerprint is kept (a pure function of the text: only saves the hash). */
const FINGERPRINT_CACHE_LIMIT = 1024;
/** Longer canonical queries are hashed every time (the cache holds at most 1024 × 2 KiB of text). */
const FINGERPRINT_CACHE_KEY_MAX = 1024;
const fingerprints = new Map<string, string>();
