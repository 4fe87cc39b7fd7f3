import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyStyleRoute } from 'pagewise/fastify';
import { formatXResource, x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission, principalOf } from '../../http/emulator-admission.js';
import { findXUser } from '../find-x-user.js';
import { type UserItem, userIncludes, userOptions } from '../user-includes.js';
import { fieldParams, userMe } from '../x-endpoints.js';
import { userItem } from '../x-fields.js';
import { rejectUnknown } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/** `GET /2/users/me`: the user the bearer token stands for. */
export function usersMeRoute(ctx: EmulatorContext): RouteOptions {
  return fastifyStyleRoute({
    url: '/2/users/me',
    style: x,
    endpoint: userMe,
    ...emulatorAdmission(ctx, x, userMe),
    schema: xRouteSchema('The authenticated user', Type.Object(fieldParams)),
    parse: (request, query) => {
      rejectUnknown(query, userMe.allowedParams ?? []);
      return { options: userOptions(query), userId: principalOf(request).xUserId };
    },
    handler: async ({ params }) => {
      const row = await findXUser(ctx.handle.db, params.userId, String(params.userId));
      const user = userItem(row, params.options.fields);
      return formatXResource(
        user,
        await userIncludes(ctx.handle.db, [user as UserItem], params.options),
      );
    },
  });
}
