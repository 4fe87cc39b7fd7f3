import type { Insertable } from 'kysely';
import { textEntities } from '../x/x-entities.js';
import type { ResolvedDatasetSizes } from './dataset-sizes.js';
import { type GeneratedWebinar, zoomWebinarRows } from './generate-webinars.js';
import { snowflake, ZOOM_USER_ID_ALPHABET, zoomMeetingId, zoomMeetingUuid } from './ids.js';
import { Prng } from './prng.js';
import type {
  Int,
  XFollowTable,
  XLikeTable,
  XMentionTable,
  XTweetTable,
  XUserTable as XUserRow,
  ZoomMeetingTable,
  ZoomParticipantTable,
  ZoomUserTable,
} from './schema.js';
import {
  CASHTAGS,
  CLIENT_VERSIONS,
  DEPARTMENTS,
  EMOJI,
  FIRST_NAMES,
  GONE_USERNAMES,
  HASHTAGS,
  LAST_NAMES,
  LINKS,
  LOCATIONS,
  MEETING_TOPICS,
  TIMEZONES,
  WORDS,
} from './vocabulary.js';
import { xLikeRows } from './x-likes.js';
import { mentionRows } from './x-mentions.js';
import { POST_KIND, type XPostGraph, xPostGraph } from './x-post-graph.js';

/** A generated X user (the counts are the database's: triggers and the seed's recount). */
type XUserTable = Insertable<XUserRow>;
/** A generated X post. */
type XTweetRow = Insertable<XTweetTable>;

const DAY = 86_400_000;

/** What a dataset is generated from: same spec, same rows, on every machine. */
export interface DatasetSpec {
  readonly seed: string;
  readonly sizes: ResolvedDatasetSizes;
  /** "Now" of the dataset in ms (UTC midnight): posts lie in the 30 days before it, meetings around it. */
  readonly anchorMs: number;
}

/** Rows of every table, as lazy iterables (the default dataset is ~1M rows: never all in memory). */
export interface GeneratedDataset {
  zoomUsers(): Iterable<ZoomUserTable>;
  zoomMeetings(): Iterable<{ meeting: ZoomMeetingTable; participants: ZoomParticipantTable[] }>;
  /** Webinars with their participant sessions (own PRNG stream, hosts among the users). */
  zoomWebinars(): Iterable<GeneratedWebinar>;
  xUsers(): Iterable<XUserTable>;
  xTweets(): Iterable<XTweetRow>;
  xFollows(): Iterable<XFollowTable>;
  xLikes(): Iterable<XLikeTable>;
  /** The `x_mentions` rows of one generated post (from its text). */
  xMentionsOf(post: XTweetRow): XMentionTable[];
}

/**
 * The deterministic dataset generator. Each table draws from its own PRNG
 * stream (seed + table name), so changing one size does not reshuffle the
 * other tables, and user 0 of each service (the default principal) always
 * exists and is active.
 */
export function generateDataset(spec: DatasetSpec): GeneratedDataset {
  const { seed, sizes, anchorMs } = spec;
  const zoomUserIds = zoomUserIdList(seed, sizes.zoomUsers);
  const xUsers = xUserList(seed, sizes.xUsers, anchorMs);
  // Built once, on first use: posts and likes are both generated from it.
  let graph: XPostGraph | undefined;
  const postGraph = (): XPostGraph =>
    (graph ??= xPostGraph(seed, sizes.xTweets, xUsers.length, anchorMs, {
      likes: sizes.xLikes,
      quotes: sizes.xQuotes,
    }));
  let idsByUsername: Map<string, Int> | undefined;

  function* zoomUsers(): Generator<ZoomUserTable> {
    const r = new Prng(`${seed}/zoom_users`);
    for (let i = 0; i < sizes.zoomUsers; i++)
      yield zoomUser(r, i, zoomUserIds[i] as string, anchorMs);
  }

  return {
    zoomUsers,
    *zoomMeetings() {
      const r = new Prng(`${seed}/zoom_meetings`);
      let participantId = 1;
      for (let j = 0; j < sizes.zoomMeetings; j++) {
        const hostIndex = skewedIndex(r, sizes.zoomUsers);
        const m = zoomMeeting(r, j, zoomUserIds[hostIndex] as string, anchorMs);
        const participants: ZoomParticipantTable[] = [];
        if (Number(m.end_time) <= anchorMs && sizes.participantsPerMeeting > 0) {
          const n = r.int(Math.round(sizes.participantsPerMeeting * 2) + 1);
          for (let k = 0; k < n; k++) {
            participants.push(zoomParticipant(r, participantId++, m, zoomUserIds));
          }
        }
        m.participants_count = participants.length;
        yield { meeting: m, participants };
      }
    },
    *zoomWebinars() {
      yield* zoomWebinarRows(seed, sizes, [...zoomUsers()], anchorMs);
    },
    *xUsers() {
      yield* xUsers;
    },
    *xTweets() {
      yield* xTweetRows(seed, postGraph(), xUsers);
    },
    *xFollows() {
      yield* xFollowRows(seed, sizes.xFollows, xUsers, anchorMs);
    },
    *xLikes() {
      yield* xLikeRows(seed, postGraph(), xUsers, anchorMs);
    },
    xMentionsOf(post) {
      idsByUsername ??= new Map(xUsers.map((u) => [u.username.toLowerCase(), u.id]));
      return mentionRows(post, idsByUsername);
    },
  };
}

