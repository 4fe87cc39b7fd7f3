/**
 * `@pagewise/emulator`: the Zoom/X API emulator (`pagewise-emulator`,
 * `pagewise serve`, `npm start` in the pagewise repository). A Fastify server
 * that serves the paginated Zoom API v2 and X API v2 endpoints on a
 * deterministic seeded dataset, built on pagewise's public API: the token
 * codec, keyset engine, Kysely source, wire styles and server adapter.
 *
 * @module
 */
export { buildEmulator, type EmulatorApp, type EmulatorRuntime } from './build-emulator.js';
export type { ChurnRates } from './churn/churn-rates.js';
export { CHURN_TABLES, type ChurnStats } from './churn/churn-writer.js';
export { emulatorCommand, emulatorOptionsFromFlags } from './cli/emulator-command.js';
export { EmulatorUsageError } from './cli/emulator-usage-error.js';
export { runEmulatorCli } from './cli/run-emulator-cli.js';
export { type DatasetSizes, defaultDatasetSizes } from './data/dataset-sizes.js';
export {
  DEFAULT_SQLITE_PATH,
  type EmulatorOptions,
  type LogFormat,
  normalizeEmulatorOptions,
  type RateLimitMode,
  type ResolvedEmulatorOptions,
} from './emulator-options.js';
export type { FaultOptions } from './faults/fault-options.js';
export { type RunningEmulator, startEmulator } from './start-emulator.js';
