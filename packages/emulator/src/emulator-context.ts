import type { PrincipalRegistry } from './auth/principal-registry.js';
import type { ChurnWriter } from './churn/churn-writer.js';
import type { TrafficRecorder } from './console/traffic-recorder.js';
import type { EmulatorDb } from './data/open-database.js';
import type { EmulatorCodec } from './emulator-codec.js';
import type { ResolvedEmulatorOptions } from './emulator-options.js';
import type { FaultInjector } from './faults/fault-injector.js';
import type { ApiRateLimiter } from './http/api-rate-limiter.js';

/** Everything the routes share, built once by `buildEmulator`. */
export interface EmulatorContext {
  readonly options: ResolvedEmulatorOptions;
  readonly handle: EmulatorDb;
  readonly codec: EmulatorCodec;
  readonly principals: PrincipalRegistry;
  readonly faults: FaultInjector;
  readonly churn: ChurnWriter;
  readonly limiter: ApiRateLimiter;
  /** Recent API requests and per-second counts, for the console (fed by its onResponse hook). */
  readonly traffic: TrafficRecorder;
  /** The clock (ms). */
  now(): number;
}
