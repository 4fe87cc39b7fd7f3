import type { JsonSchema } from '../types.js';
import type { XEndpoint } from './x-endpoints.js';

/** X's paging query parameters as a JSON Schema object (other properties allowed). */
export function xQuerySchema(endpoint: XEndpoint): JsonSchema {
  const { min, max, default: def } = endpoint.pageSize;
  const properties: Record<string, JsonSchema> = {
    max_results: {
      type: 'integer',
      minimum: min,
      maximum: max,
      default: def,
      description: `Results per page, ${min}–${max} (default ${def}).`,
    },
  };
  for (const param of endpoint.tokenParams) {
    properties[param] = {
      type: 'string',
      description:
        'Token of the page to get: `meta.next_token` (or `meta.previous_token`) of a previous response.',
    };
  }
  return { type: 'object', additionalProperties: true, properties };
}

/**
 * The X envelope around `item` (WIRE.md §2.2), with the endpoint's `meta`
 * keys; `includes` holds the objects expansions bring (`users`, `tweets`).
 */
export function xPageSchema(
  endpoint: XEndpoint,
  item: JsonSchema,
  includes: Readonly<Record<string, JsonSchema>> = {},
): JsonSchema {
  const meta: Record<string, JsonSchema> = {};
  for (const key of endpoint.metaKeys) {
    meta[key] = key === 'result_count' ? { type: 'integer' } : { type: 'string' };
  }
  const kinds = Object.keys(includes);
  return {
    type: 'object',
    properties: {
      data: { type: 'array', items: item, description: 'Absent when the result is empty.' },
      ...(kinds.length > 0
        ? {
            includes: {
              type: 'object',
              properties: Object.fromEntries(
                kinds.map((k) => [k, { type: 'array', items: includes[k] }]),
              ),
            },
          }
        : {}),
      meta: { type: 'object', properties: meta, required: ['result_count'] },
    },
    required: ['meta'],
  };
}

/** X's 400 "Invalid Request" body. */
export const xInvalidRequestSchema: JsonSchema = /* @__PURE__ */ Object.freeze({
  type: 'object',
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          parameters: {
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
          message: { type: 'string' },
        },
        required: ['parameters', 'message'],
      },
    },
    title: { type: 'string' },
    detail: { type: 'string' },
    type: { type: 'string' },
  },
  required: ['errors', 'title', 'detail', 'type'],
});

/** X's problem JSON (401, 429, 5xx). */
export const xProblemSchema: JsonSchema = /* @__PURE__ */ Object.freeze({
  type: 'object',
  properties: {
    title: { type: 'string' },
    type: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
  },
  required: ['title', 'type', 'status', 'detail'],
});

/** Response schemas of an X list by status: the page, the 400 and the problem JSON. */
export function xResponseSchemas(
  endpoint: XEndpoint,
  item: JsonSchema,
  includes?: Readonly<Record<string, JsonSchema>>,
): Readonly<Record<number, JsonSchema>> {
  return {
    200: xPageSchema(endpoint, item, includes),
    400: xInvalidRequestSchema,
    401: xProblemSchema,
    429: xProblemSchema,
  };
}
