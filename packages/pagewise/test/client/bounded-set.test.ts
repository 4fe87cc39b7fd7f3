import { describe, expect, it } from 'vitest';
import { BoundedSet } from '../../src/client/bounded-set.js';

describe('BoundedSet', () => {
  it('keeps the last `capacity` values and forgets the oldest first', () => {
    const set = new BoundedSet(3);
    for (const v of ['a', 'b', 'c', 'a', 'd']) set.add(v);
    expect(['a', 'b', 'c', 'd'].map((v) => set.has(v))).toEqual([false, true, true, true]);
    expect(set.size).toBe(3);
    set.clear();
    expect(set.size).toBe(0);
  });

  it('stays bounded over many insertions', () => {
    const set = new BoundedSet(1000);
    for (let i = 0; i < 100_000; i++) set.add(String(i));
    expect(set.size).toBe(1000);
    expect(set.has('99999')).toBe(true);
    expect(set.has('98999')).toBe(false);
  });
});
