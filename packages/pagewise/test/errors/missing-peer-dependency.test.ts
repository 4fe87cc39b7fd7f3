import { describe, expect, it } from 'vitest';
import {
  isMissingPeerDependencyError,
  isPagewiseError,
  loadPeerDependency,
  MissingPeerDependencyError,
} from '../../src/errors/index.js';

// A package name that is installed nowhere, imported through a variable so
// that TypeScript does not resolve it.
const ABSENT = 'pagewise-test-absent-peer';
const importByName = (name: string): Promise<unknown> => import(name);

describe('MissingPeerDependencyError', () => {
  it('has a stable code, the package and subpath, and says what to install', () => {
    const error = new MissingPeerDependencyError('kysely', 'pagewise/kysely');
    expect(error.name).toBe('MissingPeerDependencyError');
    expect(error.code).toBe('missing_peer_dependency');
    expect(error.packageName).toBe('kysely');
    expect(error.subpath).toBe('pagewise/kysely');
    expect(error.message).toContain('"kysely"');
    expect(error.message).toContain('npm install kysely');
    expect(isPagewiseError(error)).toBe(true);
    expect(isMissingPeerDependencyError(error)).toBe(true);
    expect(isMissingPeerDependencyError(new Error('x'))).toBe(false);
  });
});

describe('loadPeerDependency', () => {
  it('turns "cannot find package" for that package into the typed error, with the cause', async () => {
    const error = await loadPeerDependency(ABSENT, 'pagewise/test', () => importByName(ABSENT))
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(isMissingPeerDependencyError(error)).toBe(true);
    const missing = error as MissingPeerDependencyError;
    expect(missing.packageName).toBe(ABSENT);
    expect(missing.subpath).toBe('pagewise/test');
    expect(missing.message).toContain(`npm install ${ABSENT}`);
    expect((missing.cause as { code?: unknown }).code).toBe('ERR_MODULE_NOT_FOUND');
  });

  it('rethrows a missing package that is not the peer itself (a broken install, as it is)', async () => {
    const error = await loadPeerDependency('kysely', 'pagewise/kysely', () => importByName(ABSENT))
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(isMissingPeerDependencyError(error)).toBe(false);
    expect((error as { code?: unknown }).code).toBe('ERR_MODULE_NOT_FOUND');
  });

  it('rethrows any other failure unchanged', async () => {
    const boom = new Error('boom');
    await expect(
      loadPeerDependency('kysely', 'pagewise/kysely', () => Promise.reject(boom)),
    ).rejects.toBe(boom);
  });

  it('returns the module when it is installed', async () => {
    const kysely = await loadPeerDependency('kysely', 'pagewise/kysely', () => import('kysely'));
    expect(typeof kysely.sql).toBe('function');
  });
});
