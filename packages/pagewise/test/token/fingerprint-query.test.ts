import { describe, expect, it } from 'vitest';
import { fingerprintQuery } from '../../src/token/index.js';

const list = 'GET /2/users/:id/tweets';

describe('fingerprintQuery', () => {
  it('ignores the order of names but keeps the order of repeated values', () => {
    const a = fingerprintQuery(new URLSearchParams('b=2&a=1&a=3'), { list });
    expect(fingerprintQuery(new URLSearchParams('a=1&b=2&a=3'), { list })).toBe(a);
    expect(fingerprintQuery({ b: '2', a: ['1', '3'] }, { list })).toBe(a);
    expect(fingerprintQuery(new URLSearchParams('a=3&b=2&a=1'), { list })).not.toBe(a);
  });

  it('drops excluded names (the token itself, the page size)', () => {
    const exclude = ['pagination_token', 'max_results'];
    const base = fingerprintQuery({ 'tweet.fields': 'created_at' }, { list, exclude });
    expect(
      fingerprintQuery(
        { 'tweet.fields': 'created_at', max_results: '100', pagination_token: 'abc' },
        { list, exclude },
      ),
    ).toBe(base);
    expect(
      fingerprintQuery({ 'tweet.fields': 'created_at', max_results: '100' }, { list }),
    ).not.toBe(base);
  });

  it('depends on the list, and tells apart values that naive joining would merge', () => {
    const q = { a: '1' };
    expect(fingerprintQuery(q, { list })).not.toBe(
      fingerprintQuery(q, { list: 'GET /2/users/:id/mentions' }),
    );
    const pairs: Array<[Record<string, string | string[]>, Record<string, string | string[]>]> = [
      [{ a: 'b&c=d' }, { a: 'b', c: 'd' }],
      [{ a: ['1,2'] }, { a: ['1', '2'] }],
      [{ a: '' }, {}],
      [{ 'a=b': 'c' }, { a: 'b=c' }],
      [{ a: '1' }, { a: ['1', '1'] }],
      [{ a: '\ud800' }, { a: '\udc00' }],
    ];
    for (const [x, y] of pairs) {
      expect(fingerprintQuery(x, { list }), JSON.stringify([x, y])).not.toBe(
        fingerprintQuery(y, { list }),
      );
    }
  });

  it('treats undefined and empty arrays as absent, like URLSearchParams', () => {
    const base = fingerprintQuery({ a: '1' }, { list });
    expect(fingerprintQuery({ a: '1', b: undefined, c: [] }, { list })).toBe(base);
  });

  it('is a compact, stable string (same input, same output across processes)', () => {
    const fp = fingerprintQuery(
      { user: '4711', 'tweet.fields': ['id', 'text'] },
      { list: 'GET /x' },
    );
    expect(fp).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Pinned: changing the canonical form silently would invalidate every live token.
    expect(fp).toBe(
      fingerprintQuery({ 'tweet.fields': ['id', 'text'], user: '4711' }, { list: 'GET /x' }),
    );
    expect(fingerprintQuery({}, { list: '' })).toBe('2NhXwIbQ_43D0kf_DU9HxOQ4j0pGsXonPmbkrt-SoVI');
  });
});
