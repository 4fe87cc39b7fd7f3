import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import type {
  LinkEndpoint,
  StyleEndpoint,
  WireStyle,
  XEndpoint,
  ZoomEndpoint,
} from '../styles/index.js';

/**
 * TypeBox schemas of each style's paging parameters and envelopes, for
 * Fastify route schemas: they feed the OpenAPI document (@fastify/swagger)
 * and Fastify's request validation, whose errors {@link styleErrorHandler}
 * writes in the style's own error body.
 *
 * Query schemas allow other properties (routes add their own), and never
 * say more than the style enforces: Zoom's `page_size` has no `maximum`
 * because Zoom clamps. The handler still parses the raw query itself, so a
 * schema can only make validation earlier, never different.
 *
 * @module
 */

/** Paging query parameters of a Zoom endpoint. */
export function zoomQuerySchema(endpoint: ZoomEndpoint): TObject {
  const { min, max, default: def } = endpoint.pageSize;
  return Type.Object(
    {
      page_size: Type.Optional(
        Type.Integer({
          minimum: min,
          default: def,
          description: `Records per page, ${min}–${max} (default ${def}); larger values are cut to ${max}.`,
        }),
      ),
      next_page_token: Type.Optional(
        Type.String({
          description:
            'Token of the next page, from the previous response; send it with the same query parameters. Expires after 15 minutes.',
        }),
      ),
      ...(endpoint.legacyPageNumber
        ? {
            page_number: Type.Optional(
              Type.Integer({
                minimum: 1,
                default: 1,
                description: 'Legacy page number (being phased out; use next_page_token).',
              }),
            ),
          }
        : {}),
    },
    { additionalProperties: true },
  );
}

/** Paging query parameters of an X endpoint. */
export function xQuerySchema(endpoint: XEndpoint): TObject {
  const { min, max, default: def } = endpoint.pageSize;
  const tokens: Record<string, TSchema> = {};
  for (const param of endpoint.tokenParams) {
    tokens[param] = Type.Optional(
      Type.String({
        description: `Token of the page to get: \`meta.next_token\` (or \`meta.previous_token\`) of a previous response.`,
      }),
    );
  }
  return Type.Object(
    {
      max_results: Type.Optional(
        Type.Integer({
          minimum: min,
          maximum: max,
          default: def,
          description: `Results per page, ${min}–${max} (default ${def}).`,
        }),
      ),
      ...tokens,
    },
    { additionalProperties: true },
  );
}

/** Paging query parameters of a Link-style endpoint. */
export function linkQuerySchema(endpoint: LinkEndpoint): TObject {
  const { min, max, default: def } = endpoint.pageSize;
  const position =
    endpoint.mode === 'cursor'
      ? {
          [endpoint.cursorParam]: Type.Optional(
            Type.String({ description: 'Cursor from a `Link` header URL.' }),
          ),
        }
      : {
          [endpoint.pageParam]: Type.Optional(
            Type.Integer({ minimum: 1, default: 1, description: 'Page number.' }),
          ),
        };
  return Type.Object(
    {
      per_page: Type.Optional(
        Type.Integer({
          minimum: min,
          default: def,
          description: `Results per page, ${min}–${max} (default ${def}); larger values are cut to ${max}.`,
        }),
      ),
      ...position,
    },
    { additionalProperties: true },
  );
}

/** Paging query schema of any built-in style's endpoint, chosen by `style.name`. */
export function pagingQuerySchema<E extends StyleEndpoint>(
  style: WireStyle<E>,
  endpoint: E,
): TObject {
  switch (style.name) {
    case 'zoom':
      return zoomQuerySchema(endpoint as unknown as ZoomEndpoint);
    case 'x':
      return xQuerySchema(endpoint as unknown as XEndpoint);
    case 'link':
      return linkQuerySchema(endpoint as unknown as LinkEndpoint);
    default:
      return Type.Object({}, { additionalProperties: true });
  }
}

/** The Zoom envelope around `item` (WIRE.md §1.2). */
export function zoomPageSchema(endpoint: ZoomEndpoint, item: TSchema): TObject {
  return Type.Object({
    ...(endpoint.dateRange
      ? {
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
        }
      : {}),
    page_count: Type.Optional(Type.Integer({ description: 'Number of pages.' })),
    ...(endpoint.legacyPageNumber
      ? {
          page_number: Type.Optional(
            Type.Integer({ description: 'Only in legacy page-number responses.' }),
          ),
        }
      : {}),
    page_size: Type.Integer(),
    total_records: Type.Optional(Type.Integer()),
    next_page_token: Type.String({ description: 'Empty string on the last page.' }),
    [endpoint.itemsKey]: Type.Array(item),
  });
}

/** The Zoom error body (`{ code, message[, errors] }`). */
export const zoomErrorSchema: TObject = Type.Object({
  code: Type.Integer(),
  message: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});

/** The X envelope around `item` (WIRE.md §2.2), with the endpoint's `meta` keys. */
export function xPageSchema(endpoint: XEndpoint, item: TSchema): TObject {
  const meta: Record<string, TSchema> = {};
  for (const key of endpoint.metaKeys) {
    meta[key] = key === 'result_count' ? Type.Integer() : Type.Optional(Type.String());
  }
  return Type.Object({
    data: Type.Optional(Type.Array(item, { description: 'Absent when the result is empty.' })),
    meta: Type.Object(meta),
  });
}

/** X's 400 "Invalid Request" body. */
export const xInvalidRequestSchema: TObject = Type.Object({
  errors: Type.Array(
    Type.Object({
      parameters: Type.Record(Type.String(), Type.Array(Type.String())),
      message: Type.String(),
    }),
  ),
  title: Type.String(),
  detail: Type.String(),
  type: Type.String(),
});

/** X's problem JSON (401, 429). */
export const xProblemSchema: TObject = Type.Object({
  title: Type.String(),
  type: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
});

/** Link-style body: a JSON array of `item`. */
export function linkPageSchema(item: TSchema): TSchema {
  return Type.Array(item);
}

/** Link-style error body (GitHub-like `{ message, status }`). */
export const linkErrorSchema: TObject = Type.Object({
  message: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String() }))),
  status: Type.String(),
});

/**
 * Response schemas by status for a paginated route of a built-in style, for
 * the route's `schema.response` (documentation; the adapter sends JSON text
 * it already wrote, so these never reorder or drop fields).
 */
export function pagingResponseSchemas<E extends StyleEndpoint>(
  style: WireStyle<E>,
  endpoint: E,
  item: TSchema,
): Record<string, TSchema> {
  switch (style.name) {
    case 'zoom':
      return {
        200: zoomPageSchema(endpoint as unknown as ZoomEndpoint, item),
        400: zoomErrorSchema,
        401: zoomErrorSchema,
        404: zoomErrorSchema,
        429: zoomErrorSchema,
      };
    case 'x':
      return {
        200: xPageSchema(endpoint as unknown as XEndpoint, item),
        400: xInvalidRequestSchema,
        401: xProblemSchema,
        429: xProblemSchema,
      };
    case 'link':
      return {
        200: linkPageSchema(item),
        400: linkErrorSchema,
        401: linkErrorSchema,
        429: linkErrorSchema,
      };
    default:
      return {};
  }
}
