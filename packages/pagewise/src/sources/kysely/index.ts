/**
 * Kysely {@link Source} for the keyset engine (SQLite through
 * better-sqlite3, PostgreSQL through pg), the pg type setting that keeps
 * timestamp microseconds, and a statement-caching better-sqlite3 wrapper for
 * Kysely's SQLite dialect. Subpath `pagewise/kysely`.
 *
 * @module
 */
export { type KyselySourceOptions, kyselySource } from './kysely-source.js';
export {
  type PgPreparedStatementsOptions,
  pgPreparedStatements,
} from './pg-prepared-statements.js';
export { PG_TEXT_TYPE_OIDS, type PgTypeParsers, pagewisePgTypes } from './pg-types.js';
export {
  type PreparedKyselySourceOptions,
  preparedKyselySource,
} from './prepared-kysely-source.js';
export {
  orderByItems,
  type ParameterBinder,
  seekPredicate,
  seekSegments,
  windowPredicate,
} from './seek-predicate.js';
export {
  type SqliteStatementCacheOptions,
  sqliteStatementCache,
} from './sqlite-statement-cache.js';
