import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The package is consumed through its exports map: every subpath must point at
// a built module that loads and exports something, and at its declarations.
// `npm test` builds before running the tests, so dist/ is current here.
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; import: string }>;
  bin: Record<string, string>;
};

describe('package exports map', () => {
  const entries = Object.entries(pkg.exports).filter(([k]) => k !== './package.json');

  it('names the root and one subpath per part', () => {
    expect(entries.map(([k]) => k).sort()).toEqual(
      [
        '.',
        './client',
        './emulator',
        './engine',
        './fastify',
        './kysely',
        './memory',
        './styles',
        './token',
      ].sort(),
    );
  });

  it.each(entries)('%s loads from dist with its type declarations', async (_name, target) => {
    if (typeof target === 'string') throw new Error('every export names types and import');
    expect(existsSync(join(root, target.types))).toBe(true);
    const mod = (await import(pathToFileURL(join(root, target.import)).href)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(mod).length).toBeGreaterThan(0);
  });

  it('has no default export anywhere', async () => {
    for (const [, target] of entries) {
      if (typeof target === 'string') continue;
      const mod = (await import(pathToFileURL(join(root, target.import)).href)) as Record<
        string,
        unknown
      >;
      expect(mod['default']).toBeUndefined();
    }
  });

  it('root entry reaches no database driver or HTTP framework through its imports', () => {
    // Walk the built import graph from dist/index.js and collect bare specifiers.
    const bare = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(join(file, '..', spec));
        else bare.add(spec);
      }
    };
    visit(join(root, 'dist', 'index.js'));
    expect(seen.size).toBeGreaterThan(5);
    const heavy = [...bare].filter((s) =>
      /^(kysely|fastify|@fastify\/|pg$|better-sqlite3|commander)/.test(s),
    );
    expect(heavy).toEqual([]);
  });

  it('bin pagewise is an executable node script', () => {
    const bin = pkg.bin['pagewise'];
    expect(bin).toBeDefined();
    const text = readFileSync(join(root, bin!), 'utf8');
    expect(text.startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
