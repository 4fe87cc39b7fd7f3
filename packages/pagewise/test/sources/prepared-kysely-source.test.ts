import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSqlite } from '../../../../test/helpers/sqlite.js';
import { definePaginatedList, ListDefinitionError } from '../../src/engine/index.js';
import { preparedKyselySource, sqliteStatementCache } from '../../src/sources/kysely/index.js';
import { testCodec } from './codec.js';

interface Db {
  posts: { id: number; author_id: number; created_at: number; text: string };
}
type Row = { id: number; created_at: number; text: string };

const binding = { scope: 's', query: 'q' };
const list = definePaginatedList<Row>({
  name: 'posts',
  sort: [
    { column: 'created_at', direction: 'desc', kind: 'number', nullable: false },
    { column: 'id', direction: 'desc', kind: 'number', unique: true },
  ],
  pageSize: { default: 4, max: 10 },
  windows: { since_id: { column: 'id', op: '>' } },
  totals: { mode: 'exact' },
  codec: testCodec(),
});

describe('preparedKyselySource', () => {
  const sqlite = createTestSqlite();
  const db = new Kysely<Db>({
    dialect: new SqliteDialect({ database: sqliteStatementCache(sqlite.db) }),
  });
  beforeAll(() => {
    sqlite.db.exec(
      'create table posts (id integer primary key, author_id integer not null, created_at integer not null, text text not null)',
    );
    const insert = sqlite.db.prepare('insert into posts values (?, ?, ?, ?)');
    // Three authors; equal created_at in pairs, so the id breaks ties.
    for (let id = 1; id <= 60; id++) insert.run(id, id % 3, Math.floor(id / 2), `post ${id}`);
  });
  afterAll(async () => {
    await db.destroy();
    sqlite.close();
  });

  /** Every id of author `author`, newest first, read with plain SQL. */
  const expected = (author: number, sinceId = 0): number[] =>
    (
      sqlite.db
        .prepare(
          'select id from posts where author_id = ? and id > ? order by created_at desc, id desc',
        )
        .all(author, sinceId) as { id: number }[]
    ).map((r) => r.id);

  it('builds and compiles the query once, then serves each call its own values', async () => {
    let builds = 0;
    const postsBy = preparedKyselySource(db, (v: { author: number }) => {
      builds++;
      return db
        .selectFrom('posts')
        .select(['id', 'created_at', 'text'])
        .where('author_id', '=', v.author);
    });
    // Two walks interleaved page by page: each source keeps its own author.
    const walks = new Map<number, { ids: number[]; token?: string; done: boolean }>([
      [1, { ids: [], done: false }],
      [2, { ids: [], done: false }],
    ]);
    for (let step = 0; step < 20 && [...walks.values()].some((w) => !w.done); step++) {
      for (const [author, walk] of walks) {
        if (walk.done) continue;
        const page = await list.page({
          source: postsBy({ author }),
          binding: { ...binding, query: `author=${author}` },
          token: walk.token,
          window: { since_id: 5 },
        });
        walk.ids.push(...page.items.map((r) => r.id));
        expect(page.totals?.totalRecords).toBe(expected(author, 5).length);
        if (page.nextToken === undefined) walk.done = true;
        else walk.token = page.nextToken;
      }
    }
    expect(walks.get(1)?.ids).toEqual(expected(1, 5));
    expect(walks.get(2)?.ids).toEqual(expected(2, 5));
    // Once with stand-ins, once with the first call's values to check the SQL.
    expect(builds).toBe(2);
  });

  it('takes values in sql templates and pages backward', async () => {
    const postsBy = preparedKyselySource(db, (v: { author: number; prefix: string }) =>
      db
        .selectFrom('posts')
        .select(['id', 'created_at', 'text'])
        .where(sql<boolean>`author_id = ${v.author} and text like ${v.prefix}`),
    );
    const source = () => postsBy({ author: 0, prefix: 'post %' });
    const first = await list.page({ source: source(), binding });
    const second = await list.page({ source: source(), binding, token: first.nextToken });
    const back = await list.page({ source: source(), binding, token: second.previousToken });
    expect(back.items.map((r) => r.id)).toEqual(first.items.map((r) => r.id));
    expect(first.items.map((r) => r.id)).toEqual(expected(0).slice(0, 4));
  });

  it('refuses a query whose shape depends on a value, with invalid_source', () => {
    const branching = preparedKyselySource(db, (v: { author: number; newOnly: boolean }) => {
      const q = db.selectFrom('posts').select(['id', 'created_at', 'text']);
      return v.newOnly === true ? q.where('id', '>', 30) : q.where('author_id', '=', v.author);
    });
    expect(() => branching({ author: 1, newOnly: true })).toThrow(ListDefinitionError);
    try {
      branching({ author: 1, newOnly: true });
    } catch (error) {
      expect((error as ListDefinitionError).code).toBe('invalid_source');
      expect((error as Error).message).toMatch(
        /changes with the values.*one prepared source per query shape/s,
      );
    }
  });

  it('refuses a value converted inside the builder', () => {
    const converting = preparedKyselySource(db, (v: { author: string }) =>
      db
        .selectFrom('posts')
        .select(['id', 'created_at', 'text'])
        .where('author_id', '=', Number(v.author)),
    );
    expect(() => converting({ author: '1' })).toThrow(
      expect.objectContaining({
        code: 'invalid_source',
        message: expect.stringContaining('"author" was converted'),
      }),
    );
  });

  it('refuses an undefined value on any call', async () => {
    const postsBy = preparedKyselySource(db, (v: { author: number | undefined }) =>
      db
        .selectFrom('posts')
        .select(['id', 'created_at', 'text'])
        .where('author_id', '=', v.author!),
    );
    await list.page({ source: postsBy({ author: 1 }), binding });
    expect(() => postsBy({ author: undefined })).toThrow(
      expect.objectContaining({
        code: 'invalid_source',
        message: expect.stringContaining('"author" is undefined'),
      }),
    );
  });

  it('builds per call with cacheSql: false', async () => {
    let builds = 0;
    const postsBy = preparedKyselySource(
      db,
      (v: { author: number }) => {
        builds++;
        return db
          .selectFrom('posts')
          .select(['id', 'created_at', 'text'])
          .where('author_id', '=', v.author);
      },
      { cacheSql: false },
    );
    const page = await list.page({ source: postsBy({ author: 2 }), binding });
    await list.page({ source: postsBy({ author: 2 }), binding, token: page.nextToken });
    expect(builds).toBe(2);
    expect(page.items.map((r) => r.id)).toEqual(expected(2).slice(0, 4));
  });

  it("with verify: 'always', catches a value that changes the SQL on a later call", async () => {
    const build = (v: { author: number; skip: boolean }) => {
      const q = db.selectFrom('posts').select(['id', 'created_at', 'text']);
      // Wrong on purpose: the shape depends on a value; only the second call shows it.
      return v.skip === true ? q : q.where('author_id', '=', v.author);
    };
    const lenient = preparedKyselySource(db, build);
    const strict = preparedKyselySource(db, build, { verify: 'always' });
    await list.page({ source: lenient({ author: 1, skip: false }), binding });
    await list.page({ source: strict({ author: 1, skip: false }), binding });
    expect(() => lenient({ author: 1, skip: true })).not.toThrow();
    expect(() => strict({ author: 1, skip: true })).toThrow(
      expect.objectContaining({ code: 'invalid_source' }),
    );
    expect(() => preparedKyselySource(db, build, { verify: 'never' as 'first' })).toThrow(
      /verify must be 'first' or 'always'/,
    );
  });
});
