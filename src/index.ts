/**
 * pagewise: pagination for HTTP APIs, both sides.
 *
 * The root entry re-exports the parts that need no optional dependency.
 * Database sources, the Fastify adapter, the client and the emulator have
 * their own subpaths (`pagewise/kysely`, `pagewise/fastify`,
 * `pagewise/client`, `pagewise/emulator`).
 *
 * @module
 */
export { isPagewiseError, PagewiseError } from './errors/index.js';
