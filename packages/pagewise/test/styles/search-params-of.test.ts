import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchParamsOf } from '../../src/styles/index.js';

/** What a full URL parse reads (the reference the fast path must match). */
function parsed(url: string): [string, string][] {
  return [...new URL(url, 'http://pagewise.invalid').searchParams];
}

describe('searchParamsOf', () => {
  it('reads the same parameters as a full URL parse, for any path and query', () => {
    const chars = fc.constantFrom(
      ...'aZ09-._~%!$&\'()*+,;=:@/?#[]\\" <>^`{|}\t\né€😀'.split(''),
      '%20',
      '%2B',
      '%zz',
      '&a=1',
      '=',
      '\u0000',
    );
    const part = fc.array(chars, { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(part, part, fc.boolean(), (path, query, absolute) => {
        const url = `${absolute ? 'http://127.0.0.1:3000' : ''}/2/${path}?${query}`;
        expect([...searchParamsOf(url)]).toEqual(parsed(url));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads repeated parameters in order and no parameters without a query', () => {
    expect([...searchParamsOf('/t?a=1&b=x+y&a=%32')]).toEqual([
      ['a', '1'],
      ['b', 'x y'],
      ['a', '2'],
    ]);
    expect([...searchParamsOf('http://h/t')]).toEqual([]);
    expect([...searchParamsOf('/t#f?a=1')]).toEqual([]);
    expect([...searchParamsOf('/t?a=1#f&b=2')]).toEqual([['a', '1']]);
  });
});
