import { MissingPeerDependencyError } from './missing-peer-dependency-error.js';

/**
 * Loads an optional peer dependency for a subpath, turning Node's "cannot
 * find package" for exactly that package into a
 * {@link MissingPeerDependencyError}. Any other failure (the package is there
 * but broken, one of its own files or dependencies is missing) is rethrown
 * as it is: it would be wrong to tell the user to install what they have.
 *
 * @param packageName the peer, e.g. `kysely`
 * @param subpath the entry point that needs it, e.g. `pagewise/kysely`
 * @param load `() => import('kysely')`: a literal import, so bundlers still see it
 * @internal
 */
export async function loadPeerDependency<T>(
  packageName: string,
  subpath: string,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isPackageNotFound(error, packageName)) {
      throw new MissingPeerDependencyError(packageName, subpath, { cause: error });
    }
    throw error;
  }
}

/** True for Node's ESM resolver failing to find the package `packageName` itself. */
function isPackageNotFound(error: unknown, packageName: string): boolean {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_MODULE_NOT_FOUND') return false;
  // "Cannot find package 'kysely' imported from /app/node_modules/pagewise/dist/…"
  const missing = /Cannot find package '([^']+)'/.exec(String((error as Error).message))?.[1];
  return missing === packageName;
}
