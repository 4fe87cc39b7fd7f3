import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { definePaginatedList } from 'pagewise/engine';
import { fastifyPageRoute, styleErrorHandler } from 'pagewise/fastify';
import {
  pagewisePgTypes,
  pgPreparedStatements,
  preparedKyselySource,
  sqliteStatementCache,
} from 'pagewise/kysely';
import { StyleProblemError, x, xEndpoints } from 'pagewise/styles';
import { generateKeySpec, keyRingFromEnv, TokenCodec } from 'pagewise/token';
import pg from 'pg';

/*
 * The X timeline served with pagewise, written as a user writes it from the
 * docs (docs/engine.md, docs/styles.md): public API only, imported by
 * package name. Same table, columns, order and page size as the
 * hand-written route (bench/hand-written/x-timeline.ts); pagewise adds sealed,
 * bound, expiring tokens, X's parameter checks and error bodies.
 */

/** The columns the route reads. */
interface Tweets {
  x_tweets: {
    id: bigint | string;
    author_id: bigint | string;
    created_at: bigint | string;
    text: string;
  };
}
type Row = Pick<Tweets['x_tweets'], 'id' | 'created_at' | 'text'>;

/** Options of {@link libraryApp}. */
export interface LibraryAppOptions {
  /** The emulator's SQLite file (opened read-only) or PostgreSQL URL. */
  readonly database: string;
  /** The bearer token the route expects; page tokens are bound to it. */
  readonly apiToken: string;
}

/** The emulator's session setting, for the same plans (see bench/hand-written/queries.ts). */
const PG_SESSION_OPTIONS = '-c random_page_cost=1.1';

function openKysely(database: string): Kysely<Tweets> {
  if (/^postgres(ql)?:\/\//.test(database)) {
    const pool = new pg.Pool({
      connectionString: database,
      max: 10,
      options: PG_SESSION_OPTIONS,
      types: pagewisePgTypes(pg.types),
    });
    return new Kysely<Tweets>({
      dialect: new PostgresDialect({ pool: pgPreparedStatements(pool) }),
    });
  }
  const sqlite = new Database(database, { readonly: true, fileMustExist: true });
  sqlite.defaultSafeIntegers(true); // X ids are above 2^53
  return new Kysely<Tweets>({
    dialect: new SqliteDialect({ database: sqliteStatementCache(sqlite) }),
  });
}

/** A Fastify app serving `GET /2/users/:id/tweets` through pagewise. */
export function libraryApp(o: LibraryAppOptions): FastifyInstance {
  const db = openKysely(o.database);
  const tweets = definePaginatedList<Row>({
    name: 'GET /2/users/:id/tweets',
    sort: [
      { column: 'created_at', direction: 'desc', kind: 'number', nullable: false },
      { column: 'id', direction: 'desc', kind: 'bigint', unique: true },
    ],
    pageSize: { default: 10, min: 5, max: 100, oversize: 'reject' },
    codec: new TokenCodec({ keyRing: keyRingFromEnv({ PAGEWISE_TOKEN_KEYS: generateKeySpec() }) }),
  });
  // The query is built and compiled once for the route; each request only binds its author.
  const postsBy = preparedKyselySource(db, (v: { authorId: bigint }) =>
    db
      .selectFrom('x_tweets')
      .select(['id', 'created_at', 'text'])
      .where('author_id', '=', v.authorId),
  );
  const auth = `Bearer ${o.apiToken}`;
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => db.destroy());
  app.setErrorHandler(styleErrorHandler(x));
  app.route(
    fastifyPageRoute({
      url: '/2/users/:id/tweets',
      style: x,
      endpoint: xEndpoints.userTweets,
      list: tweets,
      source: ({ request }) => {
        const { id } = request.params as { id: string };
        if (!/^\d{1,19}$/.test(id)) {
          throw new StyleProblemError({
            kind: 'invalid_parameter',
            param: 'id',
            values: [id],
            fault: 'invalid',
          });
        }
        return postsBy({ authorId: BigInt(id) });
      },
      scope: (req) => {
        if (req.headers.authorization !== auth) {
          throw new StyleProblemError({ kind: 'unauthorized', reason: 'invalid' });
        }
        return auth;
      },
      // The item as toItem writes it: pages are written by Fastify's compiled serializer.
      itemSchema: {
        type: 'object',
        properties: {
          edit_history_tweet_ids: { type: 'array', items: { type: 'string' } },
          id: { type: 'string' },
          text: { type: 'string' },
        },
        required: ['edit_history_tweet_ids', 'id', 'text'],
      },
      serializeWithSchema: true,
      toItem: (row) => {
        const id = String(row.id);
        return { edit_history_tweet_ids: [id], id, text: row.text };
      },
    }),
  );
  return app;
}
