import { isoSeconds, queryNames, queryValues } from 'pagewise/styles';
import { badParam, type RawQuery } from '../http/bad-param.js';
import { parseXTime } from '../http/wire-format.js';
import { fieldsForExpansions, type PostExpansions, postExpansions } from './post-includes.js';
import { ID_RE } from './x-endpoints.js';
import {
  listParam,
  X_TWEET_EXPANSIONS,
  X_TWEET_FIELDS,
  X_USER_EXPANSIONS,
  X_USER_FIELDS,
} from './x-fields.js';

/** The numeric user id of a path (`:id`), or X's 400. */
export function pathUserId(raw: string): bigint {
  if (!ID_RE.test(raw)) {
    badParam('id', [raw], `The \`id\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`);
  }
  return BigInt(raw);
}

/** Refuses any parameter the endpoint does not list, with X's message (lists do it in the style). */
export function rejectUnknown(query: RawQuery, allowed: readonly string[]): void {
  for (const name of queryNames(query)) {
    if (!allowed.includes(name)) {
      badParam(
        name,
        queryValues(query, name),
        `The query parameter [${name}] is not one of [${allowed.join(',')}]`,
      );
    }
  }
}

/**
 * since_id, until_id, start_time, end_time, checked as X does; `floorMs` is
 * search's reach, written in the message as `floorText` (default: to the
 * second, `2024-01-01T00:00:00Z`).
 */
export function xWindow(
  query: RawQuery,
  floorMs?: number,
  floorText?: string,
): Record<string, unknown> {
  const w: Record<string, unknown> = {};
  // A repeated value reads as the list joined with commas, which matches no pattern.
  const one = (p: string): string | undefined => {
    const values = queryValues(query, p);
    return values.length === 0 ? undefined : values.join(',');
  };
  for (const p of ['since_id', 'until_id'] as const) {
    const v = one(p);
    if (v === undefined) continue;
    if (!ID_RE.test(v)) {
      badParam(
        p,
        queryValues(query, p),
        `The \`${p}\` query parameter value [${v}] does not match ^[0-9]{1,19}$`,
      );
    }
    w[p] = BigInt(v);
  }
  for (const p of ['start_time', 'end_time'] as const) {
    const v = one(p);
    if (v === undefined) continue;
    const ms = parseXTime(v);
    if (ms === undefined) {
      badParam(
        p,
        queryValues(query, p),
        `Invalid '${p}':'${v}'. '${p}' must be a valid RFC 3339 date-time (YYYY-MM-DDTHH:mm:ssZ).`,
      );
    }
    w[p] = ms;
  }
  const start = w['start_time'] as number | undefined;
  const end = w['end_time'] as number | undefined;
  const startText = one('start_time') ?? '';
  if (start !== undefined && end !== undefined && start >= end) {
    badParam(
      'start_time',
      startText,
      `Invalid 'start_time':'${startText}'. 'start_time' must be before 'end_time'.`,
    );
  }
  if (floorMs !== undefined && start !== undefined && start < floorMs) {
    badParam(
      'start_time',
      startText,
      `Invalid 'start_time':'${startText}'. 'start_time' must be on or after ${floorText ?? isoSeconds(Math.ceil(floorMs / 1000) * 1000)}`,
    );
  }
  return w;
}

/** What a post list's field and expansion parameters ask for. */
export interface TweetOptions {
  /** Fields written on each post of `data`: the requested ones plus those expansions need. */
  readonly fields: ReadonlySet<string>;
  /** `tweet.fields` as requested (used for posts in `includes.tweets`). */
  readonly requested: ReadonlySet<string>;
  readonly expansions: PostExpansions;
  readonly userFields: ReadonlySet<string>;
}

/**
 * `tweet.fields`, `expansions` and `user.fields` of a post list; an
 * expansion implies the field it expands (`author_id`,
 * `in_reply_to_user_id`, `referenced_tweets`), as X does.
 */
export function tweetOptions(query: RawQuery): TweetOptions {
  const requested = listParam(query, 'tweet.fields', X_TWEET_FIELDS);
  const expansionNames = listParam(query, 'expansions', X_TWEET_EXPANSIONS);
  const userFields = listParam(query, 'user.fields', X_USER_FIELDS);
  const fields = new Set([...requested, ...fieldsForExpansions(expansionNames)]);
  return { fields, requested, expansions: postExpansions(expansionNames), userFields };
}

/** `user.fields` of a user list or lookup; `expansions` and `tweet.fields` are checked and accepted. */
export function userFields(query: RawQuery): ReadonlySet<string> {
  const fields = listParam(query, 'user.fields', X_USER_FIELDS);
  listParam(query, 'expansions', X_USER_EXPANSIONS);
  listParam(query, 'tweet.fields', X_TWEET_FIELDS);
  return fields;
}
