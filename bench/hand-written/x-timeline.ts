import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Queries } from './queries.js';
import { badRequest, pageSize, sendJson, unauthorized } from './reply.js';

/*
 * GET /2/users/:id/tweets as a user writes it without pagewise: one
 * prepared statement per shape selecting only the columns the response
 * needs (and the sort keys), a row-value seek, LIMIT n+1 to detect the end,
 * a base64url JSON cursor, the X envelope, JSON.stringify. No expiry, no
 * binding, no 3,200-post reach.
 */
const FIRST = `SELECT id, created_at, text FROM x_tweets WHERE author_id = ?
  ORDER BY created_at DESC, id DESC LIMIT ?`;
const AFTER = `SELECT id, created_at, text FROM x_tweets WHERE author_id = ?
  AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`;

interface Query {
  max_results?: string;
  pagination_token?: string;
}

/** Registers the keyset route on `app`. */
export function xTimelineRoute(app: FastifyInstance, q: Queries, auth: string): void {
  app.get('/2/users/:id/tweets', async (req, reply) => {
    if (req.headers.authorization !== auth) return unauthorized(reply);
    const { id } = req.params as { id: string };
    const query = req.query as Query;
    const n = pageSize(query.max_results, 10, 5, 100);
    if (n === undefined || !/^\d{1,19}$/.test(id)) return badRequest(reply, 'bad parameter');
    const token = query.pagination_token;
    const after = token ? decodeCursor(token, 2) : undefined;
    if (token && !after) return badRequest(reply, 'bad pagination_token');
    const rows = after
      ? await q.all('x-timeline-after', AFTER, [BigInt(id), after[0], after[1], n + 1])
      : await q.all('x-timeline-first', FIRST, [BigInt(id), n + 1]);
    return sendJson(reply, xPostsPage(rows, n));
  });
}

/** One post with X's default fields. */
export function xPost(r: Record<string, unknown>): Record<string, unknown> {
  const id = String(r['id']);
  return { edit_history_tweet_ids: [id], id, text: r['text'] };
}

/** The X envelope of a post page read with LIMIT n+1 (sort keys `created_at`, `id`). */
export function xPostsPage(rows: readonly Record<string, unknown>[], n: number): unknown {
  const page = rows.length > n ? rows.slice(0, n) : rows;
  const data = page.map(xPost);
  const meta: Record<string, unknown> = { result_count: data.length };
  const first = data[0];
  const last = page[page.length - 1];
  if (first === undefined || last === undefined) return { meta };
  meta['newest_id'] = first['id'];
  meta['oldest_id'] = String(last['id']);
  if (rows.length > n)
    meta['next_token'] = encodeCursor([String(last['created_at']), String(last['id'])]);
  return { data, meta };
}
