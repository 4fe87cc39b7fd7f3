/** The structural subset of `pg.types` that {@link pagewisePgTypes} wraps. */
export interface PgTypeParsers {
  getTypeParser(oid: number, format?: string): unknown;
}

/** PostgreSQL type OIDs returned as text by {@link pagewisePgTypes}. */
export const PG_TEXT_TYPE_OIDS: Readonly<Record<string, number>> = Object.freeze({
  timestamptz: 1184,
  timestamp: 1114,
});

/**
 * Type parsers for a pg `Pool`/`Client` (its `types` option) that return
 * `timestamptz` and `timestamp` as the server's text instead of a JS `Date`,
 * which would drop the microseconds and make the cursor skip or repeat rows.
 * Every other type keeps pg's parser (int8 is already text, converted to
 * bigint by `kind: 'bigint'` keys). Affects only the pool you pass it to.
 *
 * @param base pg's own parsers, `import pg from 'pg'; pg.types`
 * @example
 * ```ts
 * const pool = new pg.Pool({ connectionString, types: pagewisePgTypes(pg.types) });
 * const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
 * ```
 */
export function pagewisePgTypes<T extends PgTypeParsers>(base: T): T {
  const textOids = new Set(Object.values(PG_TEXT_TYPE_OIDS));
  const identity = (value: string): string => value;
  return {
    ...base,
    getTypeParser(oid: number, format?: string) {
      if (textOids.has(oid) && (format === undefined || format === 'text')) return identity;
      return base.getTypeParser(oid, format);
    },
  };
}
