/**
 * The Node-only pieces of the pagewise client, kept out of `pagewise/client`
 * so that it bundles for browsers, Deno and workers without `node:` imports:
 * today the {@link FileCheckpointStore}, which keeps checkpoints in files with
 * atomic, fsynced writes. Subpath `pagewise/client/node`.
 *
 * @module
 */
export { FileCheckpointStore, type FileCheckpointStoreOptions } from './file-checkpoint-store.js';
