import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../../emulator-context.js';
import { zoomLists } from '../zoom-lists.js';
import { dashboardMeetingParticipantsRoute } from './dashboard-meeting-participants.js';
import { dashboardMeetingsRoute } from './dashboard-meetings.js';
import { dashboardWebinarParticipantsRoute } from './dashboard-webinar-participants.js';
import { dashboardWebinarsRoute } from './dashboard-webinars.js';
import { listUsersRoute } from './list-users.js';
import { meetingParticipantsRoute } from './meeting-participants.js';
import { reportUserMeetingsRoute } from './report-user-meetings.js';
import { userMeetingsRoute } from './user-meetings.js';

/** Registers the Zoom endpoints under `/v2`, each on the library's Fastify adapter. */
export function registerZoomRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const lists = zoomLists(ctx.codec);
  app.route(listUsersRoute(ctx, lists));
  app.route(userMeetingsRoute(ctx, lists));
  app.route(reportUserMeetingsRoute(ctx, lists));
  app.route(dashboardMeetingsRoute(ctx, lists));
  app.route(meetingParticipantsRoute(ctx, lists, 'past'));
  app.route(meetingParticipantsRoute(ctx, lists, 'report'));
  app.route(dashboardMeetingParticipantsRoute(ctx, lists));
  app.route(dashboardWebinarsRoute(ctx, lists));
  app.route(dashboardWebinarParticipantsRoute(ctx, lists));
}