/** Zoom user ids in seed order (also used by the churn writer to pick hosts). */
export function zoomUserIdList(seed: string, n: number): string[] {
  const r = new Prng(`${seed}/zoom_user_ids`);
  const ids: string[] = [];
  const seen = new Set<string>();
  while (ids.length < n) {
    const id = r.chars(22, ZOOM_USER_ID_ALPHABET);
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/** Index in [0, n) skewed towards 0: a few very active users, a long tail (density ∝ 1/√x). */
export function skewedIndex(r: Prng, n: number): number {
  const x = r.next();
  return Math.min(n - 1, Math.floor(n * x * x));
}

function zoomUser(r: Prng, i: number, id: string, anchorMs: number): ZoomUserTable {
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const createdAt = secondFloor(anchorMs - r.int(2 * 365) * DAY - r.int(DAY));
  const roll = r.next();
  return {
    id,
    // Spaced by 1000 so the churn writer can insert users between seeded ones.
    seq: i * 1000,
    first_name: first,
    last_name: last,
    email: `${first}.${last.replace(/[^A-Za-z]/g, '')}.${i}@example.com`.toLowerCase(),
    // Zoom's plan types: 1 Basic, 2 Licensed, 4 Unassigned without Meetings Basic (99 is deprecated).
    type: i === 0 ? 2 : r.chance(0.6) ? 2 : r.chance(0.9) ? 1 : 4,
    pmi: String(r.range(1_000_000_000, 9_999_999_999)),
    timezone: r.pick(TIMEZONES),
    dept: r.pick(DEPARTMENTS),
    created_at: createdAt,
    last_login_time: secondFloor(createdAt + r.int(Math.max(1, anchorMs - createdAt))),
    last_client_version: r.pick(CLIENT_VERSIONS),
    status: i === 0 || roll < 0.85 ? 'active' : roll < 0.95 ? 'inactive' : 'pending',
    role_id: i === 0 ? '0' : r.chance(0.1) ? '1' : '2',
    group_ids: JSON.stringify(r.chance(0.3) ? [`grp${r.int(10)}`] : []),
    im_group_ids: JSON.stringify([]),
    origin: 0,
  };
}

/** One meeting; `index` fixes its id. Exported for the churn writer. */
export function zoomMeeting(
  r: Prng,
  index: number,
  hostId: string,
  anchorMs: number,
): ZoomMeetingTable {
  const start = secondFloor(anchorMs - 180 * DAY + r.int(210 * DAY));
  const scheduled = 15 * r.range(1, 8);
  const duration = Math.max(1, scheduled + r.range(-10, 20));
  const roll = r.next();
  const id = zoomMeetingId(index, r.int(1000));
  return {
    id,
    uuid: zoomMeetingUuid(r.bytes(16)),
    host_id: hostId,
    topic: r.pick(MEETING_TOPICS),
    type: roll < 0.6 ? 2 : roll < 0.8 ? 8 : roll < 0.9 ? 1 : 3,
    start_time: start,
    end_time: start + duration * 60_000,
    duration: scheduled,
    timezone: r.pick(TIMEZONES),
    created_at: secondFloor(start - r.int(30 * DAY)),
    agenda: r.chance(0.5) ? `${r.pick(MEETING_TOPICS)} agenda` : '',
    participants_count: 0,
    features: r.int(128),
    origin: 0,
  };
}

/** One participant session inside meeting `m`. Exported for the churn writer. */
export function zoomParticipant(
  r: Prng,
  id: number,
  m: ZoomMeetingTable,
  zoomUserIds: readonly string[],
): ZoomParticipantTable {
  const start = Number(m.start_time);
  const end = Number(m.end_time);
  const join = secondFloor(start + r.int(Math.max(1, (end - start) / 2)));
  const leave = secondFloor(join + r.int(Math.max(1, end - join)) + 1000);
  const internal = r.chance(0.7);
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  return {
    id,
    meeting_id: m.id,
    participant_id: internal ? r.pick(zoomUserIds) : '',
    user_id: String(16_778_240 + id),
    name: `${first} ${last}`,
    user_email: internal ? `${first}.${id}@example.com`.toLowerCase() : '',
    join_time: join,
    leave_time: Math.max(join, leave),
    attentiveness_score: r.chance(0.5) ? String(r.int(101)) : '',
    origin: 0,
  };
}

/** X's username rule: 1–15 of `[A-Za-z0-9_]`. */
export const X_USERNAME_MAX = 15;

/**
 * A unique, valid username: `first_word` cut so that the index fits
 * (`grace_keyset12`, `katherine_com345`). The index is the only digit run
 * (names and words have none), so two users never share a name.
 */
export function xUsername(first: string, word: string, index: number): string {
  const suffix = String(index);
  return `${first.toLowerCase()}_${word}`.slice(0, X_USERNAME_MAX - suffix.length) + suffix;
}

/** A t.co link of the link vocabulary. */
function tcoLink(r: Prng): string {
  return `https://t.co/${r.pick(LINKS).slug}`;
}

function xUserList(seed: string, n: number, anchorMs: number): XUserTable[] {
  const r = new Prng(`${seed}/x_users`);
  const out: XUserTable[] = [];
  for (let i = 0; i < n; i++) {
    // Accounts created between 2012 and a year before the anchor; the id encodes it.
    const lo = Date.UTC(2012, 0, 1);
    const createdAt = lo + r.int(Math.max(1, anchorMs - 365 * DAY - lo));
    const first = r.pick(FIRST_NAMES);
    const word = r.pick(WORDS);
    // Bios: two words and a hashtag; some mention an earlier account, name a ticker or link out.
    const bio: string[] = [r.pick(WORDS), r.pick(WORDS), r.pick(HASHTAGS)];
    if (i > 0 && r.chance(0.2)) bio.push(`@${(out[r.int(i)] as XUserTable).username}`);
    if (r.chance(0.1)) bio.push(r.pick(CASHTAGS));
    if (r.chance(0.15)) bio.push(tcoLink(r));
    out.push({
      id: snowflake(createdAt, i),
      name: `${first} ${r.pick(LAST_NAMES)}`,
      username: xUsername(first, word, i),
      created_at: createdAt,
      description: bio.join(' '),
      location: r.pick(LOCATIONS),
      url: r.chance(0.3) ? tcoLink(r) : '',
      verified: r.chance(0.05) ? 1 : 0,
      protected: 0,
      // Lists are not emulated: how many lists hold the account, long-tailed.
      listed_count: Math.floor(r.next() ** 3 * 200),
      origin: 0,
    });
  }
  return out;
}

function* xTweetRows(
  seed: string,
  graph: XPostGraph,
  users: readonly XUserTable[],
): Generator<XTweetRow> {
  const r = new Prng(`${seed}/x_tweets`);
  const idOf = new Map(users.map((u) => [u.username, String(u.id)]));
  const resolve = (username: string) => idOf.get(username);
  // Who posts what, and what each reply, retweet and quote points at, come
  // from the post graph (times ascending, so ids grow with time and a
  // reference is always older); this stream writes the texts and the counts
  // the graph does not hold.
  const n = graph.times.length;
  const ids: bigint[] = new Array(n);
  // Conversation root of every post so far.
  const roots: bigint[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const createdAt = graph.times[k] as number;
    const id = snowflake(createdAt, k);
    ids[k] = id;
    const author = users[graph.authors[k] as number] as XUserTable;
    const kind = graph.kinds[k] as number;
    const refIndex = graph.refs[k] as number;
    const ref = refIndex < 0 ? null : (ids[refIndex] as bigint);
    // A reply or retweet names the author of the post it points at.
    const other =
      refIndex < 0 ? undefined : (users[graph.authors[refIndex] as number] as XUserTable);
    roots[k] = kind === POST_KIND.reply ? (roots[refIndex] as bigint) : id;
    const mentioned = graph.mentions[k] as number;
    let text = tweetText(r, kind === POST_KIND.quote ? 0 : kind, other?.username ?? '', users);
    if (mentioned >= 0) text = `${text} @${(users[mentioned] as XUserTable).username}`;
    const likes = graph.likeCounts[k] as number;
    yield {
      id,
      author_id: author.id,
      created_at: createdAt,
      text,
      kind,
      in_reply_to_user_id: kind === POST_KIND.reply && other ? other.id : null,
      referenced_tweet_id: ref,
      conversation_id: roots[k] as bigint,
      lang: 'en',
      like_count: likes,
      retweet_count: graph.retweetCounts[k] as number,
      reply_count: graph.replyCounts[k] as number,
      quote_count: graph.quoteCounts[k] as number,
      // Views run ten to a hundred times the likes; a fraction of likers bookmark.
      impression_count: likes * (10 + r.int(90)) + r.int(1000),
      bookmark_count: r.int(Math.floor(likes / 5) + 1),
      entities: postEntitiesJson(text, resolve),
      origin: 0,
    };
  }
}

/** The stored form of a post's entities: JSON, or '' when it has none. Exported for the churn writer. */
export function postEntitiesJson(
  text: string,
  resolve?: (username: string) => string | undefined,
): string {
  const entities = textEntities(text, resolve);
  return entities === undefined ? '' : JSON.stringify(entities);
}

/**
 * Post text; exported for the churn writer. A reply starts with the
 * answered author's `@username`, a repost with `RT @username:`. Bodies mix
 * words with hashtags, cashtags, mentions (some of accounts that no longer
 * exist), t.co links and emoji, so entities and their code-point offsets
 * have something to show.
 */
export function tweetText(
  r: Prng,
  kind: number,
  otherUsername: string,
  users: readonly { readonly username: string }[] = [],
): string {
  const words: string[] = [];
  const n = r.range(4, 14);
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  const insert = (token: string) => words.splice(1 + r.int(words.length), 0, token);
  if (r.chance(0.1)) insert(r.pick(EMOJI));
  if (r.chance(0.12) && users.length > 0) {
    insert(`@${r.chance(0.15) ? r.pick(GONE_USERNAMES) : r.pick(users).username}`);
  }
  if (r.chance(0.05)) insert(r.pick(CASHTAGS));
  if (r.chance(0.2)) words.push(r.pick(HASHTAGS));
  if (r.chance(0.1)) words.push(tcoLink(r));
  const body = words.join(' ');
  if (kind === 1) return `@${otherUsername} ${body}`;
  if (kind === 2) return `RT @${otherUsername}: ${body}`;
  return body.charAt(0).toUpperCase() + body.slice(1);
}

function* xFollowRows(
  seed: string,
  total: number,
  users: readonly XUserTable[],
  anchorMs: number,
): Generator<XFollowTable> {
  const r = new Prng(`${seed}/x_follows`);
  const n = users.length;
  if (n < 2 || total === 0) return;
  // Spread `total` edges over followers; each follower samples distinct
  // followees with a partial Fisher–Yates shuffle of the other users.
  const perFollower = new Array<number>(n).fill(Math.floor(total / n));
  for (let i = 0; i < total % n; i++) perFollower[i] = (perFollower[i] as number) + 1;
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let f = 0; f < n; f++) {
    const want = Math.min(perFollower[f] as number, n - 1);
    // Move the follower itself to the end so it is never sampled.
    swap(pool, pool.indexOf(f), n - 1);
    for (let k = 0; k < want; k++) {
      swap(pool, k, k + r.int(n - 1 - k));
      const followee = users[pool[k] as number] as XUserTable;
      const follower = users[f] as XUserTable;
      const from = Math.max(Number(followee.created_at), Number(follower.created_at));
      yield {
        follower_id: follower.id,
        followee_id: followee.id,
        created_at: from + r.int(Math.max(1, anchorMs - from)),
        origin: 0,
      };
    }
  }
}

function swap(a: number[], i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

function secondFloor(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** Ids of user 0 of each service: the default API principal's own users (`me`). */
export function ownerUserIds(spec: DatasetSpec): { zoomUserId: string; xUserId: bigint } {
  return {
    zoomUserId: zoomUserIdList(spec.seed, 1)[0] as string,
    xUserId: BigInt((xUserList(spec.seed, 1, spec.anchorMs)[0] as XUserTable).id),
  };
}
