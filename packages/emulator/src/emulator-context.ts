import type { RateLimiter } from 'pagewise/fastify';
import type { PrincipalRegistry } from './auth/principal-registry.js';
import type { ChurnWriter } from './churn/churn-writer.js';
import type { EmulatorDb } from './data/open-database.js';
import type { EmulatorCodec } from './emulator-codec.js';
import type { ResolvedEmulatorOptions } from './emulator-options.js';
import type { FaultInjector } from './faults/fault-injector.js';

/** Everything the routes share, built once by `buildEmulator`. */
export interface EmulatorContext {
  readonly options: ResolvedEmulatorOptions;
  readonly handle: EmulatorDb;
  readonly codec: EmulatorCodec;
  readonly principals: PrincipalRegistry;
  readonly faults: FaultInjector;
  readonly churn: ChurnWriter;
  readonly limiter: RateLimiter;
  /** The clock (ms). */
  now(): number;
}
