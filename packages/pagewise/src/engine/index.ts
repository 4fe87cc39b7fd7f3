/**
 * Keyset pagination engine: define a list once (sort keys ending in a
 * unique key, page-size limits, windows, totals, legacy page numbers) and
 * ask it for pages from any {@link Source}. Imports no database driver.
 *
 * @module
 */

export type { CursorValue, PageCursor, TokenBinding } from '../token/types.js';
export { Timestamp } from '../token/types.js';
export {
  codeUnitOrder,
  compareCursorValues,
  compareKeys,
  compareNonNull,
  type TextComparator,
  timestampMicros,
} from './compare-values.js';
export {
  definePaginatedList,
  type Page,
  type PageRequest,
  type PageTotals,
  type PaginatedList,
  type TokenForOptions,
} from './define-paginated-list.js';
export { isTimestamp } from './is-timestamp.js';
export {
  LIST_DEFINITION_ERROR_CODES,
  ListDefinitionError,
  type ListDefinitionErrorCode,
} from './list-definition-error.js';
export type {
  PageNumberOptions,
  PageSizeOptions,
  PaginatedListOptions,
  TotalsOptions,
} from './list-options.js';
export {
  defaultListOptions,
  normalizeListOptions,
  type ResolvedListOptions,
  type ResolvedWindowDefinition,
} from './normalize-list-options.js';
export {
  isPageRequestError,
  PAGE_REQUEST_ERROR_CODES,
  PageRequestError,
  type PageRequestErrorCode,
} from './page-request-error.js';
export type { PageTokenCodec } from './page-token-codec.js';
export type {
  ResolvedSortKey,
  SortKey,
  SortKeyKind,
  WindowBound,
  WindowDefinition,
  WindowOperator,
} from './sort-key.js';
export type { SeekBoundary, Source, SourceCountRequest, SourceFetchRequest } from './source.js';
export { toCursorValue } from './to-cursor-value.js';
