import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Queries } from './queries.js';
import { badRequest, sendJson, unauthorized, ZOOM_JSON } from './reply.js';
import { cachedCount, isoSeconds, zoomPageSize } from './zoom-format.js';

/*
 * GET /v2/users by hand: the account's users of one status in account
 * order (index zoom_users_status_seq), every field of the Zoom user.
 */
const COLUMNS = `id, seq, first_name, last_name, email, type, pmi, timezone, dept, created_at,
  last_login_time, last_client_version, group_ids, im_group_ids, status, role_id`;
const FIRST = `SELECT ${COLUMNS} FROM zoom_users WHERE status = ? ORDER BY seq LIMIT ?`;
const AFTER = `SELECT ${COLUMNS} FROM zoom_users WHERE status = ? AND seq > ? ORDER BY seq LIMIT ?`;
const COUNT = 'SELECT count(*) AS n FROM zoom_users WHERE status = ?';

// The emulator's user as the conformance work shaped it (display_name,
// user_created_at, pmi as a JSON number, no id for a pending user).
function user(r: Record<string, unknown>): Record<string, unknown> {
  const createdAt = isoSeconds(Number(r['created_at']));
  return {
    ...(r['status'] === 'pending' ? {} : { id: r['id'] }),
    first_name: r['first_name'],
    last_name: r['last_name'],
    display_name: `${r['first_name']} ${r['last_name']}`,
    email: r['email'],
    type: Number(r['type']),
    pmi: Number(r['pmi']),
    timezone: r['timezone'],
    dept: r['dept'],
    user_created_at: createdAt,
    created_at: createdAt,
    last_login_time: isoSeconds(Number(r['last_login_time'])),
    last_client_version: r['last_client_version'],
    group_ids: JSON.parse(String(r['group_ids'])),
    im_group_ids: JSON.parse(String(r['im_group_ids'])),
    status: r['status'],
    role_id: r['role_id'],
  };
}

/** Registers `GET /v2/users`. */
export function zoomUsersRoute(app: FastifyInstance, q: Queries, auth: string): void {
  const count = cachedCount(async (status) => {
    const rows = await q.all('zoom-users-count', COUNT, [status], false);
    return Number(rows[0]?.['n']);
  });
  app.get('/v2/users', async (req, reply) => {
    if (req.headers.authorization !== auth) return unauthorized(reply);
    const query = req.query as { page_size?: string; next_page_token?: string; status?: string };
    const n = zoomPageSize(query.page_size);
    const status = query.status ?? 'active';
    if (n === undefined) return badRequest(reply, 'bad page_size');
    const token = query.next_page_token;
    const after = token ? decodeCursor(token, 1) : undefined;
    if (token && !after) return badRequest(reply, 'bad next_page_token');
    const [rows, total] = await Promise.all([
      after
        ? q.all('zoom-users-after', AFTER, [status, after[0], n + 1], false)
        : q.all('zoom-users-first', FIRST, [status, n + 1], false),
      count(status),
    ]);
    const page = rows.length > n ? rows.slice(0, n) : rows;
    const last = page[page.length - 1];
    const body: Record<string, unknown> = { page_count: Math.ceil(total / n) };
    if (!after) body['page_number'] = 1;
    body['page_size'] = n;
    body['total_records'] = total;
    body['next_page_token'] =
      rows.length > n && last !== undefined ? encodeCursor([String(last['seq'])]) : '';
    body['users'] = page.map(user);
    return sendJson(reply, body, ZOOM_JSON);
  });
}
