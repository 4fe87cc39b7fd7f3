import type { JsonSchema } from '../types.js';
import type { ZoomEndpoint } from './zoom-endpoints.js';

/**
 * Zoom's paging query parameters as a JSON Schema object. It allows other
 * properties (routes add their own) and never says more than the style
 * enforces: `page_size` has no `maximum` because Zoom clamps.
 */
export function zoomQuerySchema(endpoint: ZoomEndpoint): JsonSchema {
  const { min, max, default: def } = endpoint.pageSize;
  return {
    type: 'object',
    additionalProperties: true,
    properties: {
      page_size: {
        type: 'integer',
        minimum: min,
        default: def,
        description: `Records per page, ${min}–${max} (default ${def}); larger values are cut to ${max}.`,
      },
      next_page_token: {
        type: 'string',
        description:
          'Token of the next page, from the previous response; send it with the same query parameters. Expires after 15 minutes.',
      },
      ...(endpoint.legacyPageNumber
        ? {
            page_number: {
              type: 'integer',
              minimum: 1,
              default: 1,
              description: 'Legacy page number (being phased out; use next_page_token).',
            },
          }
        : {}),
    },
  };
}

/** The Zoom envelope around `item` (WIRE.md §1.2), keys in wire order. */
export function zoomPageSchema(endpoint: ZoomEndpoint, item: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    ...(endpoint.dateRange
      ? { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } }
      : {}),
    page_count: { type: 'integer', description: 'Number of pages.' },
    ...(endpoint.legacyPageNumber
      ? { page_number: { type: 'integer', description: 'Only in legacy page-number responses.' } }
      : {}),
    page_size: { type: 'integer' },
    total_records: { type: 'integer' },
    next_page_token: { type: 'string', description: 'Empty string on the last page.' },
    [endpoint.itemsKey]: { type: 'array', items: item },
  };
  return {
    type: 'object',
    properties,
    required: ['page_size', 'next_page_token', endpoint.itemsKey],
  };
}

/** The Zoom error body (`{ code, message[, errors] }`). */
export const zoomErrorSchema: JsonSchema = /* @__PURE__ */ Object.freeze({
  type: 'object',
  properties: {
    code: { type: 'integer' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
        required: ['field', 'message'],
      },
    },
  },
  required: ['code', 'message'],
});

/** Response schemas of a Zoom list by status: the page and Zoom's error body. */
export function zoomResponseSchemas(
  endpoint: ZoomEndpoint,
  item: JsonSchema,
): Readonly<Record<number, JsonSchema>> {
  return {
    200: zoomPageSchema(endpoint, item),
    400: zoomErrorSchema,
    401: zoomErrorSchema,
    404: zoomErrorSchema,
    429: zoomErrorSchema,
  };
}
