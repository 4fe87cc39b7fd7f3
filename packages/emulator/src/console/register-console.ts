import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../admin/require-admin.js';
import type { EmulatorContext } from '../emulator-context.js';
import { registerConsoleAssets } from './console-assets.js';
import { consoleLimits } from './console-limits.js';
import { LiveStreamHub, type LiveStreamHubOptions } from './live-stream-hub.js';
import { tokenView } from './token-view.js';
import { trafficRow } from './traffic-row.js';
import { type WalkDefinition, walkCatalog } from './walk-catalog.js';
import { type WalkStepRequest, walkStep } from './walk-step.js';

/**
 * The console's data routes and stream, each behind the admin bearer token
 * (the static page itself is public and holds no data).
 */
export const CONSOLE_DATA_ROUTES = [
  'GET /__admin/console/stream',
  'GET /__admin/console/traffic',
  'GET /__admin/console/rate-limits',
  'GET /__admin/console/walk-catalog',
  'POST /__admin/console/walk',
  'POST /__admin/console/inspect',
] as const;

/** Options of {@link registerConsole}. */
export interface ConsoleOptions {
  /** Live stream tuning (tests shorten the flush interval). @default see LiveStreamHubOptions */
  readonly stream?: LiveStreamHubOptions;
}

/**
 * Registers the emulator console (`GET /__admin/`): its static page, its
 * data routes under `/__admin/console/` and its live stream, and the
 * `onResponse` hook that feeds `ctx.traffic`. Call it before the API routes.
 * Returns the stream hub (tests read how many streams are open).
 */
export function registerConsole(
  app: FastifyInstance,
  ctx: EmulatorContext,
  options: ConsoleOptions = {},
): LiveStreamHub {
  app.addHook('onResponse', ctx.traffic.onResponse);
  const hub = new LiveStreamHub(ctx, options.stream);
  // Streams never end by themselves: end them first, or closing would wait for them.
  app.addHook('preClose', (done) => {
    hub.closeAll();
    done();
  });
  registerConsoleAssets(app);
  const schema = { hide: true } as const;
  let catalog: Promise<readonly WalkDefinition[]> | undefined;
  const catalogOf = () => {
    catalog ??= walkCatalog(ctx).catch((err: unknown) => {
      catalog = undefined;
      throw err;
    });
    return catalog;
  };

  app.register(async (scope) => {
    scope.addHook('onRequest', requireAdmin(ctx.options.adminToken));
    scope.setErrorHandler((error, _request, reply) => {
      const status =
        error instanceof RangeError ? 400 : ((error as { statusCode?: number }).statusCode ?? 500);
      return reply
        .code(status)
        .send({ error: error instanceof Error ? error.message : String(error) });
    });

    // No HEAD twin: a HEAD would hold a stream open with nothing to read.
    scope.get('/__admin/console/stream', { schema, exposeHeadRoute: false }, (request, reply) => {
      hub.open(request, reply);
    });
    scope.get('/__admin/console/traffic', { schema }, async (request) => {
      const q = request.query as Record<string, string | undefined>;
      const limit = Math.min(500, Math.max(1, Number(q['limit']) || 100));
      return {
        now: ctx.now(),
        rows: ctx.traffic.since(0, limit).map(trafficRow),
        rates: ctx.traffic.rates(),
        openStreams: hub.size,
      };
    });
    scope.get('/__admin/console/rate-limits', { schema }, async () => consoleLimits(ctx));
    scope.get('/__admin/console/walk-catalog', { schema }, async () => ({
      endpoints: (await catalogOf()).map((d) => d.endpoint),
    }));
    scope.post('/__admin/console/walk', { schema }, async (request) =>
      walkStep(app, ctx, await catalogOf(), (request.body ?? {}) as WalkStepRequest),
    );
    scope.post('/__admin/console/inspect', { schema }, async (request) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const token = body['token'];
      if (typeof token !== 'string' || token === '') throw new RangeError('token is required');
      const scopeText = typeof body['scope'] === 'string' ? body['scope'] : undefined;
      const query = typeof body['query'] === 'string' ? body['query'] : undefined;
      const def = (await catalogOf()).find((d) => d.endpoint.id === body['endpoint']);
      const owner = ctx.principals.owner;
      const view = tokenView(
        ctx,
        token,
        { scope: scopeText ?? owner.scope, ...(query === undefined ? {} : { query }) },
        def ? { keys: def.endpoint.sortKeys, window: def.endpoint.windows } : {},
        scopeText === undefined || scopeText === owner.scope ? owner.name : undefined,
      );
      // A refused token is an answer, not a failed call: 200 with `refused`.
      return view;
    });
  });
  return hub;
}
