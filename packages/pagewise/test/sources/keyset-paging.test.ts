import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPg } from '../../../../test/helpers/pg.js';
import {
  definePaginatedList,
  type Page,
  type PageRequest,
  PageRequestError,
  type PaginatedListOptions,
} from '../../src/engine/index.js';
import { kyselySource } from '../../src/sources/kysely/index.js';
import { TokenError } from '../../src/token/index.js';
import {
  type Backend,
  type ItemRow,
  memoryBackend,
  pgBackend,
  sqliteBackend,
  tsText,
} from './backends.js';
import { testCodec } from './codec.js';

type Row = Record<string, unknown>;

const NAMES = ['b', 'a', 'B', null, 'ab'] as const;

function makeRows(n: number): ItemRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: BigInt(i + 1),
    created_at: tsText(Math.floor(i / 2) * 7),
    score: i % 3 === 0 ? null : i % 4,
    name: NAMES[i % NAMES.length] ?? null,
    grp: i % 3,
  }));
}

/** created_at desc, id desc: the X timeline order, computed independently of the engine. */
function timelineOrder(rows: readonly ItemRow[]): string[] {
  return [...rows]
    .sort((a, b) =>
      a.created_at === b.created_at ? Number(b.id - a.id) : a.created_at < b.created_at ? 1 : -1,
    )
    .map((r) => String(r.id));
}

const ids = (page: Page<Row>) => page.items.map((r) => String(r['id']));
const binding = { scope: 'user-1', query: 'q1' };

function timeline(options: Partial<PaginatedListOptions> = {}) {
  return definePaginatedList<Row>({
    name: 'timeline',
    sort: [
      { column: 'created_at', direction: 'desc', kind: 'timestamp', nullable: false },
      { column: 'id', direction: 'desc', kind: 'bigint', unique: true },
    ],
    pageSize: { default: 3, max: 10 },
    windows: {
      since_id: { column: 'id', op: '>' },
      until_id: { column: 'id', op: '<' },
      start_time: { column: 'created_at', op: '>=' },
      end_time: { column: 'created_at', op: '<' },
    },
    codec: testCodec(),
    ...options,
  });
}

async function walkForward(
  list: ReturnType<typeof timeline>,
  request: Omit<PageRequest<Row>, 'token'>,
): Promise<Page<Row>[]> {
  const pages: Page<Row>[] = [];
  let token: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await list.page({ ...request, token });
    pages.push(page);
    token = page.nextToken;
    if (token === undefined) return pages;
  }
  throw new Error('walk did not end');
}

const backends: Array<[string, () => Promise<Backend>, boolean]> = [
  ['memory', async () => memoryBackend(), true],
  ['sqlite', sqliteBackend, true],
  ['postgres', () => pgBackend(), hasPg],
  // The same cases with every read run as a named prepared statement.
  ['postgres (pgPreparedStatements)', () => pgBackend({ preparedStatements: true }), hasPg],
  // And with the base query built and compiled once (preparedKyselySource).
  ['sqlite (preparedKyselySource)', () => sqliteBackend({ prepared: true }), true],
  [
    'postgres (preparedKyselySource, pgPreparedStatements)',
    () => pgBackend({ preparedStatements: true, prepared: true }),
    hasPg,
  ],
];

