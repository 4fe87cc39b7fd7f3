import type { TSchema } from '@sinclair/typebox';
import type { FastifySchema } from 'fastify';

/** The OpenAPI description of an X route: summary, tag, bearer auth, parameters. */
export function xRouteSchema(
  summary: string,
  querystring: TSchema,
  params?: TSchema,
): FastifySchema {
  return {
    summary,
    tags: ['X'],
    security: [{ bearerAuth: [] }],
    querystring,
    ...(params ? { params } : {}),
  };
}
