import type { Kysely } from 'kysely';
import type { StyleResponse } from '../../styles/index.js';
import type { EmulatorDatabase } from '../data/schema.js';
import { userItem } from './x-fields.js';

/**
 * Adds X's `includes.users` for `expansions=author_id` to a page of posts:
 * the authors of the page's posts, once each, with the requested
 * `user.fields`, between `data` and `meta` as X orders them. Other answers
 * (errors, empty pages) pass through unchanged.
 */
export async function withAuthorIncludes(
  db: Kysely<EmulatorDatabase>,
  response: StyleResponse,
  userFields: ReadonlySet<string>,
): Promise<StyleResponse> {
  const body = response.body as { data?: { author_id?: string }[]; meta?: unknown } | undefined;
  if (response.status !== 200 || !body?.data || body.data.length === 0) return response;
  const ids = [
    ...new Set(body.data.map((t) => t.author_id).filter((id): id is string => id !== undefined)),
  ];
  if (ids.length === 0) return response;
  const rows = await db
    .selectFrom('x_users')
    .selectAll()
    .where(
      'id',
      'in',
      ids.map((id) => BigInt(id)),
    )
    .execute();
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const users = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [userItem(r as unknown as Record<string, unknown>, userFields)] : [];
  });
  return { ...response, body: { data: body.data, includes: { users }, meta: body.meta } };
}
