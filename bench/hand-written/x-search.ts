import type { FastifyInstance } from 'fastify';
import { decodeCursor } from './cursor.js';
import type { Queries } from './queries.js';
import { badRequest, pageSize, sendJson, unauthorized } from './reply.js';
import { xPostsPage } from './x-timeline.js';

/*
 * GET /2/tweets/search/recent by hand, for a one-keyword query: posts of
 * the last 7 days whose text contains the word (case-insensitive, the
 * emulator's LIKE), newest first (index x_tweets_time).
 */
const DAY = 86_400_000;
const WHERE = `created_at >= ? AND lower(text) LIKE ? ESCAPE '\\'`;
const FIRST = `SELECT id, created_at, text FROM x_tweets WHERE ${WHERE}
  ORDER BY created_at DESC, id DESC LIMIT ?`;
const AFTER = `SELECT id, created_at, text FROM x_tweets WHERE ${WHERE}
  AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`;

/**
 * Registers the route. `now` is the clock the 7-day reach is counted from
 * (the bench pins it to the emulator's).
 */
export function xSearchRoute(
  app: FastifyInstance,
  q: Queries,
  auth: string,
  now: () => number,
): void {
  app.get('/2/tweets/search/recent', async (req, reply) => {
    if (req.headers.authorization !== auth) return unauthorized(reply);
    const query = req.query as { query?: string; max_results?: string; next_token?: string };
    const n = pageSize(query.max_results, 10, 10, 100);
    const word = query.query?.trim().toLowerCase();
    if (n === undefined || !word || /\s/.test(word)) return badRequest(reply, 'bad parameter');
    const pattern = `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const floor = now() - 7 * DAY;
    const token = query.next_token;
    const after = token ? decodeCursor(token, 2) : undefined;
    if (token && !after) return badRequest(reply, 'bad next_token');
    const rows = after
      ? await q.all('x-search-after', AFTER, [floor, pattern, after[0], after[1], n + 1])
      : await q.all('x-search-first', FIRST, [floor, pattern, n + 1]);
    return sendJson(reply, xPostsPage(rows, n));
  });
}
