import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sendStyleResponse, styleErrorHandler, styleFrameworkErrors } from 'pagewise/fastify';
import { x, zoom } from 'pagewise/styles';
import { registerAdminRoutes } from './admin/admin-routes.js';
import { PrincipalRegistry } from './auth/principal-registry.js';
import { ChurnWriter } from './churn/churn-writer.js';
import { registerConsole } from './console/register-console.js';
import { TrafficRecorder } from './console/traffic-recorder.js';
import { ownerUserIds } from './data/generate-dataset.js';
import { openDatabase } from './data/open-database.js';
import { type SeedResult, seedDatabase } from './data/seed-database.js';
import { EmulatorCodec } from './emulator-codec.js';
import type { EmulatorContext } from './emulator-context.js';
import { type EmulatorOptions, normalizeEmulatorOptions } from './emulator-options.js';
import { FaultInjector } from './faults/fault-injector.js';
import { ApiRateLimiter } from './http/api-rate-limiter.js';
import { DatabaseRateLimitStore } from './http/database-rate-limit-store.js';
import { emulatorLoggerOptions } from './log/logger-options.js';
import { withStoredSecrets } from './with-stored-secrets.js';
import { registerXRoutes } from './x/routes/index.js';
import { registerZoomRoutes } from './zoom/routes/index.js';

/** What `buildEmulator` adds to the Fastify instance, under `app.emulator`. */
export interface EmulatorRuntime {
  /** Shared parts (database, codec, principals, faults, churn, limiter) and resolved options. */
  readonly context: EmulatorContext;
  /** How the dataset was obtained at start (seeded or reused, and how long it took). */
  readonly seed: SeedResult;
}

/** The emulator's Fastify instance. */
export type EmulatorApp = FastifyInstance & { readonly emulator: EmulatorRuntime };

/**
 * Builds the emulator without listening: opens (and migrates) the database,
 * seeds it unless it already holds this dataset, and registers every route.
 * Use `app.inject()` in tests, or `startEmulator()` to serve.
 *
 * @throws RangeError for invalid options; database errors as they come.
 * @example
 * ```ts
 * const app = await buildEmulator({ database: ':memory:', sizes: { xTweets: 500 }, logger: false });
 * const res = await app.inject({ url: '/2/users/me', headers: { authorization: `Bearer ${app.emulator.context.options.apiToken}` } });
 * await app.close();
 * ```
 */
export async function buildEmulator(options: EmulatorOptions = {}): Promise<EmulatorApp> {
  const normalized = normalizeEmulatorOptions(options);
  // Secrets not configured come from the SQLite file's secrets file, made on first start.
  const opts = withStoredSecrets(normalized, (line) => normalized.print(line));
  const handle = await openDatabase(opts.database);
  let app: FastifyInstance | undefined;
  try {
    const spec = { seed: opts.seed, sizes: opts.sizes, anchorMs: opts.anchorMs };
    const seed = await seedDatabase(handle, spec);
    const codec = new EmulatorCodec({
      tokenKeys: opts.tokenKeys,
      ttlSeconds: opts.tokenTtlSeconds,
      now: opts.now,
      warn: (m) => opts.print(m),
    });
    const churn = new ChurnWriter(handle, opts.seed, opts.anchorMs);
    const context: EmulatorContext = {
      options: opts,
      handle,
      codec,
      principals: new PrincipalRegistry(handle, opts.apiToken, ownerUserIds(spec)),
      faults: new FaultInjector(opts.seed, opts.faults, (ttl) => codec.setTtl(ttl)),
      churn,
      limiter: new ApiRateLimiter(
        opts.rateLimit,
        opts.rateLimitScale,
        opts.now,
        opts.rateLimitStore === 'database'
          ? new DatabaseRateLimitStore(handle, opts.now)
          : undefined,
      ),
      traffic: new TrafficRecorder({ now: opts.now }),
      now: opts.now,
    };
    churn.set(opts.churn);

    // Router defaults (maxParamLength 100); a longer path id or a badly encoded path is the
    // style's 400 for `path` (X under /2/, Zoom elsewhere), never Fastify's own body.
    const serverOptions: FastifyServerOptions = {
      ...emulatorLoggerOptions(opts),
      frameworkErrors: styleFrameworkErrors(styleForPath),
    };
    const instance: FastifyInstance = Fastify(serverOptions);
    app = instance;
    app.decorate('emulator', { context, seed } satisfies EmulatorRuntime);
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'pagewise emulator: Zoom API v2 and X API v2 paginated endpoints',
          version: '0.1.0',
          description: 'Offline emulation of the paginated Zoom and X endpoints listed in WIRE.md.',
        },
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      },
    });
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/openapi.json', { schema: { hide: true } }, async () => instance.swagger());
    // The console (GET /__admin/) and the onResponse hook that records traffic for it.
    registerConsole(app, context);
    registerZoomRoutes(app, context);
    registerXRoutes(app, context);
    registerAdminRoutes(app, context);
    // Errors of the API routes (schema validation, anything thrown) in each route's own style.
    app.setErrorHandler(styleErrorHandler(zoom));
    // Unknown routes: X's problem shape under /2/, Zoom's { code, message } elsewhere.
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      return sendStyleResponse(
        reply,
        styleForPath(path).formatProblem({ kind: 'route_not_found', method: request.method, path }),
      );
    });
    app.addHook('onClose', async () => {
      await churn.stop();
      await handle.close();
    });
    await app.ready();
    return app as EmulatorApp;
  } catch (err) {
    if (app) await app.close().catch(() => {});
    else await handle.close().catch(() => {});
    throw err;
  }
}

/** The style of a path the router could not match: X's under `/2/`, Zoom's elsewhere. */
function styleForPath(path: string): typeof x | typeof zoom {
  return path.startsWith('/2/') ? x : zoom;
}
