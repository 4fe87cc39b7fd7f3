import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each package is consumed through its exports map: every subpath must point
// at a built module that loads and exports something, and at its
// declarations. `npm test` builds before running the tests, so dist/ is current.
interface PackageJson {
  name: string;
  exports: Record<string, string | { types: string; import: string }>;
  bin: Record<string, string>;
}

const packages = ['pagewise', 'emulator'].map((dir) => {
  const path = join(import.meta.dirname, '..', '..', 'packages', dir);
  return { path, pkg: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as PackageJson };
});

const lib = packages[0]!;

describe('the pagewise exports map', () => {
  it('names the root and one subpath per part', () => {
    expect(Object.keys(lib.pkg.exports).sort()).toEqual(
      [
        '.',
        './client',
        './client/node',
        './engine',
        './fastify',
        './kysely',
        './memory',
        './package.json',
        './styles',
        './token',
      ].sort(),
    );
  });

  it('root entry reaches no database driver, HTTP framework or CLI library through its imports', () => {
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
    visit(join(lib.path, 'dist', 'index.js'));
    expect(seen.size).toBeGreaterThan(5);
    const heavy = [...bare].filter((s) =>
      /^(kysely|fastify|@fastify\/|pg$|better-sqlite3|commander|cli-progress)/.test(s),
    );
    expect(heavy).toEqual([]);
  });
});

describe.each(packages)('package $pkg.name', ({ path, pkg }) => {
  const entries = Object.entries(pkg.exports).filter(([k]) => k !== './package.json');

  it.each(entries)('%s loads from dist with its type declarations', async (_name, target) => {
    if (typeof target === 'string') throw new Error('every export names types and import');
    expect(existsSync(join(path, target.types))).toBe(true);
    const mod = (await import(pathToFileURL(join(path, target.import)).href)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(mod).length).toBeGreaterThan(0);
    expect(mod['default']).toBeUndefined();
  });

  it('has an executable node script as its bin', () => {
    const bins = Object.values(pkg.bin);
    expect(bins).toHaveLength(1);
    const text = readFileSync(join(path, bins[0]!), 'utf8');
    expect(text.startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
