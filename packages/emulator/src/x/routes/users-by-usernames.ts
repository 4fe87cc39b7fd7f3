import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyStyleRoute } from 'pagewise/fastify';
import { x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { lookupList, partialUsers, usersByUsernames } from '../user-lookup.js';
import { usersByUsernames as endpoint, USERNAME_RE, userLookupParams } from '../x-endpoints.js';
import { userItem } from '../x-fields.js';
import { rejectUnknown, userFields } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/**
 * `GET /2/users/by?usernames=a,b`: up to 100 users by username; names not
 * found come back in `errors` beside the users found (a 200).
 */
export function usersByUsernamesRoute(ctx: EmulatorContext): RouteOptions {
  return fastifyStyleRoute({
    url: '/2/users/by',
    style: x,
    endpoint,
    ...emulatorAdmission(ctx, x, endpoint),
    schema: xRouteSchema(
      'Users by usernames',
      Type.Object({
        usernames: Type.String({
          description: 'Comma-separated usernames (1–100, each ^[A-Za-z0-9_]{1,15}$, any case).',
        }),
        ...userLookupParams,
      }),
    ),
    parse: (_request, query) => {
      rejectUnknown(query, endpoint.allowedParams ?? []);
      return { usernames: lookupList(query, 'usernames', USERNAME_RE), fields: userFields(query) };
    },
    handler: async ({ params }) =>
      partialUsers(params.usernames, await usersByUsernames(ctx.handle.db, params.usernames), {
        param: 'usernames',
        keyOf: (row) => String(row['username']),
        normalize: (value) => value.toLowerCase(),
        toItem: (row) => userItem(row, params.fields),
      }),
  });
}
