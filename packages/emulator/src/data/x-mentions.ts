import type { Int, XMentionTable } from './schema.js';

/**
 * An `@username` in a post's text: `@` at the start or after a character
 * that cannot be part of a username, then letters, digits and `_` (X's
 * username alphabet). The 15-character cap of X's usernames is not applied
 * here: the lookup of the name decides whether it is a user.
 */
const MENTION_RE = /(?:^|[^A-Za-z0-9_@])@([A-Za-z0-9_]+)/g;

/** The usernames a text mentions, lower-cased, each once, in order of appearance. */
export function mentionedUsernames(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION_RE)) out.add((m[1] as string).toLowerCase());
  return [...out];
}

/**
 * The `x_mentions` rows of a post: one per `@username` of its text that
 * names a user (`idsByUsername` keys are lower-case). Seeding and the churn
 * writer both derive mentions this way, so the table always agrees with
 * the texts.
 */
export function mentionRows(
  post: { readonly id: Int; readonly created_at: Int; readonly text: string; readonly origin: Int },
  idsByUsername: ReadonlyMap<string, Int>,
): XMentionTable[] {
  const rows: XMentionTable[] = [];
  for (const name of mentionedUsernames(post.text)) {
    const userId = idsByUsername.get(name);
    if (userId === undefined) continue;
    rows.push({
      user_id: userId,
      tweet_id: post.id,
      created_at: post.created_at,
      origin: post.origin,
    });
  }
  return rows;
}
