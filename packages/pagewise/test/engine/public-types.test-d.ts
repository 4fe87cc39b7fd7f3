import { expectTypeOf } from 'vitest';
import {
  type CursorValue,
  definePaginatedList,
  type Page,
  type PageRequest,
  type PageTokenCodec,
  type Source,
} from '../../src/engine/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import type { TokenCodec } from '../../src/token/index.js';

interface Tweet {
  id: string;
  created_at: string;
  text: string;
}

declare const codec: TokenCodec;

// The real codec satisfies the engine's structural port.
expectTypeOf(codec).toMatchTypeOf<PageTokenCodec>();

const list = definePaginatedList<Tweet>({
  name: 'tweets',
  sort: [
    { column: 'created_at', direction: 'desc', kind: 'timestamp' },
    { column: 'id', direction: 'desc', kind: 'bigint', unique: true },
  ],
  codec,
});

expectTypeOf(memorySource<Tweet>([])).toEqualTypeOf<Source<Tweet>>();
expectTypeOf(list.page).parameter(0).toEqualTypeOf<PageRequest<Tweet>>();
expectTypeOf(list.page).returns.resolves.toEqualTypeOf<Page<Tweet>>();
expectTypeOf<Page<Tweet>['items']>().toEqualTypeOf<Tweet[]>();
expectTypeOf<Page<Tweet>['nextToken']>().toEqualTypeOf<string | undefined>();
expectTypeOf(list.keysOf).returns.toEqualTypeOf<CursorValue[]>();

// Optional request fields accept `undefined` straight from a parsed query string.
expectTypeOf<{
  source: Source<Tweet>;
  binding: { scope: string; query: string };
  token: string | undefined;
  pageSize: number | undefined;
}>().toMatchTypeOf<PageRequest<Tweet>>();

// Sort keys need a kind.
definePaginatedList<Tweet>({
  name: 'x',
  // @ts-expect-error: kind is required
  sort: [{ column: 'id', unique: true }],
  codec,
});
