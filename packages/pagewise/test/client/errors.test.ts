import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import * as client from '../../src/client/index.js';
import { isPagewiseError } from '../../src/errors/index.js';

const samples: [client.PaginationError, (value: unknown) => boolean][] = [
  [
    new client.HttpError({
      status: 400,
      body: 'x',
      requestId: null,
      url: 'https://a.test/?token=secret',
      attempts: 1,
    }),
    client.isHttpError,
  ],
  [new client.NetworkError('https://a.test/', 3), client.isNetworkError],
  [
    new client.RateLimitError({ resetAt: 0, waitMs: 1, maxWaitMs: 0, scope: 'window' }),
    client.isRateLimitError,
  ],
  [new client.InvalidPageTokenError({ status: 400, body: '' }), client.isInvalidPageTokenError],
  [new client.MalformedResponseError('x'), client.isMalformedResponseError],
  [new client.CursorCycleError('t'), client.isCursorCycleError],
  [new client.RepeatedItemsError(1), client.isRepeatedItemsError],
  [new client.EmptyPagesError(11), client.isEmptyPagesError],
  [new client.TotalChangedError(1, 2), client.isTotalChangedError],
  [new client.AbortedError(), client.isAbortedError],
  [new client.CollectLimitError(5), client.isCollectLimitError],
  [new client.CheckpointError('x'), client.isCheckpointError],
  [new client.ClientOptionsError('x'), client.isClientOptionsError],
];

describe('error catalogue', () => {
  it('every code is unique, has a class, a guard, and a README row', async () => {
    const codes = samples.map(([error]) => error.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...client.CLIENT_ERROR_CODES].sort());
    const readme = await readFile(new URL('../../../../docs/client.md', import.meta.url), 'utf8');
    for (const [error, guard] of samples) {
      expect(readme).toMatch(
        new RegExp(`\\|\\s*\`${error.code}\`\\s*\\|\\s*\`${error.name}\`\\s*\\|`),
      );
      expect(guard(error)).toBe(true);
      expect(isPagewiseError(error)).toBe(true);
      expect(client.isPaginationError(error)).toBe(true);
      // Guards do not confuse classes.
      expect(samples.filter(([, g]) => g(error))).toHaveLength(1);
    }
  });

  it('guards work across realms (shape and brand, not instanceof)', () => {
    const foreign = Object.assign(new Error('x'), { name: 'HttpError', code: 'http_error' });
    expect(client.isHttpError(foreign)).toBe(false);
    Object.defineProperty(foreign, Symbol.for('pagewise.error'), { value: true });
    expect(client.isHttpError(foreign)).toBe(true);
  });

  it('messages say what to do and never print a query-string credential', () => {
    const error = samples[0]?.[0] as client.HttpError;
    expect(error.message).not.toContain('secret');
    expect(error.message).toMatch(/Fix the request|resume/);
  });

  it('unknown options are rejected synchronously', () => {
    expect(() => client.paginate('https://a.test/', { presett: 'zoom' } as never)).toThrow(
      /unknown option "presett"/,
    );
    expect(() => client.paginate('not a url')).toThrow(client.ClientOptionsError);
    expect(() => client.paginate('https://a.test/', { preset: 'nope' as never })).toThrow(
      /unknown preset/,
    );
  });
});
