import type { Kysely } from 'kysely';
import type { EmulatorDatabase } from '../data/schema.js';
import { tweetItem, userItem } from './x-fields.js';
import type { XRow } from './x-lists.js';

/** The expansions of a post list that the emulator's data can fill. */
export interface PostExpansions {
  /** `author_id`: the posts' authors in `includes.users`. */
  readonly authors: boolean;
  /** `in_reply_to_user_id`: the users replied to, in `includes.users`. */
  readonly replyUsers: boolean;
  /** `referenced_tweets.id`: the posts replied to or reposted, in `includes.tweets`. */
  readonly referencedPosts: boolean;
  /** `referenced_tweets.id.author_id`: their authors, in `includes.users`. */
  readonly referencedAuthors: boolean;
  /** `entities.mentions.username`: the mentioned users that exist, in `includes.users`. */
  readonly mentionedUsers: boolean;
}

/** The post fields an expansion needs in `data` (X returns them when the expansion is asked for). */
export function fieldsForExpansions(expansions: ReadonlySet<string>): string[] {
  const fields: string[] = [];
  if (expansions.has('author_id')) fields.push('author_id');
  if (expansions.has('in_reply_to_user_id')) fields.push('in_reply_to_user_id');
  if (expansions.has('referenced_tweets.id') || expansions.has('referenced_tweets.id.author_id')) {
    fields.push('referenced_tweets');
  }
  if (expansions.has('entities.mentions.username')) fields.push('entities');
  return fields;
}

/** Reads which {@link PostExpansions} a validated `expansions` set asks for. */
export function postExpansions(expansions: ReadonlySet<string>): PostExpansions {
  return {
    authors: expansions.has('author_id'),
    replyUsers: expansions.has('in_reply_to_user_id'),
    referencedPosts: expansions.has('referenced_tweets.id'),
    referencedAuthors: expansions.has('referenced_tweets.id.author_id'),
    mentionedUsers: expansions.has('entities.mentions.username'),
  };
}

/** What the includes read of a post item. */
export interface PostItem {
  readonly author_id?: string;
  readonly in_reply_to_user_id?: string;
  readonly referenced_tweets?: readonly { readonly id: string }[];
  readonly entities?: { readonly mentions?: readonly { readonly id?: string }[] };
}

/**
 * X's `includes` for a page of posts: `users` (the posts' authors, then the
 * users they reply to, then the authors of the posts they reference, then
 * the users they mention, each user once, with the requested
 * `user.fields`; a mention carries an `id` when its account exists, and
 * every such account is included) and `tweets` (the
 * referenced posts, with the requested `tweet.fields`). A referenced post
 * that no longer exists (the churn writer deletes posts) is left out. No
 * expansion asked for: no query, `undefined`. The X style writes the
 * section between `data` and `meta` and leaves out empty kinds.
 */
export async function postIncludes(
  db: Kysely<EmulatorDatabase>,
  posts: readonly PostItem[],
  expansions: PostExpansions,
  fields: { readonly tweet: ReadonlySet<string>; readonly user: ReadonlySet<string> },
): Promise<Record<string, readonly unknown[]> | undefined> {
  const { authors, replyUsers, referencedPosts, referencedAuthors, mentionedUsers } = expansions;
  if (!authors && !replyUsers && !referencedPosts && !referencedAuthors && !mentionedUsers) {
    return undefined;
  }
  const referencedIds =
    referencedPosts || referencedAuthors
      ? unique(posts.flatMap((p) => (p.referenced_tweets ?? []).map((r) => r.id)))
      : [];
  const referencedRows = await rowsByIds(db, 'x_tweets', referencedIds);

  const userIds = unique([
    ...(authors ? posts.flatMap((p) => (p.author_id ? [p.author_id] : [])) : []),
    ...(replyUsers
      ? posts.flatMap((p) => (p.in_reply_to_user_id ? [p.in_reply_to_user_id] : []))
      : []),
    ...(referencedAuthors ? referencedRows.map((r) => String(r['author_id'])) : []),
    ...(mentionedUsers
      ? posts.flatMap((p) => (p.entities?.mentions ?? []).flatMap((m) => (m.id ? [m.id] : [])))
      : []),
  ]);
  const users = (await rowsByIds(db, 'x_users', userIds)).map((r) => userItem(r, fields.user));
  const tweets = referencedPosts ? referencedRows.map((r) => tweetItem(r, fields.tweet)) : [];
  return { users, tweets };
}

/** The rows of `table` with these ids, in the order of `ids`; ids with no row are left out (one query). */
export async function rowsByIds(
  db: Kysely<EmulatorDatabase>,
  table: 'x_tweets' | 'x_users',
  ids: readonly string[],
): Promise<XRow[]> {
  if (ids.length === 0) return [];
  const rows = (await db
    .selectFrom(table)
    .selectAll()
    .where(
      'id',
      'in',
      ids.map((id) => BigInt(id)),
    )
    .execute()) as unknown as XRow[];
  const byId = new Map<string, XRow>(rows.map((r) => [String(r['id']), r]));
  return ids.flatMap((id): XRow[] => {
    const row = byId.get(id);
    return row === undefined ? [] : [row];
  });
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
