import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPg } from '../../../../test/helpers/pg.js';
import {
  compareKeys,
  definePaginatedList,
  type Page,
  type PaginatedList,
  type SortKey,
} from '../../src/engine/index.js';
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

/** Runs per database: at least 500, more with PAGEWISE_FC_RUNS. */
const RUNS = Math.max(500, Number(process.env['PAGEWISE_FC_RUNS'] ?? 0) || 0);
const MAX_ROWS = 30;

const fields = fc.record({
  score: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 3 }),
  name: fc.option(fc.constantFrom('a', 'b', 'B', 'ab', ''), { nil: null, freq: 3 }),
  grp: fc.integer({ min: 0, max: 2 }),
  t: fc.integer({ min: 0, max: 5 }),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), row: fields }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), row: fields }),
    weight: 2,
  },
);

const scenario = fc.record({
  rows: fc.array(fields, { maxLength: MAX_ROWS }),
  keys: fc.shuffledSubarray(['score', 'name', 'grp', 'created_at'] as const, { maxLength: 3 }),
  desc: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  pageSize: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 3, max: 9 })),
  window: fc.option(
    fc.record({ since: fc.integer({ min: 0, max: 10 }), until: fc.integer({ min: 15, max: 60 }) }),
    { freq: 4 },
  ),
  time: fc.option(
    fc.record({ start: fc.integer({ min: 0, max: 3 }), end: fc.integer({ min: 2, max: 6 }) }),
    { freq: 5 },
  ),
  // Mutations applied before each page fetch (most fetches see none).
  mutations: fc.array(fc.option(fc.array(op, { minLength: 1, maxLength: 2 }), { freq: 2 }), {
    maxLength: 40,
  }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const KINDS = { score: 'number', name: 'string', grp: 'number', created_at: 'timestamp' } as const;

function toRow(id: bigint, f: Fields): ItemRow {
  return { id, created_at: tsText(f.t), score: f.score, name: f.name, grp: f.grp };
}

function sortOf(s: Scenario): SortKey[] {
  return [
    ...s.keys.map(
      (column, i): SortKey => ({
        column,
        direction: s.desc[i] ? 'desc' : 'asc',
        kind: KINDS[column],
        nullable: column === 'score' || column === 'name',
      }),
    ),
    { column: 'id', direction: s.desc[4] ? 'desc' : 'asc', kind: 'bigint', unique: true },
  ];
}

/** Runs one scenario against `db` and the memory model side by side; throws on any broken invariant. */
async function check(db: Backend, model: Backend, s: Scenario): Promise<void> {
  let state = s.rows.map((f, i) => toRow(BigInt(i + 1), f));
  let nextId = 1000n;
  await db.load(state);
  await model.load(state);
  const list: PaginatedList<Row> = definePaginatedList<Row>({
    name: 'prop',
    sort: sortOf(s),
    pageSize: { default: 5, max: 50 },
    windows: {
      since_id: { column: 'id', op: '>' },
      until_id: { column: 'id', op: '<' },
      start_time: { column: 'created_at', op: '>=', kind: 'timestamp' },
      end_time: { column: 'created_at', op: '<', kind: 'timestamp' },
    },
    codec: testCodec(),
  });
  const window = {
    ...(s.window ? { since_id: s.window.since, until_id: BigInt(s.window.until) } : {}),
    ...(s.time ? { start_time: tsText(s.time.start), end_time: tsText(s.time.end) } : {}),
  };
  const inWindow = (r: ItemRow) =>
    (!s.window || (r.id > s.window.since && r.id < s.window.until)) &&
    (!s.time || (r.created_at >= tsText(s.time.start) && r.created_at < tsText(s.time.end)));
  const binding = { scope: 'p', query: 'p' };
  const touched = new Set<bigint>(); // deleted or updated during the current walk
  const updated = new Set<bigint>();
  let step = 0;

  async function mutate(): Promise<void> {
    const ops = s.mutations[step++] ?? null;
    for (const o of ops ?? []) {
      if (o.kind === 'insert') {
        const row = toRow(nextId++, o.row);
        state.push(row);
        await db.insert(row);
        await model.insert(row);
      } else if (state.length > 0) {
        const victim = state[o.pick % state.length]!;
        touched.add(victim.id);
        if (o.kind === 'delete') {
          state = state.filter((r) => r.id !== victim.id);
          await db.remove(victim.id);
          await model.remove(victim.id);
        } else {
          updated.add(victim.id);
          const { id: _, ...patch } = toRow(victim.id, o.row);
          state = state.map((r) => (r.id === victim.id ? { ...r, ...patch } : r));
          await db.update(victim.id, patch);
          await model.update(victim.id, patch);
        }
      }
    }
  }

  async function fetchBoth(token: string | undefined): Promise<Page<Row>> {
    const request = { binding, pageSize: s.pageSize, token, window };
    const got = await list.page({ ...request, source: db.source() });
    const want = await list.page({ ...request, source: model.source() });
    const idsOf = (p: Page<Row>) => p.items.map((r) => String(r['id']));
    expect(idsOf(got)).toEqual(idsOf(want));
    expect(got.nextToken === undefined).toBe(want.nextToken === undefined);
    expect(got.previousToken === undefined).toBe(want.previousToken === undefined);
    expect(new Set(idsOf(got)).size).toBe(got.items.length);
    return got;
  }

  const keysById = (rows: readonly ItemRow[]) =>
    new Map(rows.map((r) => [String(r.id), list.keysOf(r as unknown as Row)]));

  /** Untouched rows exactly once, in sort order; never-updated rows at most once. */
  function verifyWalk(start: ItemRow[], seen: string[], keep: (r: ItemRow) => boolean): void {
    const stable = start.filter((r) => !touched.has(r.id) && inWindow(r) && keep(r));
    const stableIds = new Set(stable.map((r) => String(r.id)));
    const seenStable = seen.filter((id) => stableIds.has(id));
    expect(new Set(seenStable).size).toBe(seenStable.length);
    expect(new Set(seenStable)).toEqual(stableIds);
    const keys = keysById(stable);
    for (let i = 1; i < seenStable.length; i++) {
      const order = compareKeys(
        keys.get(seenStable[i - 1]!)!,
        keys.get(seenStable[i]!)!,
        list.definition.sort,
      );
      expect(order).toBeLessThan(0);
    }
    const notUpdated = seen.filter((id) => !updated.has(BigInt(id)));
    expect(new Set(notUpdated).size).toBe(notUpdated.length);
  }

  // Forward walk.
  const forwardStart = [...state];
  const forward: Page<Row>[] = [];
  let token: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    if (guard > 0) await mutate();
    const page = await fetchBoth(token);
    forward.push(page);
    token = page.nextToken;
    if (token === undefined) break;
  }
  expect(token).toBeUndefined();
  verifyWalk(
    forwardStart,
    forward.flatMap((p) => p.items.map((r) => String(r['id']))),
    () => true,
  );
  const forwardQuiet = touched.size === 0 && state.length === forwardStart.length;

  // Backward walk from the last page to the start.
  const last = forward.at(-1)!;
  if (last.previousToken === undefined) return;
  // An empty last page (rows deleted behind the cursor) points before the previous page's last row.
  const boundaryRow = last.items[0] ?? forward.at(-2)?.items.at(-1);
  if (boundaryRow === undefined) throw new Error('a previous token without a boundary row');
  const boundary = list.keysOf(boundaryRow);
  touched.clear();
  updated.clear();
  const backwardStart = [...state];
  const startCount = state.length;
  const backward: Page<Row>[] = [];
  token = last.previousToken;
  for (let guard = 0; guard < 200 && token !== undefined; guard++) {
    await mutate();
    const page = await fetchBoth(token);
    backward.push(page);
    token = page.previousToken;
  }
  const before = (r: ItemRow) =>
    compareKeys(list.keysOf(r as unknown as Row), boundary, list.definition.sort) < 0;
  verifyWalk(
    backwardStart,
    backward.toReversed().flatMap((p) => p.items.map((r) => String(r['id']))),
    before,
  );
  if (forwardQuiet && touched.size === 0 && state.length === startCount) {
    // Nothing changed: the previous tokens retrace the forward pages exactly.
    const ids = (p: Page<Row>) => p.items.map((r) => String(r['id']));
    expect(backward.map(ids)).toEqual(forward.slice(0, -1).toReversed().map(ids));
  }
}

const databases: Array<[string, () => Promise<Backend>, boolean]> = [
  ['SQLite', sqliteBackend, true],
  ['PostgreSQL', () => pgBackend(), hasPg],
];

for (const [name, make, enabled] of databases) {
  describe.skipIf(!enabled)(`keyset walks on ${name} match the memory model`, () => {
    let db: Backend;
    beforeAll(async () => {
      db = await make();
    });
    afterAll(async () => {
      await db?.close();
    });

    it(`returns every stable row exactly once, in order, both ways, under concurrent writes (${RUNS} runs)`, async () => {
      const model = memoryBackend();
      await fc.assert(
        fc.asyncProperty(scenario, (s) => check(db, model, s)),
        { numRuns: RUNS },
      );
    }, 600_000);
  });
}
