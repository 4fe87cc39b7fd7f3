import { sql } from 'kysely';
import type { EmulatorContext } from '../emulator-context.js';

/** One parameter of a walkable list, as the console's form shows it. */
export interface WalkParam {
  readonly name: string;
  /** Value filled in from the dataset (an id that has several pages of rows). */
  readonly value: string;
  /** One line on what it does. */
  readonly help: string;
  /** A path segment (`{name}` in the path) rather than a query parameter. */
  readonly inPath: boolean;
}

/** One list the console can walk, page by page. */
export interface WalkEndpoint {
  readonly id: string;
  readonly label: string;
  readonly style: 'zoom' | 'x';
  /** Path with `{name}` placeholders for path parameters. */
  readonly path: string;
  readonly params: readonly WalkParam[];
  /** Query parameter that carries the page token. */
  readonly tokenParam: string;
  /** Field of the response body that holds the items. */
  readonly itemsField: string;
  /** Item field shown as its id. */
  readonly idField: string;
  /** Names of the cursor's sort keys, in order (the list's sort). */
  readonly sortKeys: readonly string[];
  /** Names of the cursor's window values, in order (the list's windows). */
  readonly windows: readonly string[];
}

/** Reads an item's row in the database and returns its sort-key values as text, in cursor order. */
export type RowKeysReader = (
  item: Readonly<Record<string, unknown>>,
  params: Readonly<Record<string, string>>,
) => Promise<string[] | undefined>;

/** A walkable list with the database lookup that checks its cursors. */
export interface WalkDefinition {
  readonly endpoint: WalkEndpoint;
  readonly rowKeys: RowKeysReader;
}

const TWEET_WINDOWS = ['since_id', 'until_id', 'start_time', 'end_time'];
const text = (row: Readonly<Record<string, unknown>> | undefined, cols: string[]) =>
  row === undefined ? undefined : cols.map((c) => String(row[c]));

/**
 * The lists the console's walk view offers, with defaults taken from the
 * dataset (the most prolific author, the most followed user, the owner) so a
 * walk has pages to step through. Sort-key and window names mirror the
 * lists' definitions in `zoom-lists.ts` and `x-lists.ts`.
 */
