import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const libSrc = join(root, 'packages', 'pagewise', 'src');
const emuSrc = join(root, 'packages', 'emulator', 'src');

// DESIGN.md's parts of the library and the one direction their dependencies
// point in. The engine also reads the token part's cursor types and
// TokenError: the cursor is the contract between them.
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  token: ['errors'],
  engine: ['errors', 'token'],
  sources: ['errors', 'token', 'engine'],
  styles: ['errors', 'token', 'engine'],
  server: ['errors', 'token', 'engine', 'styles'],
  client: ['errors', 'styles'],
  cli: ['errors', 'token', 'engine', 'sources', 'styles', 'server', 'client'],
  '(root)': ['errors', 'token', 'engine', 'sources'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Imports {
  readonly relative: string[];
  readonly bare: string[];
}

function importsOf(file: string): Imports {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g,
    ),
  ].map((m) => (m[1] ?? m[2])!);
  return {
    relative: specs
      .filter((s) => s.startsWith('.'))
      .map((s) => normalize(join(dirname(file), s.replace(/\.js$/, '.ts')))),
    bare: specs.filter((s) => !s.startsWith('.')),
  };
}

function graphOf(dir: string): Map<string, Imports> {
  return new Map(files(dir).map((f) => [f, importsOf(f)]));
}

function cycles(graph: Map<string, Imports>, base: string): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  const visit = (file: string, stack: string[]) => {
    state.set(file, 'open');
    stack.push(file);
    for (const dep of graph.get(file)?.relative ?? []) {
      if (state.get(dep) === 'open') {
        found.push(
          [...stack.slice(stack.indexOf(dep)), dep].map((f) => relative(base, f)).join(' -> '),
        );
      } else if (!state.has(dep)) visit(dep, stack);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
  return found;
}

const lib = graphOf(libSrc);
const emu = graphOf(emuSrc);
const partOf = (file: string) => {
  const rel = relative(libSrc, file).split('/');
  return rel.length > 1 ? rel[0]! : '(root)';
};

describe('the library (packages/pagewise)', () => {
  it('has the parts DESIGN.md names, and nothing else', () => {
    expect(lib.size).toBeGreaterThan(100);
    for (const file of lib.keys()) expect(Object.keys(ALLOWED)).toContain(partOf(file));
  });

  it('points its dependencies between parts one way', () => {
    const wrong: string[] = [];
    for (const [file, { relative: deps }] of lib) {
      for (const dep of deps) {
        const from = partOf(file);
        const to = partOf(dep);
        if (from !== to && !ALLOWED[from]?.includes(to)) {
          wrong.push(`${relative(libSrc, file)} -> ${relative(libSrc, dep)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('never reaches outside its own src/ and never imports the emulator by name', () => {
    const wrong: string[] = [];
    for (const [file, { relative: deps, bare }] of lib) {
      for (const dep of deps) if (!dep.startsWith(libSrc)) wrong.push(`${file} -> ${dep}`);
      for (const spec of bare) if (spec.startsWith('@pagewise/')) wrong.push(`${file} -> ${spec}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no circular imports', () => {
    expect(cycles(lib, libSrc)).toEqual([]);
  });
});

describe('the emulator (packages/emulator)', () => {
  it('uses the library only through its package exports', () => {
    const pkg = JSON.parse(
      readFileSync(join(root, 'packages', 'pagewise', 'package.json'), 'utf8'),
    ) as { exports: Record<string, unknown> };
    const exported = new Set(
      Object.keys(pkg.exports).map((k) => (k === '.' ? 'pagewise' : `pagewise/${k.slice(2)}`)),
    );
    const wrong: string[] = [];
    let used = 0;
    for (const [file, { relative: deps, bare }] of emu) {
      for (const dep of deps) if (!dep.startsWith(emuSrc)) wrong.push(`${file} -> ${dep}`);
      for (const spec of bare.filter((s) => s === 'pagewise' || s.startsWith('pagewise/'))) {
        used++;
        if (!exported.has(spec)) wrong.push(`${file} -> ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(used).toBeGreaterThan(10);
  });

  it('cannot deep-import the library: Node refuses a path the exports map does not name', () => {
    // Resolved as the emulator's own modules are, from its folder, by Node's ESM resolver
    // (TypeScript's NodeNext resolution reads the same exports map).
    const resolveFromEmulator = (spec: string): string =>
      execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(spec)}))`],
        { cwd: emuSrc, encoding: 'utf8', stdio: 'pipe' },
      ).trim();
    expect(resolveFromEmulator('pagewise/token')).toMatch(
      /packages\/pagewise\/dist\/token\/index\.js$/,
    );
    for (const deep of ['pagewise/dist/token/timestamp-text.js', 'pagewise/src/token/index.ts']) {
      expect(() => resolveFromEmulator(deep)).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
    }
  });

  it('has no circular imports', () => {
    expect(cycles(emu, emuSrc)).toEqual([]);
  });
});

describe('tests, benches and scripts outside the library', () => {
  it('import the library by its package name, never by a path into its source', () => {
    const outside = [
      join(root, 'packages', 'emulator'),
      join(root, 'test'),
      join(root, 'bench'),
    ].flatMap((d) => files(d).filter((f) => !f.includes('node_modules') && !f.includes('/dist/')));
    expect(outside.length).toBeGreaterThan(30);
    const wrong = outside.filter((f) =>
      importsOf(f).relative.some((dep) => dep.startsWith(join(root, 'packages', 'pagewise'))),
    );
    expect(wrong).toEqual([]);
  });
});

describe('every source file', () => {
  it('has no default export', () => {
    for (const file of [...lib.keys(), ...emu.keys()]) {
      expect(readFileSync(file, 'utf8'), relative(root, file)).not.toMatch(/export default/);
    }
  });
});
