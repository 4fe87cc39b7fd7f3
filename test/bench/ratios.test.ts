import { describe, expect, it } from 'vitest';
import { deepOverFirst, ratiosTo, type ServerRow } from '../../bench/lib/ratios.js';

const row = (
  db: string,
  list: string,
  depth: 'first' | 'deep',
  server: string,
  rps: number,
  cpuUs?: number,
): ServerRow => ({ db, list, depth, server, rps, cpuUs });

describe('bench:server ratios', () => {
  const rows = [
    row('sqlite', 'x-timeline', 'first', 'hand-written keyset', 2000, 400),
    row('sqlite', 'x-timeline', 'first', 'library', 1800, 500),
    row('sqlite', 'x-timeline', 'deep', 'hand-written keyset', 1900, 400),
    row('sqlite', 'x-timeline', 'deep', 'library', 1520, 800),
    row('postgres', 'x-timeline', 'first', 'hand-written keyset', 1000),
    row('postgres', 'x-timeline', 'first', 'library', 1100),
    // A page the baseline was not measured on is left out, not divided by zero.
    row('postgres', 'x-search', 'first', 'library', 10),
  ];

  it('divides each page by the baseline on the same database, list and depth, and keeps the minimum', () => {
    const r = ratiosTo(rows, 'library', 'hand-written keyset');
    expect(r.byDb).toEqual({
      sqlite: { 'x-timeline': { first: 0.9, deep: 0.8 } },
      postgres: { 'x-timeline': { first: 1.1 } },
    });
    expect(r.min).toBe(0.8);
  });

  it('turns CPU per request around so that above 1 still means cheaper than the baseline', () => {
    const r = ratiosTo(rows, 'library', 'hand-written keyset', 'cpu');
    expect(r.byDb).toEqual({ sqlite: { 'x-timeline': { first: 0.8, deep: 0.5 } } });
    expect(r.min).toBe(0.5);
  });

  it('reports no minimum when nothing was measured', () => {
    expect(ratiosTo(rows, 'emulator', 'hand-written keyset')).toEqual({ min: null, byDb: {} });
  });

  it('gives deep over first per database and list', () => {
    expect(deepOverFirst(rows, 'library')).toEqual({ sqlite: { 'x-timeline': 0.844 } });
  });
});
