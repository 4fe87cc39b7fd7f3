import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Queries } from './queries.js';
import { badRequest, pageSize, sendJson, unauthorized } from './reply.js';

/*
 * GET /2/users/:id/followers by hand: the follow edges newest first
 * (index x_follows_followee_time), joined to the users for X's default
 * user fields.
 */
const COLUMNS = 'u.id, u.name, u.username, f.created_at AS follow_time, f.follower_id';
const FIRST = `SELECT ${COLUMNS} FROM x_follows f JOIN x_users u ON u.id = f.follower_id
  WHERE f.followee_id = ? ORDER BY f.created_at DESC, f.follower_id DESC LIMIT ?`;
const AFTER = `SELECT ${COLUMNS} FROM x_follows f JOIN x_users u ON u.id = f.follower_id
  WHERE f.followee_id = ? AND (f.created_at, f.follower_id) < (?, ?)
  ORDER BY f.created_at DESC, f.follower_id DESC LIMIT ?`;

function user(r: Record<string, unknown>): Record<string, unknown> {
  return { id: String(r['id']), name: r['name'], username: r['username'] };
}

/** Registers `GET /2/users/:id/followers`. */
export function xFollowersRoute(app: FastifyInstance, q: Queries, auth: string): void {
  app.get('/2/users/:id/followers', async (req, reply) => {
    if (req.headers.authorization !== auth) return unauthorized(reply);
    const { id } = req.params as { id: string };
    const query = req.query as { max_results?: string; pagination_token?: string };
    const n = pageSize(query.max_results, 100, 1, 1000);
    if (n === undefined || !/^\d{1,19}$/.test(id)) return badRequest(reply, 'bad parameter');
    const token = query.pagination_token;
    const after = token ? decodeCursor(token, 2) : undefined;
    if (token && !after) return badRequest(reply, 'bad pagination_token');
    const rows = after
      ? await q.all('x-followers-after', AFTER, [BigInt(id), after[0], after[1], n + 1])
      : await q.all('x-followers-first', FIRST, [BigInt(id), n + 1]);
    const page = rows.length > n ? rows.slice(0, n) : rows;
    const data = page.map(user);
    const meta: Record<string, unknown> = { result_count: data.length };
    const last = page[page.length - 1];
    if (rows.length > n && last !== undefined) {
      meta['next_token'] = encodeCursor([String(last['follow_time']), String(last['follower_id'])]);
    }
    return sendJson(reply, data.length > 0 ? { data, meta } : { meta });
  });
}
