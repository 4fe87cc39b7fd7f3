import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../bench/hand-written/cursor.js';
import { pageDifference, withoutTokens } from '../../bench/lib/same-page.js';
import { deepIndex } from '../../bench/lib/walk-pages.js';

describe('bench page checks', () => {
  const x = (ids: string[], next?: string) => ({
    data: ids.map((id) => ({ id, text: `post ${id}` })),
    meta: { result_count: ids.length, ...(next ? { next_token: next } : {}) },
  });

  it('takes two servers answering the same rows with different tokens as the same page', () => {
    expect(pageDifference(x(['3', '2'], 'sealed'), x(['3', '2'], 'plain'))).toBeUndefined();
    expect(withoutTokens({ next_page_token: 'a', users: [] })).toEqual({ users: [] });
  });

  it('tells other rows, another order, or a missing next token apart', () => {
    expect(pageDifference(x(['3', '2'], 't'), x(['3', '1'], 't'))).toMatch(/bodies differ/);
    expect(pageDifference(x(['3', '2'], 't'), x(['2', '3'], 't'))).toMatch(/bodies differ/);
    expect(pageDifference(x(['3', '2'], 't'), x(['3', '2']))).toMatch(/next token/);
  });

  it('picks the deep page: the fixed index when the list has a full page there, else ~99 % but never the last page', () => {
    expect(deepIndex(33, 0.99, 30)).toBe(30);
    expect(deepIndex(20, 0.99, 30)).toBe(18);
    expect(deepIndex(120, 0.99)).toBe(118);
    expect(deepIndex(3, 0.99)).toBe(1);
    expect(deepIndex(1, 0.99)).toBe(0);
  });

  it("round-trips the hand-written routes' cursor and refuses anything else", () => {
    const token = encodeCursor(['1767225599999', '2006515264350362685']);
    expect(decodeCursor(token, 2)).toEqual([1767225599999n, 2006515264350362685n]);
    expect(decodeCursor(token, 1)).toBeUndefined();
    expect(decodeCursor('not base64 json', 2)).toBeUndefined();
    expect(decodeCursor(encodeCursor(['1', 'x']), 2)).toBeUndefined();
  });
});
