/**
 * pagewise: pagination for HTTP APIs, both sides.
 *
 * The root entry re-exports the parts that need no optional dependency: the
 * errors (among them `MissingPeerDependencyError`, thrown by a subpath whose
 * optional peer is not installed), the page-token codec, the keyset engine
 * and the in-memory source. The Kysely source, the wire styles and server
 * adapters and the client have their own subpaths (`pagewise/kysely`,
 * `pagewise/styles`, `pagewise/fastify`, `pagewise/client`, and
 * `pagewise/client/node` for its Node-only file checkpoint store; the
 * emulator is its own package, `@pagewise/emulator`), so importing the root
 * loads no database driver and no HTTP framework.
 *
 * @module
 */
export * from './engine/index.js';
export {
  isMissingPeerDependencyError,
  isPagewiseError,
  MissingPeerDependencyError,
  PagewiseError,
} from './errors/index.js';
export * from './sources/memory/index.js';
export * from './token/index.js';
