import { isoSeconds } from 'pagewise/styles';
import { dashboardDuration } from '../http/wire-format.js';
import { MEETING_FEATURE_FLAGS, setFeatureFlags } from './dashboard-features.js';
import type { ZoomRow } from './zoom-lists.js';

const n = (v: unknown): number => Number(v);
const s = (v: unknown): string => String(v);

/**
 * A user of `GET /users`: WIRE.md §1.3's 2018 fields plus `status`,
 * `role_id`, `display_name` and `user_created_at`, typed as Zoom's current
 * Users document says (`pmi` an int64, `type` 1, 2 or 4; no `id` for a
 * pending user).
 */
export function zoomUserItem(r: ZoomRow): Record<string, unknown> {
  const createdAt = isoSeconds(n(r['created_at']));
  // "The API does not return this value for users with the pending status" (Users document, `id`).
  return {
    ...(s(r['status']) === 'pending' ? {} : { id: s(r['id']) }),
    first_name: s(r['first_name']),
    last_name: s(r['last_name']),
    display_name: `${s(r['first_name'])} ${s(r['last_name'])}`,
    email: s(r['email']),
    type: n(r['type']),
    pmi: n(r['pmi']),
    timezone: s(r['timezone']),
    dept: s(r['dept']),
    user_created_at: createdAt,
    created_at: createdAt,
    last_login_time: isoSeconds(n(r['last_login_time'])),
    last_client_version: s(r['last_client_version']),
    group_ids: JSON.parse(s(r['group_ids'])) as string[],
    im_group_ids: JSON.parse(s(r['im_group_ids'])) as string[],
    status: s(r['status']),
    role_id: s(r['role_id']),
  };
}

/** A meeting of `GET /users/{userId}/meetings`. `id` is a JSON number (seed 000; CONFLICT in WIRE.md). */
export function zoomMeetingItem(r: ZoomRow): Record<string, unknown> {
  const id = n(r['id']);
  return {
    uuid: s(r['uuid']),
    id,
    host_id: s(r['host_id']),
    topic: s(r['topic']),
    type: n(r['type']),
    start_time: isoSeconds(n(r['start_time'])),
    duration: n(r['duration']),
    timezone: s(r['timezone']),
    created_at: isoSeconds(n(r['created_at'])),
    join_url: `https://zoom.us/j/${id}`,
    agenda: s(r['agenda']),
  };
}

/** A meeting of `GET /report/users/{userId}/meetings`. */
export function zoomReportMeetingItem(r: ZoomRow): Record<string, unknown> {
  const minutes = Math.round((n(r['end_time']) - n(r['start_time'])) / 60_000);
  const participants = n(r['participants_count']);
  return {
    uuid: s(r['uuid']),
    id: n(r['id']),
    type: n(r['type']),
    topic: s(r['topic']),
    user_name: `${s(r['first_name'])} ${s(r['last_name'])}`,
    user_email: s(r['email']),
    start_time: isoSeconds(n(r['start_time'])),
    end_time: isoSeconds(n(r['end_time'])),
    duration: minutes,
    total_minutes: minutes * Math.max(1, participants),
    participants_count: participants,
  };
}

/** A meeting of `GET /metrics/meetings` (Dashboard): `duration` is a string (`"05:27"`). */
export function zoomDashboardMeetingItem(
  r: ZoomRow,
  live: boolean,
  nowMs: number,
): Record<string, unknown> {
  const f = n(r['features']);
  const start = n(r['start_time']);
  const end = n(r['end_time']);
  const item: Record<string, unknown> = {
    uuid: s(r['uuid']),
    id: n(r['id']),
    topic: s(r['topic']),
    host: `${s(r['first_name'])} ${s(r['last_name'])}`,
    email: s(r['email']),
    // Licensed hosts (type 2) are on the Pro plan with a webinar add-on; the others Basic.
    user_type: n(r['user_type']) === 2 ? 'Pro|Webinar1000' : 'Basic',
    start_time: isoSeconds(start),
  };
  // A live meeting has not ended: no end time yet (UNCONFIRMED; see docs/decisions.md).
  if (!live) item['end_time'] = isoSeconds(end);
  item['duration'] = dashboardDuration((live ? Math.min(end, nowMs) : end) - start);
  item['participants'] = n(r['participants_count']);
  setFeatureFlags(item, f, MEETING_FEATURE_FLAGS);
  return item;
}

/** A participant of `GET /past_meetings/{uuid}/participants` (`user_email` is UNCONFIRMED, included). */
export function zoomPastParticipantItem(r: ZoomRow): Record<string, unknown> {
  return { id: s(r['participant_id']), name: s(r['name']), user_email: s(r['user_email']) };
}

/**
 * A participant of `GET /report/meetings/{meetingId}/participants`.
 * `attentiveness_score` (2018 spec) is not sent: Zoom removed attention
 * tracking in April 2020 and its documents no longer list the field
 * (docs/decisions.md).
 */
export function zoomReportParticipantItem(r: ZoomRow): Record<string, unknown> {
  const join = n(r['join_time']);
  const leave = n(r['leave_time']);
  return {
    id: s(r['participant_id']),
    user_id: s(r['user_id']),
    name: s(r['name']),
    user_email: s(r['user_email']),
    join_time: isoSeconds(join),
    leave_time: isoSeconds(leave),
    duration: Math.round((leave - join) / 1000),
  };
}
