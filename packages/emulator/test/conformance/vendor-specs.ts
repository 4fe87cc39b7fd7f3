import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The vendors' published OpenAPI documents, in `../shared/specs/` beside the
 * repository (SOURCES.md there says where each comes from). Resolved from
 * the repository root, as CI checks `../shared` out beside the clone.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
/** `../shared/specs`, relative to the repository root. */
export const SPECS_DIR = resolve(REPO_ROOT, '..', 'shared', 'specs');

/** The documents the conformance suite reads, by short name. */
export const VENDOR_DOCUMENTS = {
  /** X API v2 2.159, the classic Tweet naming (what the wire follows). */
  x: 'x-openapi-2.159.json',
  /** X API v2 2.167 (Tweet → Post): reported on, not enforced. */
  x2167: 'x-openapi.json',
  /** Zoom's current Users document: `GET /users`. */
  zoomUsers: 'zoom-users-api.json',
  /** Zoom Meeting API (2023): the other Zoom lists. */
  zoomMeetings: 'zoom-meeting-api.json',
} as const;

/** Short name of a vendor document. */
export type VendorDocumentName = keyof typeof VENDOR_DOCUMENTS;

const cache = new Map<VendorDocumentName, unknown>();

/** The parsed document (read once per process). */
export function readVendorDocument(name: VendorDocumentName): unknown {
  let doc = cache.get(name);
  if (doc === undefined) {
    doc = JSON.parse(readFileSync(join(SPECS_DIR, VENDOR_DOCUMENTS[name]), 'utf8')) as unknown;
    cache.set(name, doc);
  }
  return doc;
}
