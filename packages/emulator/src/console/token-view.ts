import {
  type CursorValue,
  type InspectExpectation,
  isTokenError,
  type TokenInspection,
} from 'pagewise/token';
import type { EmulatorContext } from '../emulator-context.js';

/** One cursor value, typed and named, in JSON. */
export interface CursorValueView {
  readonly name: string;
  readonly type: 'number' | 'bigint' | 'string' | 'boolean' | 'null' | 'timestamp';
  /** bigints and timestamps as text; a number that is a time (ms) is also given as ISO in `time`. */
  readonly value: string | number | boolean | null;
  readonly time?: string;
}

/** What the console shows of an opened token. */
export interface TokenView {
  readonly keyId: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly ttlSeconds: number;
  /** Seconds left before expiry (negative once expired; open() allows the clock skew on top). */
  readonly expiresInSeconds: number;
  readonly expired: boolean;
  readonly scope: TokenInspection['scope'];
  readonly query: TokenInspection['query'];
  readonly refusal: TokenInspection['refusal'];
  /** The principal whose scope the token is bound to, when it is one the check was made against. */
  readonly boundPrincipal: string | null;
  readonly direction: 'after' | 'before';
  readonly keys: readonly CursorValueView[];
  readonly window: readonly CursorValueView[];
}

/** A token the codec refused to open at all (forged, tampered, unknown key, malformed). */
export interface RefusedTokenView {
  readonly refused: { readonly code: string; readonly message: string };
}

/** Names of a list's cursor values, when the list is known. */
export interface CursorNames {
  readonly keys?: readonly string[];
  readonly window?: readonly string[];
}

/** Plausible ms timestamps (2000 to 2100) get an ISO rendering beside the number. */
const MS_2000 = 946_684_800_000;
const MS_2100 = 4_102_444_800_000;

/**
 * Opens `token` with the codec's `inspect` (admin only) and shapes it for
 * the console: typed, named values, ISO times, and whether it is bound to
 * `expected` (the scope of `principal` and the query of a walked request).
 */
export function tokenView(
  ctx: EmulatorContext,
  token: string,
  expected: InspectExpectation,
  names: CursorNames,
  principal?: string,
): TokenView | RefusedTokenView {
  let seen: TokenInspection;
  try {
    seen = ctx.codec.inspect(token, expected);
  } catch (err) {
    if (isTokenError(err)) return { refused: { code: err.code, message: err.message } };
    throw err;
  }
  const now = ctx.now();
  return {
    keyId: seen.keyId,
    issuedAt: new Date(seen.issuedAtMs).toISOString(),
    expiresAt: new Date(seen.expiresAtMs).toISOString(),
    ttlSeconds: seen.ttlSeconds,
    expiresInSeconds: Math.round((seen.expiresAtMs - now) / 1000),
    expired: seen.expired,
    scope: seen.scope,
    query: seen.query,
    refusal: seen.refusal,
    boundPrincipal: seen.scope === 'match' ? (principal ?? null) : null,
    direction: seen.cursor.direction,
    keys: seen.cursor.keys.map((v, i) => valueView(names.keys?.[i] ?? `key ${i + 1}`, v)),
    window: seen.cursor.window.map((v, i) => valueView(names.window?.[i] ?? `window ${i + 1}`, v)),
  };
}

function valueView(name: string, v: CursorValue): CursorValueView {
  if (v === null) return { name, type: 'null', value: null };
  switch (typeof v) {
    case 'bigint':
      return { name, type: 'bigint', value: String(v) };
    case 'number':
      return Number.isInteger(v) && v >= MS_2000 && v < MS_2100
        ? { name, type: 'number', value: v, time: new Date(v).toISOString() }
        : { name, type: 'number', value: v };
    case 'string':
      return { name, type: 'string', value: v };
    case 'boolean':
      return { name, type: 'boolean', value: v };
    default:
      return { name, type: 'timestamp', value: v.text };
  }
}