export async function walkCatalog(ctx: EmulatorContext): Promise<readonly WalkDefinition[]> {
  const db = ctx.handle.db;
  const topAuthor = await db
    .selectFrom('x_tweets')
    .select('author_id')
    .groupBy('author_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('author_id')
    .limit(1)
    .executeTakeFirst();
  const top = async (column: 'followee_id' | 'follower_id') =>
    (
      await db
        .selectFrom('x_follows')
        .select(column)
        .groupBy(column)
        .orderBy(sql`count(*)`, 'desc')
        .orderBy(column)
        .limit(1)
        .executeTakeFirst()
    )?.[column];
  const topHost = await db
    .selectFrom('zoom_meetings')
    .select('host_id')
    .groupBy('host_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('host_id')
    .limit(1)
    .executeTakeFirst();
  const owner = ctx.principals.owner;
  const author = String(topAuthor?.author_id ?? owner.xUserId);
  const followed = String((await top('followee_id')) ?? owner.xUserId);
  const follower = String((await top('follower_id')) ?? owner.xUserId);
  const host = topHost?.host_id ?? 'me';
  const p = (name: string, value: string, help: string, inPath = false): WalkParam => ({
    name,
    value,
    help,
    inPath,
  });
  const tweetRow: RowKeysReader = async (item) =>
    /^\d{1,19}$/.test(String(item['id']))
      ? text(
          await db
            .selectFrom('x_tweets')
            .select(['created_at', 'id'])
            .where('id', '=', BigInt(String(item['id'])))
            .executeTakeFirst(),
          ['created_at', 'id'],
        )
      : undefined;
  const followRow =
    (mine: 'followee_id' | 'follower_id', theirs: 'followee_id' | 'follower_id'): RowKeysReader =>
    async (item, params) => {
      const user = params['id'] ?? '';
      const other = String(item['id']);
      if (!/^\d{1,19}$/.test(user) || !/^\d{1,19}$/.test(other)) return undefined;
      return text(
        await db
          .selectFrom('x_follows')
          .select(['created_at', theirs])
          .where(mine, '=', BigInt(user))
          .where(theirs, '=', BigInt(other))
          .executeTakeFirst(),
        ['created_at', theirs],
      );
    };
  const x = (
    id: string,
    label: string,
    path: string,
    params: WalkParam[],
    sortKeys: string[],
    rowKeys: RowKeysReader,
    windows: string[] = [],
  ): WalkDefinition => ({
    endpoint: {
      id,
      label,
      style: 'x',
      path,
      params,
      tokenParam: 'pagination_token',
      itemsField: 'data',
      idField: 'id',
      sortKeys,
      windows,
    },
    rowKeys,
  });
  const zoom = (
    id: string,
    label: string,
    path: string,
    params: WalkParam[],
    itemsField: string,
    idField: string,
    sortKeys: string[],
    rowKeys: RowKeysReader,
    windows: string[] = [],
  ): WalkDefinition => ({
    endpoint: {
      id,
      label,
      style: 'zoom',
      path,
      params,
      tokenParam: 'next_page_token',
      itemsField,
      idField,
      sortKeys,
      windows,
    },
    rowKeys,
  });
  const maxResults = p('max_results', '10', 'Posts or users per page (X: 5–100 for posts).');
  return [
    x(
      'x.user_tweets',
      "X: a user's posts (GET /2/users/:id/tweets)",
      '/2/users/{id}/tweets',
      [
        p('id', author, 'The author: a decimal user id.', true),
        maxResults,
        p('tweet.fields', 'created_at', 'Extra post fields to return.'),
        p('exclude', '', 'retweets, replies, or both (comma-separated).'),
      ],
      ['created_at (ms)', 'id'],
      tweetRow,
      TWEET_WINDOWS,
    ),
    x(
      'x.search_recent',
      'X: recent search (GET /2/tweets/search/recent)',
      '/2/tweets/search/recent',
      [
        p('query', 'api', 'Search query: words, "phrases", from:user, -word, OR.'),
        maxResults,
        p('tweet.fields', 'created_at', 'Extra post fields to return.'),
      ],
      ['created_at (ms)', 'id'],
      tweetRow,
      TWEET_WINDOWS,
    ),
    x(
      'x.followers',
      "X: a user's followers (GET /2/users/:id/followers)",
      '/2/users/{id}/followers',
      [p('id', followed, 'The followed user: a decimal user id.', true), maxResults],
      ['follow created_at (ms)', 'follower id'],
      followRow('followee_id', 'follower_id'),
    ),
    x(
      'x.following',
      'X: whom a user follows (GET /2/users/:id/following)',
      '/2/users/{id}/following',
      [p('id', follower, 'The following user: a decimal user id.', true), maxResults],
      ['follow created_at (ms)', 'followee id'],
      followRow('follower_id', 'followee_id'),
    ),
    zoom(
      'zoom.users',
      'Zoom: users (GET /v2/users)',
      '/v2/users',
      [
        p('page_size', '10', 'Users per page (1–300; more is clamped to 300).'),
        p('status', 'active', 'active, inactive or pending.'),
      ],
      'users',
      'id',
      ['seq'],
      async (item) =>
        text(
          await db
            .selectFrom('zoom_users')
            .select('seq')
            .where('id', '=', String(item['id']))
            .executeTakeFirst(),
          ['seq'],
        ),
    ),
    zoom(
      'zoom.user_meetings',
      "Zoom: a user's meetings (GET /v2/users/:userId/meetings)",
      '/v2/users/{userId}/meetings',
      [
        p('userId', host, 'User id, email, or me (the owner).', true),
        p('page_size', '10', 'Meetings per page (1–300).'),
        p('type', 'previous_meetings', 'scheduled, live, upcoming or previous_meetings.'),
      ],
      'meetings',
      'uuid',
      ['start_time (ms)', 'id'],
      async (item) =>
        text(
          await db
            .selectFrom('zoom_meetings')
            .select(['start_time', 'id'])
            .where('uuid', '=', String(item['uuid']))
            .executeTakeFirst(),
          ['start_time', 'id'],
        ),
      ['from', 'to'],
    ),
  ];
}
