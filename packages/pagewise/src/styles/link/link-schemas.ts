import type { JsonSchema } from '../types.js';
import type { LinkEndpoint } from './link-endpoint.js';

/** Paging query parameters of a Link-style endpoint as a JSON Schema object. */
export function linkQuerySchema(endpoint: LinkEndpoint): JsonSchema {
  const { min, max, default: def } = endpoint.pageSize;
  const position: Record<string, JsonSchema> =
    endpoint.mode === 'cursor'
      ? {
          [endpoint.cursorParam]: {
            type: 'string',
            description: 'Cursor from a `Link` header URL.',
          },
        }
      : {
          [endpoint.pageParam]: {
            type: 'integer',
            minimum: 1,
            default: 1,
            description: 'Page number.',
          },
        };
  return {
    type: 'object',
    additionalProperties: true,
    properties: {
      per_page: {
        type: 'integer',
        minimum: min,
        default: def,
        description: `Results per page, ${min}–${max} (default ${def}); larger values are cut to ${max}.`,
      },
      ...position,
    },
  };
}

/** Link-style body: a JSON array of `item`. */
export function linkPageSchema(item: JsonSchema): JsonSchema {
  return { type: 'array', items: item };
}

/** Link-style error body (GitHub-like `{ message, status }`). */
export const linkErrorSchema: JsonSchema = /* @__PURE__ */ Object.freeze({
  type: 'object',
  properties: {
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, code: { type: 'string' } },
        required: ['field', 'code'],
      },
    },
    status: { type: 'string' },
  },
  required: ['message', 'status'],
});

/** Response schemas of a Link-style list by status. */
export function linkResponseSchemas(
  _endpoint: LinkEndpoint,
  item: JsonSchema,
): Readonly<Record<number, JsonSchema>> {
  return {
    200: linkPageSchema(item),
    400: linkErrorSchema,
    401: linkErrorSchema,
    429: linkErrorSchema,
  };
}
