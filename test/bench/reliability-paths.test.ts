import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('npm run reliability', () => {
  // It hands test paths to vitest, which runs nothing (and the run reads as failed) when a path
  // moved: after the split into packages, every path it named was stale.
  it('names only test files and folders that exist', () => {
    const script = readFileSync(join(root, 'bench', 'reliability.ts'), 'utf8');
    const paths = [...script.matchAll(/'((?:packages|test|bench)\/[^']+)'/g)].map(
      (m) => m[1] ?? '',
    );
    expect(paths.length).toBeGreaterThanOrEqual(8);
    expect(paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });
});
