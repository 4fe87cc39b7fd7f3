/**
 * The Zoom/X API emulator (`npm start`, `pagewise serve`): a Fastify server
 * that serves the paginated Zoom API v2 and X API v2 endpoints of WIRE.md on
 * a deterministic seeded dataset, built from pagewise's token codec, keyset
 * engine, Kysely source, wire styles and rate limiter. Subpath
 * `pagewise/emulator`.
 *
 * @module
 */
export { buildEmulator, type EmulatorApp, type EmulatorRuntime } from './build-emulator.js';
export type { ChurnRates } from './churn/churn-rates.js';
export { CHURN_TABLES, type ChurnStats } from './churn/churn-writer.js';
export { type DatasetSizes, defaultDatasetSizes } from './data/dataset-sizes.js';
export {
  DEFAULT_SQLITE_PATH,
  type EmulatorOptions,
  normalizeEmulatorOptions,
  type RateLimitMode,
  type ResolvedEmulatorOptions,
} from './emulator-options.js';
export type { FaultOptions } from './faults/fault-options.js';
export { type RunningEmulator, startEmulator } from './start-emulator.js';