for (const [name, make, enabled] of backends) {
  describe.skipIf(!enabled)(`keyset paging on ${name}`, () => {
    // SQL-only cases are not defined for the memory source (rather than shown as skipped).
    const itSql = (name === 'memory' ? () => undefined : it) as typeof it;
    let b: Backend;
    beforeAll(async () => {
      b = await make();
    });
    afterAll(async () => {
      await b?.close();
    });

    it('returns one empty page, without tokens, for an empty table', async () => {
      await b.load([]);
      const page = await timeline().page({ source: b.source(), binding });
      expect(page).toEqual({ items: [], pageSize: 3 });
    });

    it('returns a single row on a single page', async () => {
      await b.load(makeRows(1));
      const page = await timeline().page({ source: b.source(), binding });
      expect(ids(page)).toEqual(['1']);
      expect(page.nextToken).toBeUndefined();
      expect(page.previousToken).toBeUndefined();
    });

    it('walks page size 1 forward and back over ties in the leading key', async () => {
      const rows = makeRows(7);
      await b.load(rows);
      const list = timeline();
      const pages = await walkForward(list, { source: b.source(), binding, pageSize: 1 });
      expect(pages.flatMap(ids)).toEqual(timelineOrder(rows));
      expect(pages.at(-1)?.nextToken).toBeUndefined();
      // Back from the last page to the first, page by page.
      let page = pages.at(-1)!;
      for (let i = pages.length - 2; i >= 0; i--) {
        page = await list.page({
          source: b.source(),
          binding,
          pageSize: 1,
          token: page.previousToken,
        });
        expect(ids(page)).toEqual(ids(pages[i]!));
      }
      expect(page.previousToken).toBeUndefined();
    });

    it('ends without an empty page when the row count is a multiple of the page size', async () => {
      const rows = makeRows(9);
      await b.load(rows);
      const pages = await walkForward(timeline(), { source: b.source(), binding, pageSize: 3 });
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 3]);
      expect(pages.flatMap(ids)).toEqual(timelineOrder(rows));
    });

    it('serves everything on one page when the page size equals the row count', async () => {
      const rows = makeRows(5);
      await b.load(rows);
      const page = await timeline().page({ source: b.source(), binding, pageSize: 5 });
      expect(ids(page)).toEqual(timelineOrder(rows));
      expect(page.nextToken).toBeUndefined();
    });

    it('accepts the maximum page size, rejects one more, or clamps it', async () => {
      await b.load(makeRows(12));
      expect(
        (await timeline().page({ source: b.source(), binding, pageSize: 10 })).items,
      ).toHaveLength(10);
      await expect(
        timeline().page({ source: b.source(), binding, pageSize: 11 }),
      ).rejects.toMatchObject({
        name: 'PageRequestError',
        code: 'page_size_too_large',
        max: 10,
      });
      const clamped = timeline({ pageSize: { default: 3, max: 10, oversize: 'clamp' } });
      const page = await clamped.page({ source: b.source(), binding, pageSize: 500 });
      expect(page.items).toHaveLength(10);
      expect(page.pageSize).toBe(10);
    });

    it('rejects page sizes that are not positive integers', async () => {
      for (const pageSize of [0, -1, 1.5, Number.NaN]) {
        await expect(
          timeline().page({ source: b.source(), binding, pageSize }),
        ).rejects.toBeInstanceOf(PageRequestError);
      }
      const x = timeline({ pageSize: { default: 10, min: 5, max: 100 } });
      await expect(x.page({ source: b.source(), binding, pageSize: 3 })).rejects.toMatchObject({
        code: 'invalid_page_size',
        min: 5,
      });
    });

    it('refuses tokens from another list, query or scope', async () => {
      await b.load(makeRows(8));
      const codec = testCodec();
      const list = timeline({ codec });
      const first = await list.page({ source: b.source(), binding });
      const token = first.nextToken!;
      const other = timeline({ codec, name: 'other' });
      await expect(other.page({ source: b.source(), binding, token })).rejects.toMatchObject({
        code: 'wrong_query',
      });
      await expect(
        list.page({ source: b.source(), binding: { ...binding, query: 'q2' }, token }),
      ).rejects.toBeInstanceOf(TokenError);
      await expect(
        list.page({ source: b.source(), binding: { ...binding, scope: 'user-2' }, token }),
      ).rejects.toMatchObject({ code: 'wrong_scope' });
      await expect(
        list.page({ source: b.source(), binding, token: 'garbage' }),
      ).rejects.toBeInstanceOf(TokenError);
      // A changed page size is allowed with the same token.
      const next = await list.page({ source: b.source(), binding, token, pageSize: 5 });
      expect(next.items).toHaveLength(5);
    });

    it('applies since_id/until_id and time windows for the whole walk', async () => {
      const rows = makeRows(20);
      await b.load(rows);
      const list = timeline();
      const window = { since_id: '3', until_id: 18n, start_time: tsText(7), end_time: tsText(60) };
      const pages = await walkForward(list, { source: b.source(), binding, pageSize: 4, window });
      const expected = timelineOrder(
        rows.filter(
          (r) => r.id > 3n && r.id < 18n && r.created_at >= tsText(7) && r.created_at < tsText(60),
        ),
      );
      expect(pages.flatMap(ids)).toEqual(expected);
      const first = pages[0]!;
      await expect(
        list.page({
          source: b.source(),
          binding,
          token: first.nextToken,
          window: { since_id: 4n },
        }),
      ).rejects.toMatchObject({ name: 'TokenError', code: 'wrong_query' });
      await expect(
        list.page({ source: b.source(), binding, window: { since_id: 'abc' } }),
      ).rejects.toMatchObject({ code: 'invalid_window' });
      await expect(
        list.page({ source: b.source(), binding, window: { nope: 1 } }),
      ).rejects.toMatchObject({
        code: 'invalid_window',
      });
    });

    it('sorts NULL as the largest value and pages through NULL runs', async () => {
      const rows = makeRows(15);
      await b.load(rows);
      for (const direction of ['asc', 'desc'] as const) {
        const list = definePaginatedList<Row>({
          name: `by-score-${direction}`,
          sort: [
            { column: 'score', direction, kind: 'number' },
            { column: 'name', direction: direction === 'asc' ? 'desc' : 'asc', kind: 'string' },
            { column: 'id', direction: 'asc', kind: 'bigint', unique: true },
          ],
          codec: testCodec(),
        });
        const pages = await walkForward(list as ReturnType<typeof timeline>, {
          source: b.source(),
          binding,
          pageSize: 2,
        });
        const got = pages.flatMap((p) => p.items);
        const scores = got.map((r) => (r['score'] === null ? null : Number(r['score'])));
        const nulls = scores.filter((s) => s === null).length;
        expect(nulls).toBe(5);
        if (direction === 'asc') expect(scores.slice(-nulls)).toEqual(Array(nulls).fill(null));
        else expect(scores.slice(0, nulls)).toEqual(Array(nulls).fill(null));
        expect(new Set(got.map((r) => String(r['id']))).size).toBe(15);
        // Backward from the end reproduces the same pages.
        let page = pages.at(-1)!;
        for (let i = pages.length - 2; i >= 0; i--) {
          page = await list.page({
            source: b.source(),
            binding,
            pageSize: 2,
            token: page.previousToken,
          });
          expect(ids(page)).toEqual(ids(pages[i]!));
        }
      }
    });

    it('pages a filtered base query', async () => {
      const rows = makeRows(12);
      await b.load(rows);
      const pages = await walkForward(timeline(), {
        source: b.source({ minGrp: 1 }),
        binding,
        pageSize: 5,
      });
      expect(pages.flatMap(ids)).toEqual(timelineOrder(rows.filter((r) => r.grp >= 1)));
    });

    it('serves legacy page numbers up to the depth limit, with totals', async () => {
      const rows = makeRows(10);
      await b.load(rows);
      const list = timeline({ pageNumbers: { maxOffset: 6 }, totals: { mode: 'exact' } });
      const p1 = await list.page({ source: b.source(), binding, pageSize: 3, pageNumber: 1 });
      const p3 = await list.page({ source: b.source(), binding, pageSize: 3, pageNumber: 3 });
      expect(ids(p1)).toEqual(timelineOrder(rows).slice(0, 3));
      expect(ids(p3)).toEqual(timelineOrder(rows).slice(6, 9));
      expect(p3.totals).toEqual({
        totalRecords: 10,
        pageCount: 4,
        pageNumber: 3,
        estimated: false,
      });
      // The next token of a numbered page continues with keyset paging.
      const after = await list.page({
        source: b.source(),
        binding,
        pageSize: 3,
        token: p3.nextToken,
      });
      expect(ids(after)).toEqual(timelineOrder(rows).slice(9));
      await expect(
        list.page({ source: b.source(), binding, pageSize: 3, pageNumber: 4 }),
      ).rejects.toMatchObject({ code: 'page_too_deep', max: 3 });
      await expect(
        list.page({ source: b.source(), binding, pageSize: 3, pageNumber: 0 }),
      ).rejects.toMatchObject({ code: 'invalid_page_number' });
      await expect(
        timeline().page({ source: b.source(), binding, pageNumber: 1 }),
      ).rejects.toMatchObject({ code: 'invalid_page_number' });
    });

    it('caches counts for the TTL in cached mode, per query', async () => {
      await b.load(makeRows(10));
      let now = 1_000;
      const list = timeline({ totals: { mode: 'cached', ttlMs: 5_000 }, now: () => now });
      const first = await list.page({ source: b.source(), binding });
      expect(first.totals?.totalRecords).toBe(10);
      await b.insert({ id: 100n, created_at: tsText(1), score: 1, name: 'z', grp: 0 });
      expect((await list.page({ source: b.source(), binding })).totals?.totalRecords).toBe(10);
      expect(
        (await list.page({ source: b.source(), binding: { ...binding, query: 'q9' } })).totals
          ?.totalRecords,
      ).toBe(11);
      now += 5_001;
      expect((await list.page({ source: b.source(), binding })).totals?.totalRecords).toBe(11);
    });

    it('estimates totals on PostgreSQL and falls back to a cached count elsewhere', async () => {
      await b.load(makeRows(10));
      const list = timeline({ totals: { mode: 'estimate' } });
      const page = await list.page({ source: b.source(), binding });
      expect(page.totals?.estimated).toBe(name.startsWith('postgres'));
      if (name.startsWith('postgres')) expect(page.totals?.totalRecords).toBeGreaterThan(0);
      else expect(page.totals?.totalRecords).toBe(10);
    });

    itSql('pages the same with the compiled-SQL cache off', async () => {
      const rows = makeRows(11);
      await b.load(rows);
      const db = b.db!;
      const source = kyselySource(db, db.selectFrom('items').selectAll(), { cacheSql: false });
      const list = timeline({ windows: { since_id: { column: 'id', op: '>' } } });
      const pages = await walkForward(list, {
        source,
        binding,
        pageSize: 4,
        window: { since_id: 1 },
      });
      expect(pages.flatMap(ids)).toEqual(timelineOrder(rows.filter((r) => r.id > 1n)));
      const back = await list.page({
        source,
        binding,
        pageSize: 4,
        window: { since_id: 1 },
        token: pages.at(-1)!.previousToken,
      });
      expect(ids(back)).toEqual(ids(pages.at(-2)!));
    });

    itSql('gives the same pages, both ways, with the compiled-SQL cache on and off', async () => {
      const rows = makeRows(13);
      await b.load(rows);
      const db = b.db!;
      const list = timeline();
      // A base query with its own ORDER BY and LIMIT (replaced), and one without.
      const bases = [
        () => db.selectFrom('items').selectAll().orderBy('id').limit(2),
        () => db.selectFrom('items').selectAll(),
      ];
      for (const base of bases) {
        const walk = async (cacheSql: boolean) => {
          const forward = await walkForward(list, {
            source: kyselySource(db, base(), { cacheSql }),
            binding,
            pageSize: 4,
          });
          const backward: string[][] = [];
          let token = forward.at(-1)!.previousToken;
          while (token !== undefined) {
            const page = await list.page({
              source: kyselySource(db, base(), { cacheSql }),
              binding,
              pageSize: 4,
              token,
            });
            backward.push(ids(page));
            token = page.previousToken;
          }
          return { forward: forward.map(ids), backward };
        };
        const cached = await walk(true);
        expect(cached).toEqual(await walk(false));
        expect(cached.forward.flat()).toEqual(timelineOrder(rows));
        // Back from the last page: the forward pages before it, in reverse order.
        expect(cached.backward).toEqual(cached.forward.slice(0, -1).reverse());
      }
    });

    itSql(
      'pages a joined query with qualified columns, renamed fields and a transaction',
      async () => {
        const rows = makeRows(9);
        await b.load(rows);
        const db = b.db!;
        const list = definePaginatedList<Row>({
          name: 'joined',
          sort: [
            {
              column: 'i.created_at',
              field: 'at',
              direction: 'desc',
              kind: 'timestamp',
              nullable: false,
            },
            { column: 'i.id', field: 'item_id', direction: 'desc', kind: 'bigint', unique: true },
          ],
          windows: { since_id: { column: 'i.id', op: '>' } },
          codec: testCodec(),
        });
        const pages = await db.transaction().execute(async (trx) => {
          const source = kyselySource(
            trx,
            trx
              .selectFrom('items as i')
              .innerJoin('items as j', 'j.id', 'i.id')
              .select(['i.id as item_id', 'i.created_at as at', 'j.name as other_name']),
          );
          const out: Page<Row>[] = [];
          let token: string | undefined;
          do {
            const page = await list.page({
              source,
              binding,
              pageSize: 2,
              token,
              window: { since_id: 2 },
            });
            out.push(page);
            token = page.nextToken;
          } while (token !== undefined && out.length < 20);
          return out;
        });
        expect(pages.flatMap((p) => p.items.map((r) => String(r['item_id'])))).toEqual(
          timelineOrder(rows.filter((r) => r.id > 2n)),
        );
      },
    );

    it('keeps microseconds and 64-bit ids through the cursor', async () => {
      const big = 9_007_199_254_740_993n; // 2^53 + 1: not a JS number
      const rows: ItemRow[] = [0, 1, 2, 3].map((i) => ({
        id: b.name === 'sqlite' ? BigInt(i + 1) : big + BigInt(i),
        created_at: tsText(1_000_000 + i), // differ only in the microseconds
        score: null,
        name: null,
        grp: 0,
      }));
      await b.load(rows);
      const pages = await walkForward(timeline(), { source: b.source(), binding, pageSize: 1 });
      expect(pages.flatMap(ids)).toEqual(timelineOrder(rows));
    });
  });
}
