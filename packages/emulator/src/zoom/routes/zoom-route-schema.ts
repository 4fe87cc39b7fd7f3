import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifySchema } from 'fastify';

/** An optional string query parameter with a description. */
export const str = (description: string, extra: Record<string, unknown> = {}) =>
  Type.Optional(Type.String({ description, ...extra }));

/** Paging parameters as the emulator documents them (read by the Zoom style, not by the schema). */
export const paging = {
  page_size: str('Items per page, 1-300 (default 30; larger values are clamped to 300).'),
  next_page_token: str(
    'Token of the next page, from the previous response (empty or absent on the first call).',
  ),
};
/** The legacy page number. */
export const legacy = {
  page_number: str('Legacy page number (1-based); being phased out in favour of next_page_token.'),
};
/** The required date range of reports and dashboards. */
export const dates = {
  from: Type.String({ description: 'Start date, yyyy-mm-dd (UTC).' }),
  to: Type.String({ description: 'End date, yyyy-mm-dd (UTC, inclusive).' }),
};
/** `include_fields` of the Dashboard participants lists (Zoom's one value). */
export const dashboardParticipantParams = {
  include_fields: str("registrant_id: add each participant's registrant id (not with type=live).", {
    enum: ['registrant_id'],
  }),
};
/** The `:userId` path parameter. */
export const userIdParam = Type.Object({
  userId: Type.String({ description: 'User id, email, or `me`.' }),
});

/** The OpenAPI description of a Zoom route: summary, tag, bearer auth, parameters. */
export function zoomRouteSchema(
  summary: string,
  querystring: Record<string, TSchema>,
  params?: TSchema,
): FastifySchema {
  return {
    summary,
    tags: ['Zoom'],
    security: [{ bearerAuth: [] }],
    querystring: Type.Object(querystring),
    ...(params ? { params } : {}),
  };
}
