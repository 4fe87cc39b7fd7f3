import { PagewiseError } from '../errors/index.js';

/** Stable codes of {@link ListDefinitionError}. */
export type ListDefinitionErrorCode =
  /** The sort spec is empty, repeats a column, or its last key is not declared `unique`. */
  | 'invalid_sort'
  /** Page-size limits are inconsistent (e.g. `default` above `max`). */
  | 'invalid_page_size_limits'
  /** A window definition is incomplete (no kind, bad operator). */
  | 'invalid_window_definition'
  /** Another option is missing or invalid (unknown key, missing codec). */
  | 'invalid_option'
  /** A row returned by the source lacks a sort key or holds a value of the wrong kind. */
  | 'invalid_row'
  /** A prepared source's query changes with its values (`preparedKyselySource`): build one per shape. */
  | 'invalid_source';

/** Every {@link ListDefinitionErrorCode}, for catalogue checks. */
export const LIST_DEFINITION_ERROR_CODES: readonly ListDefinitionErrorCode[] = Object.freeze([
  'invalid_sort',
  'invalid_page_size_limits',
  'invalid_window_definition',
  'invalid_option',
  'invalid_row',
  'invalid_source',
]);

/**
 * The server's own mistake in defining or feeding a paginated list (an HTTP
 * 500, not the caller's fault). Thrown by `definePaginatedList()` at startup
 * for bad definitions, and by `page()` when a source returns rows that do not
 * match the sort spec.
 */
export class ListDefinitionError extends PagewiseError {
  declare readonly code: ListDefinitionErrorCode;
  constructor(code: ListDefinitionErrorCode, message: string) {
    super(code, message);
    this.name = 'ListDefinitionError';
  }
}
