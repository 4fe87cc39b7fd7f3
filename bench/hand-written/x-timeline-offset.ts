import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Queries } from './queries.js';
import { badRequest, pageSize, sendJson, unauthorized } from './reply.js';
import { xPost } from './x-timeline.js';

/*
 * The same timeline paged by OFFSET, for context: the token carries the
 * offset of the next page. Same columns, same envelope.
 */
const PAGE = `SELECT id, created_at, text FROM x_tweets WHERE author_id = ?
  ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`;

/** Registers `GET /offset/2/users/:id/tweets`. */
export function xTimelineOffsetRoute(app: FastifyInstance, q: Queries, auth: string): void {
  app.get('/offset/2/users/:id/tweets', async (req, reply) => {
    if (req.headers.authorization !== auth) return unauthorized(reply);
    const { id } = req.params as { id: string };
    const query = req.query as { max_results?: string; pagination_token?: string };
    const n = pageSize(query.max_results, 10, 5, 100);
    if (n === undefined || !/^\d{1,19}$/.test(id)) return badRequest(reply, 'bad parameter');
    const token = query.pagination_token;
    const offset = token ? decodeCursor(token, 1)?.[0] : 0n;
    if (offset === undefined || offset < 0n) return badRequest(reply, 'bad pagination_token');
    const rows = await q.all('x-timeline-offset', PAGE, [BigInt(id), n + 1, offset]);
    const page = rows.length > n ? rows.slice(0, n) : rows;
    const data = page.map(xPost);
    const meta: Record<string, unknown> = { result_count: data.length };
    if (data.length > 0) {
      meta['newest_id'] = data[0]?.['id'];
      meta['oldest_id'] = data[data.length - 1]?.['id'];
    }
    if (rows.length > n) meta['next_token'] = encodeCursor([String(offset + BigInt(n))]);
    return sendJson(reply, data.length > 0 ? { data, meta } : { meta });
  });
}
