import { Type } from '@sinclair/typebox';
import type { RouteOptions } from 'fastify';
import { fastifyStyleRoute } from 'pagewise/fastify';
import { formatXResource, x } from 'pagewise/styles';
import type { EmulatorContext } from '../../emulator-context.js';
import { emulatorAdmission } from '../../http/emulator-admission.js';
import { findXUser } from '../find-x-user.js';
import { type UserItem, userIncludes, userOptions } from '../user-includes.js';
import { fieldParams, idParam, userLookup } from '../x-endpoints.js';
import { userItem } from '../x-fields.js';
import { pathUserId, rejectUnknown } from '../x-params.js';
import { xRouteSchema } from './x-route-schema.js';

/** `GET /2/users/:id`: one user by id. */
export function usersByIdRoute(ctx: EmulatorContext): RouteOptions {
  return fastifyStyleRoute({
    url: '/2/users/:id',
    style: x,
    endpoint: userLookup,
    ...emulatorAdmission(ctx, x, userLookup),
    schema: xRouteSchema('A user by id', Type.Object(fieldParams), idParam),
    parse: (request, query) => {
      rejectUnknown(query, userLookup.allowedParams ?? []);
      const raw = (request.params as { id: string }).id;
      return { raw, id: pathUserId(raw), options: userOptions(query) };
    },
    handler: async ({ params }) => {
      const user = userItem(
        await findXUser(ctx.handle.db, params.id, params.raw),
        params.options.fields,
      );
      return formatXResource(
        user,
        await userIncludes(ctx.handle.db, [user as UserItem], params.options),
      );
    },
  });
}
