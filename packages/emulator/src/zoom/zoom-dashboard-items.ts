import { isoSeconds } from 'pagewise/styles';
import { dashboardDuration } from '../http/wire-format.js';
import { setFeatureFlags } from './dashboard-features.js';
import { participantMetrics } from './participant-metrics.js';
import type { ZoomRow } from './zoom-lists.js';

const n = (v: unknown): number => Number(v);
const s = (v: unknown): string => String(v);

/** How a Dashboard participants request sees its rows. */
export interface DashboardParticipantView {
  /** The dataset seed (the metrics are drawn from it). */
  readonly seed: string;
  /** `type=live`: a session that has not ended shows no `leave_time` or `leave_reason`. */
  readonly live: boolean;
  readonly now: number;
  /** `include_fields=registrant_id` on a past query (Zoom never returns it for `live`). */
  readonly registrantId: boolean;
}

/** The fields both Dashboard participants lists share, after who the participant is. */
function sessionFields(
  kind: 'meeting' | 'webinar',
  rowId: number,
  inAccount: boolean,
  join: number,
  leave: number,
  view: DashboardParticipantView,
): Record<string, unknown> {
  const m = participantMetrics(view.seed, kind, rowId, inAccount);
  const item: Record<string, unknown> = {
    device: m.device,
    ip_address: m.ipAddress,
    internal_ip_addresses: [...m.internalIpAddresses],
    location: m.location,
    network_type: m.networkType,
    data_center: m.dataCenter,
    full_data_center: m.fullDataCenter,
    connection_type: m.connectionType,
    version: m.version,
    pc_name: m.pcName,
    domain: m.domain,
    mac_addr: m.macAddr,
    harddisk_id: m.harddiskId,
    microphone: m.microphone,
    speaker: m.speaker,
  };
  if (kind === 'meeting') item['camera'] = m.camera;
  item['join_time'] = isoSeconds(join);
  // "For live meetings, this field will only return if a participant has left."
  if (!view.live || leave <= view.now) {
    item['leave_time'] = isoSeconds(leave);
    item['leave_reason'] = m.leaveReason;
  }
  item['audio_quality'] = m.audioQuality;
  item['video_quality'] = m.videoQuality;
  item['screen_share_quality'] = m.screenShareQuality;
  item['share_application'] = m.shareApplication;
  item['share_desktop'] = m.shareDesktop;
  item['share_whiteboard'] = m.shareWhiteboard;
  item['recording'] = m.recording;
  if (m.sipUri !== undefined) {
    item['sip_uri'] = m.sipUri;
    item['from_sip_uri'] = m.sipUri;
  }
  item['audio_call'] = m.audioCall.map((c) => ({ ...c }));
  if (view.registrantId && !view.live) item['registrant_id'] = m.registrantId;
  return item;
}

/**
 * A participant of `GET /metrics/meetings/{meetingId}/participants` (Dashboard),
 * from a `zoom_participants` row: `id` and `participant_user_id` are the Zoom
 * user id of a signed-in participant (`''` otherwise), `user_id` the session's id.
 * `email` has `format: email` in the document, so an outside participant's is
 * left out rather than sent as `''`.
 */
export function zoomDashboardMeetingParticipantItem(
  r: ZoomRow,
  hostId: string,
  view: DashboardParticipantView,
): Record<string, unknown> {
  const userId = s(r['participant_id']);
  const email = s(r['user_email']);
  const item: Record<string, unknown> = {
    id: userId,
    participant_user_id: userId,
    user_id: s(r['user_id']),
    user_name: s(r['name']),
  };
  if (email !== '') item['email'] = email;
  item['role'] = userId !== '' && userId === hostId ? 'host' : 'attendee';
  item['status'] = 'in_meeting';
  return {
    ...item,
    ...sessionFields(
      'meeting',
      n(r['id']),
      userId !== '',
      n(r['join_time']),
      n(r['leave_time']),
      view,
    ),
  };
}

/** A participant of `GET /metrics/webinars/{webinarId}/participants` (Dashboard). */
export function zoomDashboardWebinarParticipantItem(
  r: ZoomRow,
  view: DashboardParticipantView,
): Record<string, unknown> {
  const userId = s(r['participant_user_id']);
  return {
    id: userId,
    participant_user_id: userId,
    user_id: s(r['user_id']),
    user_name: s(r['user_name']),
    email: s(r['email']),
    role: s(r['role']),
    ...sessionFields(
      'webinar',
      n(r['id']),
      userId !== '',
      n(r['join_time']),
      n(r['leave_time']),
      view,
    ),
  };
}

/** Zoom user `type` to the Dashboard's `user_type` text (webinar hosts are licensed). */
const USER_TYPES: Readonly<Record<number, string>> = { 1: 'Basic', 2: 'Licensed' };

/**
 * A webinar of `GET /metrics/webinars` (Dashboard), from a `zoom_webinars` row
 * joined with its host. A live webinar has no `end_time` yet and its
 * `duration` runs to now, as the emulator's live Dashboard meetings.
 */
export function zoomDashboardWebinarItem(
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
    user_type: USER_TYPES[n(r['user_type'])] ?? 'Licensed',
    dept: s(r['dept']),
    start_time: isoSeconds(start),
  };
  if (!live) item['end_time'] = isoSeconds(end);
  item['duration'] = dashboardDuration((live ? Math.min(end, nowMs) : end) - start);
  item['participants'] = n(r['participants']);
  setFeatureFlags(item, f);
  item['audio_quality'] = s(r['audio_quality']);
  item['video_quality'] = s(r['video_quality']);
  item['screen_share_quality'] = s(r['screen_share_quality']);
  item['custom_keys'] = JSON.parse(s(r['custom_keys'])) as { key: string; value: string }[];
  return item;
}
