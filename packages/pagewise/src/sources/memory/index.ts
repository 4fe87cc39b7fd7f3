/**
 * In-memory {@link Source} for the keyset engine: same semantics as the SQL
 * sources, used for fixtures and as the tests' reference model.
 *
 * @module
 */
export { type MemorySourceOptions, memorySource } from './memory-source.js';
