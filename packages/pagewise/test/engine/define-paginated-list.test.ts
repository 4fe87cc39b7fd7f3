import { describe, expect, it } from 'vitest';
import {
  type CursorValue,
  definePaginatedList,
  ListDefinitionError,
  type PageCursor,
  type PageTokenCodec,
  type PaginatedListOptions,
  type SortKey,
  type Source,
  Timestamp,
  type TokenBinding,
} from '../../src/engine/index.js';
import { isPagewiseError } from '../../src/errors/index.js';
import { memorySource } from '../../src/sources/memory/index.js';
import { TokenError } from '../../src/token/index.js';

type Row = { id: number; at: string };

/** A codec that does not check bindings: exercises the engine's own defensive checks. */
const looseCodec: PageTokenCodec = {
  seal: (cursor: PageCursor) =>
    JSON.stringify(cursor, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
  open: (token: string): PageCursor =>
    JSON.parse(token, (_k, v: unknown) =>
      typeof v === 'string' && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v,
    ) as PageCursor,
};

const idKey: SortKey = { column: 'id', kind: 'bigint', unique: true };
const binding: TokenBinding = { scope: 's', query: 'q' };

function define(options: Partial<PaginatedListOptions> = {}) {
  return definePaginatedList<Row>({ name: 'l', sort: [idKey], codec: looseCodec, ...options });
}

function definitionError(options: Partial<PaginatedListOptions>): ListDefinitionError {
  try {
    define(options);
  } catch (err) {
    if (err instanceof ListDefinitionError) return err;
    throw err;
  }
  throw new Error('definition was accepted');
}

describe('list definitions', () => {
  it('requires the last sort key to be declared unique, naming the fix', () => {
    const err = definitionError({ sort: [{ column: 'at', kind: 'timestamp' }] });
    expect(err.code).toBe('invalid_sort');
    expect(err.message).toMatch(/must be declared unique/);
    expect(isPagewiseError(err)).toBe(true);
  });

  it('rejects other inconsistent sort specs', () => {
    expect(definitionError({ sort: [] }).code).toBe('invalid_sort');
    expect(
      definitionError({ sort: [idKey, { column: 'at', kind: 'string', unique: true }] }).code,
    ).toBe('invalid_sort');
    expect(definitionError({ sort: [{ ...idKey, nullable: true }] }).code).toBe('invalid_sort');
    expect(definitionError({ sort: [{ column: 'id', kind: 'number' }, idKey] }).code).toBe(
      'invalid_sort',
    );
    expect(
      definitionError({ sort: [{ column: 'id', kind: 'float' as 'number', unique: true }] }).code,
    ).toBe('invalid_sort');
  });

  it('rejects inconsistent page sizes, windows without a kind and unknown options', () => {
    expect(definitionError({ pageSize: { default: 200, max: 100 } }).code).toBe(
      'invalid_page_size_limits',
    );
    expect(definitionError({ pageSize: { min: 0 } }).code).toBe('invalid_page_size_limits');
    expect(definitionError({ windows: { start_time: { column: 'at', op: '>=' } } }).code).toBe(
      'invalid_window_definition',
    );
    expect(definitionError({ windows: { since_id: { column: 'id', op: '!=' as '>' } } }).code).toBe(
      'invalid_window_definition',
    );
    expect(definitionError({ extra: true } as Partial<PaginatedListOptions>).code).toBe(
      'invalid_option',
    );
    expect(definitionError({ name: '' }).code).toBe('invalid_option');
  });

  it('resolves defaults once and freezes them', () => {
    const list = define({ windows: { since_id: { column: 'id', op: '>' } } });
    expect(list.definition.pageSize).toEqual({ default: 10, min: 1, max: 100, oversize: 'reject' });
    expect(list.definition.sort[0]).toEqual({
      column: 'id',
      field: 'id',
      direction: 'asc',
      kind: 'bigint',
      unique: true,
      nullable: false,
    });
    expect(list.definition.windows[0]?.kind).toBe('bigint');
    expect(Object.isFrozen(list.definition)).toBe(true);
    expect(list.definition.totals.mode).toBe('none');
    expect(list.definition.pageNumbers).toBeUndefined();
  });
});

describe('page requests', () => {
  const rows: Row[] = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, at: `t${i}` }));

  it('fails with invalid_row when the source omits a sort field', async () => {
    const source = memorySource([{ id: 1 }, { id: 2 }]) as unknown as Source<Row>;
    const list = definePaginatedList<Row>({
      name: 'l',
      sort: [{ column: 'at', kind: 'string' }, idKey],
      codec: looseCodec,
    });
    await expect(list.page({ source, binding, pageSize: 1 })).rejects.toMatchObject({
      name: 'ListDefinitionError',
      code: 'invalid_row',
    });
  });

  it('refuses a token whose window differs even when the codec did not check the binding', async () => {
    const list = define({ windows: { since_id: { column: 'id', op: '>' } } });
    const first = await list.page({ source: memorySource(rows), binding, pageSize: 2 });
    const err = await list
      .page({
        source: memorySource(rows),
        binding,
        token: first.nextToken,
        window: { since_id: 1 },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenError);
    expect(err).toMatchObject({ code: 'wrong_query' });
  });

  it('refuses a token whose keys do not fit the sort spec', async () => {
    const token = looseCodec.seal({ keys: ['x', 1], direction: 'after', window: [] }, binding);
    await expect(
      define().page({ source: memorySource(rows), binding, token }),
    ).rejects.toMatchObject({
      name: 'TokenError',
      code: 'malformed',
    });
  });

  it('stops before fetching when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let fetched = false;
    const source: Source<Row> = {
      fetch: async () => {
        fetched = true;
        return [];
      },
      count: async () => 0,
    };
    await expect(define().page({ source, binding, signal: controller.signal })).rejects.toThrow();
    expect(fetched).toBe(false);
  });

  it('treats an empty token as none (Zoom sends next_page_token="")', async () => {
    const page = await define().page({
      source: memorySource(rows),
      binding,
      token: '',
      pageSize: 2,
    });
    expect(page.items.map((r) => r.id)).toEqual([1, 2]);
    expect(page.previousToken).toBeUndefined();
  });

  it('asks the source for one row more than the page size and passes the window bounds', async () => {
    const seen: unknown[] = [];
    const source: Source<Row> = {
      fetch: async (request) => {
        seen.push({ limit: request.limit, window: request.window.map((w) => [w.name, w.value]) });
        return rows.slice(0, request.limit);
      },
      count: async () => 5,
    };
    const list = define({ windows: { since_id: { column: 'id', op: '>' } } });
    const page = await list.page({ source, binding, pageSize: 3, window: { since_id: '0' } });
    expect(seen).toEqual([{ limit: 4, window: [['since_id', 0n]] }]);
    expect(page.items).toHaveLength(3);
    expect(page.nextToken).toBeDefined();
  });

  it('seals a cursor at a known row with tokenFor', async () => {
    const list = define();
    const token = list.tokenFor(rows[1]!, { binding });
    const page = await list.page({ source: memorySource(rows), binding, token, pageSize: 2 });
    expect(page.items.map((r) => r.id)).toEqual([3, 4]);
    const back = list.tokenFor(rows[3]!, { binding, direction: 'before' });
    const before = await list.page({
      source: memorySource(rows),
      binding,
      token: back,
      pageSize: 2,
    });
    expect(before.items.map((r) => r.id)).toEqual([2, 3]);
  });

  it('keeps typed keys: bigint ids and timestamps', () => {
    const list = definePaginatedList<{ at: string; id: string }>({
      name: 't',
      sort: [{ column: 'e.at', kind: 'timestamp', direction: 'desc', nullable: false }, idKey],
      codec: looseCodec,
    });
    const keys: CursorValue[] = list.keysOf({
      at: '2024-01-01 00:00:00.000001+00',
      id: '9007199254740993',
    });
    expect(keys[0]).toBeInstanceOf(Timestamp);
    expect(keys[1]).toBe(9007199254740993n);
  });
});

