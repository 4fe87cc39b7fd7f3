import Fastify, { type FastifyInstance } from 'fastify';
import { openQueries } from './queries.js';
import { xFollowersRoute } from './x-followers.js';
import { xSearchRoute } from './x-search.js';
import { xTimelineRoute } from './x-timeline.js';
import { xTimelineOffsetRoute } from './x-timeline-offset.js';
import { zoomDashboardRoute } from './zoom-dashboard.js';
import { zoomUsersRoute } from './zoom-users.js';

/** Options of {@link handWrittenApp}. */
export interface HandWrittenOptions {
  /** The emulator's SQLite file (opened read-only) or PostgreSQL URL. */
  readonly database: string;
  /** The bearer token every route expects. */
  readonly apiToken: string;
  /** The clock of recent search's 7-day reach and of "past" meetings (the emulator's). */
  readonly now: () => number;
}

/**
 * One Fastify app serving every hand-written route over the emulator's
 * data, at the emulator's paths (the OFFSET timeline under `/offset`).
 */
export function handWrittenApp(o: HandWrittenOptions): FastifyInstance {
  const q = openQueries(o.database);
  const auth = `Bearer ${o.apiToken}`;
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => q.close());
  xTimelineRoute(app, q, auth);
  xTimelineOffsetRoute(app, q, auth);
  xFollowersRoute(app, q, auth);
  xSearchRoute(app, q, auth, o.now);
  zoomUsersRoute(app, q, auth);
  zoomDashboardRoute(app, q, auth, o.now);
  return app;
}
