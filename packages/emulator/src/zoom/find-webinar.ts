import type { Kysely } from 'kysely';
import { StyleProblemError } from 'pagewise/styles';
import type { EmulatorDatabase, ZoomWebinarTable } from '../data/schema.js';
import { isNumericMeetingId, meetingKey } from './zoom-params.js';

/**
 * Resolves a webinar by numeric id or UUID (double-encoded UUIDs are decoded
 * once more, as for meetings); 404 with the Dashboard's wording otherwise.
 */
export async function findWebinar(
  db: Kysely<EmulatorDatabase>,
  raw: string,
): Promise<ZoomWebinarTable> {
  const key = meetingKey(raw);
  const row = await db
    .selectFrom('zoom_webinars')
    .selectAll()
    .where((eb) => (isNumericMeetingId(key) ? eb('id', '=', Number(key)) : eb('uuid', '=', key)))
    .orderBy('start_time', 'desc')
    .executeTakeFirst();
  if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'webinar', id: raw });
  return row;
}
