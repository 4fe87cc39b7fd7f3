import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Queries } from './queries.js';
import { badRequest, sendJson, unauthorized, ZOOM_JSON } from './reply.js';
import { cachedCount, dashboardDuration, isoSeconds, zoomPageSize } from './zoom-format.js';

/*
 * GET /v2/metrics/meetings?type=past by hand: past meetings started in
 * [from, to], in start order (index zoom_meetings_start), with their host.
 */
const DAY = 86_400_000;
const FROM = `FROM zoom_meetings m JOIN zoom_users u ON u.id = m.host_id
  WHERE m.end_time <= ? AND m.start_time >= ? AND m.start_time < ?`;
const COLUMNS = `m.uuid, m.id, m.topic, m.start_time, m.end_time, m.participants_count,
  m.features, u.first_name, u.last_name, u.email, u.type AS user_type`;
const FIRST = `SELECT ${COLUMNS} ${FROM} ORDER BY m.start_time, m.id LIMIT ?`;
const AFTER = `SELECT ${COLUMNS} ${FROM} AND (m.start_time, m.id) > (?, ?)
  ORDER BY m.start_time, m.id LIMIT ?`;
const COUNT = `SELECT count(*) AS n ${FROM}`;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const USER_TYPES: Readonly<Record<number, string>> = { 1: 'Basic', 2: 'Pro', 3: 'On-prem' };

function meeting(r: Record<string, unknown>): Record<string, unknown> {
  const f = Number(r['features']);
  const start = Number(r['start_time']);
  const end = Number(r['end_time']);
  const type = USER_TYPES[Number(r['user_type'])] ?? 'Basic';
  return {
    uuid: r['uuid'],
    id: Number(r['id']),
    topic: r['topic'],
    host: `${r['first_name']} ${r['last_name']}`,
    email: r['email'],
    user_type: type === 'Pro' ? 'Pro|Webinar1000' : type,
    start_time: isoSeconds(start),
    end_time: isoSeconds(end),
    duration: dashboardDuration(end - start),
    participants: Number(r['participants_count']),
    has_pstn: (f & 1) !== 0,
    has_voip: (f & 2) !== 0,
    has_3rd_party_audio: (f & 4) !== 0,
    has_video: (f & 8) !== 0,
    has_screen_share: (f & 16) !== 0,
    has_recording: (f & 32) !== 0,
    has_sip: (f & 64) !== 0,
  };
}

/** Registers `GET /v2/metrics/meetings` (type `past` only). `now` is the clock "past" is judged by. */
export function zoomDashboardRoute(
  app: FastifyInstance,
  q: Queries,
  auth: string,
  now: () => number,
): void {
  const count = cachedCount(async (key) => {
    const [nowMs, from, to] = key.split(' ').map(Number);
    return Number((await q.all('zoom-dashboard-count', COUNT, [nowMs, from, to], false))[0]?.['n']);
  });
  app.get('/v2/metrics/meetings', async (req, reply) => {
    if (req.headers.authorization !== auth) return unauthorized(reply);
    const query = req.query as Record<string, string | undefined>;
    const n = zoomPageSize(query['page_size']);
    const fromText = query['from'] ?? '';
    const toText = query['to'] ?? '';
    const from = DAY_RE.test(fromText) ? Date.parse(fromText) : Number.NaN;
    const to = DAY_RE.test(toText) ? Date.parse(toText) + DAY : Number.NaN;
    if (n === undefined || query['type'] !== 'past' || !(from < to)) {
      return badRequest(reply, 'bad parameter');
    }
    const token = query['next_page_token'];
    const after = token ? decodeCursor(token, 2) : undefined;
    if (token && !after) return badRequest(reply, 'bad next_page_token');
    const nowMs = now();
    const [rows, total] = await Promise.all([
      after
        ? q.all('zoom-dashboard-after', AFTER, [nowMs, from, to, after[0], after[1], n + 1], false)
        : q.all('zoom-dashboard-first', FIRST, [nowMs, from, to, n + 1], false),
      count(`${nowMs} ${from} ${to}`),
    ]);
    const page = rows.length > n ? rows.slice(0, n) : rows;
    const last = page[page.length - 1];
    return sendJson(
      reply,
      {
        from: fromText,
        to: toText,
        page_count: Math.ceil(total / n),
        page_size: n,
        total_records: total,
        next_page_token:
          rows.length > n && last !== undefined
            ? encodeCursor([String(last['start_time']), String(last['id'])])
            : '',
        meetings: page.map(meeting),
      },
      ZOOM_JSON,
    );
  });
}
