import type { XUserTable } from '../data/schema.js';
import { X_USER_FIELDS } from './x-fields.js';

/** A column of `x_users`. */
export type UserColumn = keyof XUserTable & string;

/**
 * What `userItem` (x-fields.ts) reads for each `user.fields` value beyond
 * the columns every user needs (`id`, `name`, `username`). Kept beside
 * userItem's reads: a field added there needs its columns here.
 */
const COLUMNS_OF_FIELD: Readonly<Record<string, readonly UserColumn[]>> = {
  created_at: ['created_at'],
  description: ['description'],
  entities: ['url', 'description'],
  location: ['location'],
  most_recent_tweet_id: ['most_recent_tweet_id'],
  protected: ['protected'],
  public_metrics: ['followers_count', 'following_count', 'tweet_count', 'listed_count'],
  subscription_type: ['verified'],
  url: ['url'],
  verified: ['verified'],
  verified_type: ['verified'],
};

const ALWAYS: readonly UserColumn[] = ['id', 'name', 'username'];

/**
 * The `x_users` columns a user list selects for `fields` (the user fields
 * written, expansions' fields included), as `u.<column>`, in one order
 * whatever the request's order: one SQL text per field set. Selecting only
 * these instead of `u.*` spares the driver the columns the page never sends.
 */
export function userColumns(fields: ReadonlySet<string>): `u.${UserColumn}`[] {
  const columns = new Set<UserColumn>(ALWAYS);
  if (fields.size > 0) {
    for (const field of X_USER_FIELDS) {
      if (!fields.has(field)) continue;
      for (const c of COLUMNS_OF_FIELD[field] ?? []) columns.add(c);
    }
  }
  return [...columns].map((c) => `u.${c}` as const);
}
