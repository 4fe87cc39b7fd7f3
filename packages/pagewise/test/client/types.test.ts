import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Checkpoint,
  type CheckpointStore,
  type Cursor,
  MemoryCheckpointStore,
  type Page,
  type PaginateOptions,
  type Paginator,
  paginate,
} from '../../src/client/index.js';

// Compile-time checks of the public types (tsc runs over test/); the runtime part only
// makes sure nothing here fetches.
describe('public types', () => {
  it('paginate<T> gives items of T, pages of T and a bounded collect', () => {
    const paginator = paginate<{ id: string }>('https://a.test/', { preset: 'zoom' });
    expectTypeOf(paginator).toEqualTypeOf<Paginator<{ id: string }>>();
    expectTypeOf(paginator.pages()).toExtend<AsyncIterable<Page<{ id: string }>>>();
    expectTypeOf(paginator).toExtend<AsyncIterable<{ id: string }>>();
    expectTypeOf(paginator.collect).parameter(0).toEqualTypeOf<{
      readonly limit: number;
      readonly truncate?: boolean;
    }>();
    expectTypeOf<Page['cursor']>().toEqualTypeOf<Cursor | null>();
    expectTypeOf<PaginateOptions['preset']>().toExtend<
      'zoom' | 'zoom-pages' | 'x' | 'github' | 'stripe' | 'slack' | object | undefined
    >();
    expectTypeOf(new MemoryCheckpointStore()).toExtend<CheckpointStore>();
    expectTypeOf<Checkpoint['done']>().toEqualTypeOf<boolean>();
    // @ts-expect-error collect needs a limit
    void (() => paginator.collect({}));
    expect(typeof paginator.collect).toBe('function');
  });
});
