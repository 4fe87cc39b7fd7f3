import { describe, expect, it } from 'vitest';
import { fromUsernames, parseSearchQuery, SearchQueryError } from '../src/x/search-query.js';

describe('the recent-search query subset', () => {
  it('binds AND tighter than OR, with groups, phrases, from: and negation', () => {
    expect(parseSearchQuery('a b OR c')).toEqual({
      type: 'or',
      nodes: [
        {
          type: 'and',
          nodes: [
            { type: 'term', text: 'a' },
            { type: 'term', text: 'b' },
          ],
        },
        { type: 'term', text: 'c' },
      ],
    });
    expect(parseSearchQuery('(a OR "b c") -from:@bob')).toEqual({
      type: 'and',
      nodes: [
        {
          type: 'or',
          nodes: [
            { type: 'term', text: 'a' },
            { type: 'term', text: 'b c' },
          ],
        },
        { type: 'not', node: { type: 'from', username: 'bob' } },
      ],
    });
    expect([...fromUsernames(parseSearchQuery('from:Ann OR (x -from:bob)'))]).toEqual([
      'ann',
      'bob',
    ]);
    expect(parseSearchQuery('#api @ann')).toEqual({
      type: 'and',
      nodes: [
        { type: 'term', text: '#api' },
        { type: 'term', text: '@ann' },
      ],
    });
  });

  it("refuses what X would refuse, in X's wording with a position", () => {
    for (const [q, pos] of [
      ['lang:en', 1],
      ['api is:retweet', 5],
      ['"open', 1],
      ['(a OR b', 1],
      ['a OR', 3],
      ['-a', 1],
      ['a )', 3],
    ] as const) {
      const run = () => parseSearchQuery(q);
      expect(run, q).toThrow(SearchQueryError);
      expect(run, q).toThrow(
        new RegExp(`^There were errors processing your request: .*\\(at position ${pos}\\)$`),
      );
    }
  });
});
