import { loadPeerDependency } from '../../errors/index.js';

/**
 * Kysely's runtime values, loaded in this one module: `kysely` is an optional
 * peer dependency, and without it importing `pagewise/kysely` must fail with
 * a {@link MissingPeerDependencyError} that says `npm install kysely`, not
 * with Node's bare resolver error. Every other file of the source imports
 * kysely for types only.
 *
 * @module
 */
const kysely = await loadPeerDependency('kysely', 'pagewise/kysely', () => import('kysely'));

/** Kysely's `sql` template tag. */
export const sql: typeof kysely.sql = kysely.sql;

/** Kysely's `CompiledQuery` helpers (`CompiledQuery.raw`). */
export const CompiledQuery: typeof kysely.CompiledQuery = kysely.CompiledQuery;
/** Kysely's `CompiledQuery` type, beside the value of the same name. */
export type CompiledQuery<O = unknown> = import('kysely').CompiledQuery<O>;
