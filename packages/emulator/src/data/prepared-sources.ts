import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Source } from 'pagewise/engine';
import { preparedKyselySource } from 'pagewise/kysely';
import type { EmulatorDatabase } from './schema.js';

/** Shapes kept per route; past it the map starts again (search queries are user input). */
const MAX_SHAPES = 256;

/**
 * Set by the test suite (vitest.config.ts): every request then also builds
 * its query with its own values and compares it with its shape's, so a
 * shape key that misses something the SQL depends on fails a test instead
 * of serving another shape's rows.
 */
const VERIFY_EVERY_CALL = process.env['PAGEWISE_EMULATOR_VERIFY_SQL'] === '1';

/**
 * A route's sources by query shape, each built and compiled once
 * (`preparedKyselySource`): a request names its shape (what decides the
 * SQL: filters present, columns, a search query's text) and gives only
 * its values. The emulator's routes made and compiled their Kysely query
 * on every page, which cost more CPU than anything else of theirs.
 */
export class PreparedSources {
  readonly #db: Kysely<EmulatorDatabase>;
  readonly #dialect: 'sqlite' | 'postgres';
  // biome-ignore lint/suspicious/noExplicitAny: one map holds every shape's own value and row types
  readonly #byShape = new Map<string, (values: any) => Source<any>>();

  constructor(db: Kysely<EmulatorDatabase>, dialect: 'sqlite' | 'postgres') {
    this.#db = db;
    this.#dialect = dialect;
  }

  /**
   * The source of shape `shape` for `values`. `build` is used only the
   * first time the shape is seen: it must make the same SQL for every
   * request of that shape, taking request values from its argument only
   * (see `preparedKyselySource`).
   */
  source<V extends Readonly<Record<string, unknown>>, O>(
    shape: string,
    // biome-ignore lint/suspicious/noExplicitAny: the builders' table types are the route's own
    build: (values: V) => SelectQueryBuilder<any, any, O>,
    values: V,
  ): Source<O> {
    let make = this.#byShape.get(shape) as ((values: V) => Source<O>) | undefined;
    if (make === undefined) {
      make = preparedKyselySource(this.#db, build, {
        dialect: this.#dialect,
        verify: VERIFY_EVERY_CALL ? 'always' : 'first',
      });
      if (this.#byShape.size >= MAX_SHAPES) this.#byShape.clear();
      this.#byShape.set(shape, make);
    }
    return make(values);
  }
}
