import type { Kysely } from 'kysely';
import { StyleProblemError } from 'pagewise/styles';
import type { EmulatorDatabase } from '../data/schema.js';

/** Checks that the post with this id exists, or throws X's "resource not found" (`raw` is the id as sent). */
export async function findXTweet(
  db: Kysely<EmulatorDatabase>,
  id: bigint,
  raw: string,
): Promise<void> {
  const row = await db.selectFrom('x_tweets').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new StyleProblemError({ kind: 'not_found', resource: 'tweet', id: raw });
}
