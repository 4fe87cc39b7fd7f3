import type { Kysely } from 'kysely';
import { StyleProblemError } from 'pagewise/styles';
import type { EmulatorDatabase } from '../data/schema.js';
import type { XRow } from './x-lists.js';

/** The user row with this id, or X's "resource not found" (`raw` is the id as sent). */
export async function findXUser(
  db: Kysely<EmulatorDatabase>,
  id: bigint,
  raw: string,
): Promise<XRow> {
  const row = await db.selectFrom('x_users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'user', id: raw });
  return row as unknown as XRow;
}
