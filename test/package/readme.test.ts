import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleReadme } from '../../scripts/build-readme.js';

const root = join(import.meta.dirname, '..', '..');

describe('README', () => {
  it('is exactly what `npm run readme` assembles from docs/readme/', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(assembleReadme());
  });

  it('gives the two set-up commands', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
