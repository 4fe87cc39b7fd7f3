/**
 * Faults the emulator injects into API responses (never into `/__admin` or
 * `/healthz`). Set at start or with `PUT /__admin/faults`; each `PUT`
 * replaces the whole set (send `{}` to clear).
 */
export interface FaultOptions {
  /** Share of API requests answered with `errorStatus` (0–1). @default 0 */
  readonly errorRate?: number;
  /** Status of injected errors (500–599, or 400–499). @default 503 */
  readonly errorStatus?: number;
  /** Added latency per API request, in ms. @default 0 */
  readonly latencyMs?: number;
  /** Random extra latency, uniform in [0, jitterMs]. @default 0 */
  readonly jitterMs?: number;
  /** Share of API requests whose connection is destroyed without an answer (0–1). @default 0 */
  readonly resetRate?: number;
  /** The next N API requests get a 429 in the style's shape, whatever the limiter says. @default 0 */
  readonly rateLimitBurst?: number;
  /** Page-token lifetime override in seconds (e.g. 1 to test expiry). @default the emulator's `tokenTtlSeconds` */
  readonly tokenTtlSeconds?: number;
  /** Only requests whose path starts with this prefix are affected (e.g. `/2/`). @default all API routes */
  readonly pathPrefix?: string;
}

const KNOWN = new Set([
  'errorRate',
  'errorStatus',
  'latencyMs',
  'jitterMs',
  'resetRate',
  'rateLimitBurst',
  'tokenTtlSeconds',
  'pathPrefix',
]);

/** Validated faults with defaults. */
export type ResolvedFaultOptions = Required<Omit<FaultOptions, 'tokenTtlSeconds'>> & {
  readonly tokenTtlSeconds: number | undefined;
};

/**
 * Checks and completes fault options.
 * @throws RangeError naming the bad field.
 */
export function normalizeFaultOptions(input: unknown): ResolvedFaultOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RangeError('faults must be a JSON object');
  }
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key))
      throw new RangeError(`unknown fault "${key}"; known: ${[...KNOWN].join(', ')}`);
  }
  const num = (key: string, def: number, min: number, max: number, integer = false): number => {
    const v = o[key];
    if (v === undefined) return def;
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (integer && !Number.isInteger(v))
    ) {
      throw new RangeError(
        `fault ${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`,
      );
    }
    return v;
  };
  const prefix = o['pathPrefix'];
  if (prefix !== undefined && typeof prefix !== 'string')
    throw new RangeError('fault pathPrefix must be a string');
  const ttl = o['tokenTtlSeconds'];
  return Object.freeze({
    errorRate: num('errorRate', 0, 0, 1),
    errorStatus: num('errorStatus', 503, 400, 599, true),
    latencyMs: num('latencyMs', 0, 0, 60_000),
    jitterMs: num('jitterMs', 0, 0, 60_000),
    resetRate: num('resetRate', 0, 0, 1),
    rateLimitBurst: num('rateLimitBurst', 0, 0, 1_000_000, true),
    tokenTtlSeconds:
      ttl === undefined ? undefined : num('tokenTtlSeconds', 900, 1, 31_536_000, true),
    pathPrefix: prefix ?? '',
  });
}
