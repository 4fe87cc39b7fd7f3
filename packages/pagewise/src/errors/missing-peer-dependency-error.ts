import { isPagewiseError, PagewiseError } from './pagewise-error.js';

/**
 * A subpath of pagewise was imported without the optional peer dependency it
 * runs on: `pagewise/kysely` without `kysely`, for example. The library's
 * database and framework drivers are optional peers so that someone who only
 * reads APIs installs none of them; the subpath that needs one throws this
 * error when it is loaded, naming the package to install.
 *
 * @example
 * ```ts
 * import { isMissingPeerDependencyError } from 'pagewise';
 * try {
 *   await import('pagewise/kysely');
 * } catch (error) {
 *   if (isMissingPeerDependencyError(error)) console.error(error.message); // … npm install kysely
 * }
 * ```
 */
export class MissingPeerDependencyError extends PagewiseError {
  declare readonly code: 'missing_peer_dependency';
  /** The npm package that is missing, e.g. `kysely`. */
  readonly packageName: string;
  /** The pagewise subpath that needs it, e.g. `pagewise/kysely`. */
  readonly subpath: string;

  /**
   * @param packageName the missing package
   * @param subpath the pagewise entry point that needs it
   * @param options the resolver's error, as `cause`
   */
  constructor(packageName: string, subpath: string, options?: { cause?: unknown }) {
    super(
      'missing_peer_dependency',
      `${subpath} needs the package "${packageName}", an optional peer dependency of pagewise ` +
        `that is not installed: run npm install ${packageName}`,
      options,
    );
    this.name = 'MissingPeerDependencyError';
    this.packageName = packageName;
    this.subpath = subpath;
  }
}

/** True for a {@link MissingPeerDependencyError}, also across realms. */
export function isMissingPeerDependencyError(value: unknown): value is MissingPeerDependencyError {
  return (
    isPagewiseError(value) &&
    value.name === 'MissingPeerDependencyError' &&
    value.code === 'missing_peer_dependency'
  );
}
