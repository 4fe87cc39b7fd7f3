import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md's parts and the one direction their dependencies point in. The
// engine also reads the token part's cursor types and TokenError: the cursor
// is the contract between them.
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  token: ['errors'],
  engine: ['errors', 'token'],
  sources: ['errors', 'token', 'engine'],
  styles: ['errors', 'token', 'engine'],
  server: ['errors', 'token', 'engine', 'styles'],
  client: ['errors', 'styles'],
  emulator: ['errors', 'token', 'engine', 'sources', 'styles', 'server'],
  cli: ['errors', 'token', 'engine', 'sources', 'styles', 'server', 'client', 'emulator'],
  '(root)': ['errors', 'token', 'engine', 'sources'],
};

const src = join(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const graph = new Map<string, string[]>();
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8');
  const deps = [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]/g)].map((m) =>
    normalize(join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
  );
  graph.set(file, deps);
}
const partOf = (file: string) => {
  const rel = relative(src, file).split('/');
  return rel.length > 1 ? rel[0]! : '(root)';
};

describe('architecture', () => {
  it('every part is one DESIGN.md names', () => {
    for (const file of graph.keys()) expect(Object.keys(ALLOWED)).toContain(partOf(file));
  });

  it('dependencies between parts point one way', () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      for (const dep of deps) {
        const from = partOf(file);
        const to = partOf(dep);
        if (from !== to && !ALLOWED[from]?.includes(to)) {
          wrong.push(`${relative(src, file)} -> ${relative(src, dep)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no circular imports', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, stack: string[]) => {
      state.set(file, 'open');
      stack.push(file);
      for (const dep of graph.get(file) ?? []) {
        if (state.get(dep) === 'open') {
          cycles.push(
            [...stack.slice(stack.indexOf(dep)), dep].map((f) => relative(src, f)).join(' -> '),
          );
        } else if (!state.has(dep)) visit(dep, stack);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('no source file has a default export', () => {
    for (const [file] of graph) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(src, file)).not.toMatch(/export default/);
    }
  });
});
