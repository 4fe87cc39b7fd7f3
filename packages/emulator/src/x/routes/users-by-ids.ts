import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyStyleRoute } from 'pagewise/fastify';
import { x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { lookupList, partialUsers, usersByIds } from '../user-lookup.js';
import { usersByIds as endpoint, ID_RE, INT64_MAX, userLookupParams } from '../x-endpoints.js';
import { userItem } from '../x-fields.js';
import { rejectUnknown, userFields } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/**
 * `GET /2/users?ids=1,2`: up to 100 users by id; ids not found come back in
 * `errors` beside the users found (a 200).
 */
export function usersByIdsRoute(ctx: EmulatorContext): RouteOptions {
  return fastifyStyleRoute({
    url: '/2/users',
    style: x,
    endpoint,
    ...emulatorAdmission(ctx, x, endpoint),
    schema: xRouteSchema(
      'Users by ids',
      Type.Object({
        ids: Type.String({ description: 'Comma-separated user ids (1–100, decimal strings).' }),
        ...userLookupParams,
      }),
    ),
    parse: (_request, query) => {
      rejectUnknown(query, endpoint.allowedParams ?? []);
      return { ids: lookupList(query, 'ids', ID_RE), fields: userFields(query) };
    },
    handler: async ({ params }) => {
      // 19 digits may exceed int64: no such user, and no such value to bind.
      const ids = params.ids.map((id) => BigInt(id)).filter((id) => id <= INT64_MAX);
      return partialUsers(params.ids, await usersByIds(ctx.handle.db, ids), {
        param: 'ids',
        keyOf: (row) => String(row['id']),
        // Leading zeros name the same id.
        normalize: (value) => BigInt(value).toString(),
        toItem: (row) => userItem(row, params.fields),
      });
    },
  });
}