describe('cached totals under concurrency', () => {
  const rows: Row[] = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, at: '2024-01-01' }));

  /** A memory source whose count() is slow, counted, and fails on demand. */
  function countingSource(state: { calls: number; fail: boolean; signals: unknown[] }) {
    const base = memorySource(rows);
    const source: Source<Row> = {
      fetch: (request) => base.fetch(request),
      async count(request) {
        state.calls++;
        state.signals.push(request.signal);
        await new Promise((r) => setTimeout(r, 20));
        if (state.fail) throw new Error('count failed');
        return base.count(request);
      },
    };
    return source;
  }

  it('sends one COUNT for concurrent requests that miss together, and one again after the TTL', async () => {
    let now = 0;
    const list = define({ totals: { mode: 'cached', ttlMs: 1_000 }, now: () => now });
    const state = { calls: 0, fail: false, signals: [] as unknown[] };
    const source = countingSource(state);
    const pages = await Promise.all(
      Array.from({ length: 10 }, () => list.page({ source, binding, pageSize: 5 })),
    );
    expect(pages.every((p) => p.totals?.totalRecords === 25)).toBe(true);
    expect(state.calls).toBe(1);
    now += 1_001;
    await Promise.all(Array.from({ length: 5 }, () => list.page({ source, binding, pageSize: 5 })));
    expect(state.calls).toBe(2);
  });

  it('shares the count without any one request’s signal, so an abort does not fail the others', async () => {
    const list = define({ totals: { mode: 'cached', ttlMs: 1_000 } });
    const state = { calls: 0, fail: false, signals: [] as unknown[] };
    const source = countingSource(state);
    const controller = new AbortController();
    const aborted = list.page({ source, binding, pageSize: 5, signal: controller.signal });
    const other = list.page({ source, binding, pageSize: 5 });
    controller.abort(new Error('caller left'));
    await expect(aborted).rejects.toThrow('caller left');
    expect((await other).totals?.totalRecords).toBe(25);
    expect(state.calls).toBe(1);
    expect(state.signals).toEqual([undefined]);
  });

  it('does not cache a failed count: its waiters fail, the next request counts again', async () => {
    const list = define({ totals: { mode: 'cached', ttlMs: 60_000 } });
    const state = { calls: 0, fail: true, signals: [] as unknown[] };
    const source = countingSource(state);
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, () => list.page({ source, binding, pageSize: 5 })),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(state.calls).toBe(1);
    state.fail = false;
    expect((await list.page({ source, binding, pageSize: 5 })).totals?.totalRecords).toBe(25);
    expect(state.calls).toBe(2);
  });
});
