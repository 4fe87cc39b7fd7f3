import { describe, expect, it } from 'vitest';
import { type SqlTemplate, SqlTemplateCache } from '../../src/sources/kysely/sql-template-cache.js';

const template = (sql: string): SqlTemplate => ({ sql, slots: [], refs: [] });

describe('SqlTemplateCache', () => {
  it('drops the least recently used shape when a new one overflows it', () => {
    const cache = new SqlTemplateCache(2);
    cache.set('a', template('A'));
    cache.set('b', template('B'));
    expect(cache.get('a')?.sql).toBe('A'); // a is now more recent than b
    cache.set('c', template('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.sql).toBe('A');
    expect(cache.get('c')?.sql).toBe('C');
    cache.get('a');
    cache.set('d', template('D')); // c was used before a
    expect(cache.get('c')).toBeUndefined();
    expect([cache.get('a')?.sql, cache.get('d')?.sql]).toEqual(['A', 'D']);
  });
});
