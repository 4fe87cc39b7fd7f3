import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';

const readme = readFileSync(new URL('../../../../docs/engine.md', import.meta.url), 'utf8');

describe('engine error catalogue', () => {
  const catalogues = {
    PageRequestError: engine.PAGE_REQUEST_ERROR_CODES,
    ListDefinitionError: engine.LIST_DEFINITION_ERROR_CODES,
  };

  for (const [name, codes] of Object.entries(catalogues)) {
    it(`lists unique ${name} codes, each documented in the README section`, () => {
      expect(codes.length).toBeGreaterThan(0);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(readme, code).toContain(`\`${code}\``);
    });
  }

  it('gives each error class its name and a stable code, recognisable across realms', () => {
    const request = new engine.PageRequestError('page_too_deep', 'too deep', {
      parameter: 'pageNumber',
      value: 99,
      max: 10,
    });
    expect(request.name).toBe('PageRequestError');
    expect(engine.isPageRequestError(request)).toBe(true);
    expect(engine.isPageRequestError(new Error('x'))).toBe(false);
    const definition = new engine.ListDefinitionError('invalid_sort', 'bad');
    expect(definition.name).toBe('ListDefinitionError');
    expect(definition.code).toBe('invalid_sort');
  });
});
