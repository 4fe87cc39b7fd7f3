import Fastify, { type FastifyInstance } from 'fastify';
import { generateKeySpec, keyRingFromEnv, TokenCodec } from 'pagewise/token';
import { openQueries } from './queries.js';
import { badRequest, pageSize, sendJson, unauthorized } from './reply.js';
import { xPost } from './x-timeline.js';

/*
 * The hand-written keyset timeline (x-timeline.ts) with the page tokens
 * pagewise gives instead of readable base64 JSON: sealed with pagewise's
 * TokenCodec (AES-256-GCM), bound to the caller and the query, expiring,
 * and a previous_token on every page after the first, as X writes it. The
 * same SQL, rows and envelope; only the token work differs. It measures
 * what those tokens cost a hand-written route: the bound for the library
 * route, which does the same three token operations on a deep page (open
 * one, seal two).
 */
const FIRST = `SELECT id, created_at, text FROM x_tweets WHERE author_id = ?
  ORDER BY created_at DESC, id DESC LIMIT ?`;
const AFTER = `SELECT id, created_at, text FROM x_tweets WHERE author_id = ?
  AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`;
const BEFORE = `SELECT id, created_at, text FROM x_tweets WHERE author_id = ?
  AND (created_at, id) > (?, ?) ORDER BY created_at ASC, id ASC LIMIT ?`;

interface Query {
  max_results?: string;
  pagination_token?: string;
}

/** Options of {@link sealedTimelineApp}. */
export interface SealedTimelineOptions {
  /** The emulator's SQLite file (opened read-only) or PostgreSQL URL. */
  readonly database: string;
  /** The bearer token the route expects; tokens are bound to it. */
  readonly apiToken: string;
}

/** A Fastify app serving `GET /2/users/:id/tweets` by hand, with sealed page tokens. */
export function sealedTimelineApp(o: SealedTimelineOptions): FastifyInstance {
  const q = openQueries(o.database);
  const codec = new TokenCodec({
    keyRing: keyRingFromEnv({ PAGEWISE_TOKEN_KEYS: generateKeySpec() }),
  });
  const auth = `Bearer ${o.apiToken}`;
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => q.close());
  app.get('/2/users/:id/tweets', async (req, reply) => {
    if (req.headers.authorization !== auth) return unauthorized(reply);
    const { id } = req.params as { id: string };
    const query = req.query as Query;
    const n = pageSize(query.max_results, 10, 5, 100);
    if (n === undefined || !/^\d{1,19}$/.test(id)) return badRequest(reply, 'bad parameter');
    // Bound to the caller and to everything but the token: path and page size.
    const binding = { scope: auth, query: `${id}:${n}` };
    let keys: readonly unknown[] | undefined;
    let backward = false;
    if (query.pagination_token) {
      try {
        const cursor = codec.open(query.pagination_token, binding);
        keys = cursor.keys;
        backward = cursor.direction === 'before';
      } catch {
        return badRequest(reply, 'bad pagination_token');
      }
    }
    const author = BigInt(id);
    const rows = (
      keys === undefined
        ? await q.all('x-timeline-first', FIRST, [author, n + 1])
        : await q.all(
            backward ? 'x-timeline-before' : 'x-timeline-after',
            backward ? BEFORE : AFTER,
            [author, keys[0], keys[1], n + 1],
          )
    ) as Record<string, unknown>[];
    const more = rows.length > n;
    const page = more ? rows.slice(0, n) : [...rows];
    if (backward) page.reverse();
    const data = page.map(xPost);
    const meta: Record<string, unknown> = { result_count: data.length };
    const first = page[0];
    const last = page[page.length - 1];
    if (first === undefined || last === undefined) return sendJson(reply, { meta });
    meta['newest_id'] = String(first['id']);
    meta['oldest_id'] = String(last['id']);
    const seal = (row: Record<string, unknown>, direction: 'after' | 'before') =>
      codec.seal(
        {
          keys: [BigInt(row['created_at'] as bigint), BigInt(row['id'] as bigint)],
          direction,
          window: [],
        },
        binding,
      );
    if (more || backward) meta['next_token'] = seal(last, 'after');
    if (keys !== undefined && (!backward || more)) meta['previous_token'] = seal(first, 'before');
    return sendJson(reply, { data, meta });
  });
  return app;
}
