import type { Kysely } from 'kysely';
import { StyleProblemError, singleValue } from 'pagewise/styles';
import type { Principal } from '../auth/principal.js';
import type { EmulatorDatabase } from '../data/schema.js';
import { badParam, type RawQuery } from '../http/bad-param.js';
import { formatDay, parseDay } from '../http/wire-format.js';
import type { ZoomRow } from './zoom-lists.js';

const DAY = 86_400_000;

/** Resolves `me`, a user id or an email to a user row; 404 `User not exist` otherwise. */
export async function findZoomUser(
  db: Kysely<EmulatorDatabase>,
  userId: string,
  principal: Principal,
): Promise<ZoomRow> {
  const id = userId === 'me' ? principal.zoomUserId : userId;
  const row = await db
    .selectFrom('zoom_users')
    .selectAll()
    .where((eb) => (id.includes('@') ? eb('email', '=', id.toLowerCase()) : eb('id', '=', id)))
    .executeTakeFirst();
  if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'user', id: userId });
  return row as unknown as ZoomRow;
}

/**
 * A meeting or webinar id or UUID path parameter as the router decoded it:
 * a UUID that starts with `/` or holds `//` arrives double-encoded, so it is
 * decoded once more.
 */
export function meetingKey(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // not encoded twice after all: keep as is
  }
}

/** True when a meeting key is a numeric id (not a UUID). */
export function isNumericMeetingId(key: string): boolean {
  return /^\d{1,15}$/.test(key);
}

/**
 * Resolves a meeting by numeric id or UUID (double-encoded UUIDs are decoded once more).
 * `resource` names the 404 (`dashboard_meeting`: the Dashboard's wording).
 */
export async function findMeeting(
  db: Kysely<EmulatorDatabase>,
  raw: string,
  resource = 'meeting',
): Promise<ZoomRow> {
  const key = meetingKey(raw);
  const row = await db
    .selectFrom('zoom_meetings')
    .selectAll()
    .where((eb) => (isNumericMeetingId(key) ? eb('id', '=', Number(key)) : eb('uuid', '=', key)))
    .orderBy('start_time', 'desc')
    .executeTakeFirst();
  if (!row) throw new StyleProblemError({ kind: 'not_found', resource, id: raw });
  return row as unknown as ZoomRow;
}

/** A report's or dashboard's window on `start_time` and the `from`/`to` it echoes. */
export interface ZoomDateRange {
  readonly window: { readonly from: number; readonly to: number };
  readonly range: { readonly from: string; readonly to: string };
}

/** Reads the required `from`/`to` pair (yyyy-mm-dd, `to` inclusive). */
export function zoomDateRange(query: RawQuery): ZoomDateRange {
  const fromText = singleValue(query, 'from');
  const toText = singleValue(query, 'to');
  const from = fromText === undefined ? undefined : parseDay(fromText);
  if (from === undefined) badParam('from', fromText);
  const to = toText === undefined ? undefined : parseDay(toText);
  if (to === undefined) badParam('to', toText);
  if (from > to) badParam('from', fromText, "'from' must be on or before 'to'.");
  return { window: { from, to: to + DAY }, range: { from: formatDay(from), to: formatDay(to) } };
}

/** An optional `from`/`to` pair of List meetings, as a window on `start_time`. */
export function optionalDateWindow(query: RawQuery): Record<string, number> {
  const window: Record<string, number> = {};
  const from = singleValue(query, 'from');
  const to = singleValue(query, 'to');
  if (from !== undefined) window['from'] = parseDay(from) ?? badParam('from', from);
  if (to !== undefined) window['to'] = (parseDay(to) ?? badParam('to', to)) + DAY;
  return window;
}

/** A single optional string parameter with a default (`status`, `type`). */
export function stringParam(query: RawQuery, name: string, fallback: string): string {
  return singleValue(query, name) ?? fallback;
}
