import { randomBytes } from 'node:crypto';
import { definePaginatedList, type PaginatedList } from '../../src/engine/index.js';
import { KeyRing, TokenCodec } from '../../src/token/index.js';

/** A tweet-like row: reverse-chronological by id. */
export interface TweetRow {
  readonly id: bigint;
  readonly text: string;
}

/** `n` tweets with ids 1000+i. */
export function tweetRows(n: number): TweetRow[] {
  return Array.from({ length: n }, (_, i) => ({ id: BigInt(1000 + i), text: `tweet ${i}` }));
}

/** A codec with a fresh key; `now` injectable for expiry tests. */
export function testCodec(now?: () => number): TokenCodec {
  return new TokenCodec({
    keyRing: new KeyRing([{ id: 't1', key: randomBytes(32) }]),
    ...(now ? { now } : {}),
  });
}

/** A list of tweets newest first, with since_id/until_id windows and optional totals/page numbers. */
export function tweetList(
  options: {
    codec?: TokenCodec;
    min?: number;
    max?: number;
    def?: number;
    oversize?: 'clamp' | 'reject';
    totals?: boolean;
    pageNumbers?: boolean;
  } = {},
): PaginatedList<TweetRow> {
  return definePaginatedList<TweetRow>({
    name: 'tweets',
    sort: [{ column: 'id', direction: 'desc', kind: 'bigint', unique: true }],
    pageSize: {
      min: options.min ?? 1,
      max: options.max ?? 1000,
      default: options.def ?? 10,
      oversize: options.oversize ?? 'clamp',
    },
    windows: { since_id: { column: 'id', op: '>' }, until_id: { column: 'id', op: '<' } },
    codec: options.codec ?? testCodec(),
    ...(options.totals ? { totals: { mode: 'exact' as const } } : {}),
    ...(options.pageNumbers ? { pageNumbers: { maxOffset: 100 } } : {}),
  });
}
