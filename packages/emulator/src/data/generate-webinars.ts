import type { ResolvedDatasetSizes } from './dataset-sizes.js';
import { zoomMeetingUuid, zoomWebinarId } from './ids.js';
import { Prng } from './prng.js';
import type { ZoomUserTable, ZoomWebinarParticipantTable, ZoomWebinarTable } from './schema.js';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Webinar topics: fixed, so data is reproducible. */
export const WEBINAR_TOPICS = [
  'Product launch: what is new this quarter',
  'Quarterly all-hands',
  'API office hours',
  'Customer onboarding 101',
  'Security and compliance briefing',
  'Scaling PostgreSQL in production',
  'Designing paginated APIs',
  'Partner enablement session',
  'Town hall with the leadership team',
  'Hiring info session',
  'Release candidate walkthrough',
  'Data privacy training',
] as const;

const QUALITIES = ['good', 'fair', 'poor', 'bad'] as const;
const CUSTOM_KEYS = [
  ['campaign', 'spring-launch'],
  ['campaign', 'partner-summit'],
  ['region', 'emea'],
  ['region', 'amer'],
  ['audience', 'customers'],
  ['audience', 'employees'],
] as const;

/** A webinar with its participant sessions, ids in join order. */
export interface GeneratedWebinar {
  readonly webinar: ZoomWebinarTable;
  readonly participants: ZoomWebinarParticipantTable[];
}

/**
 * The webinars of the dataset, from their own PRNG stream (`seed/zoom_webinars`),
 * so they leave every other table as it was. Hosts are licensed users (type 2:
 * a webinar needs a license and the add-on), skewed towards a few busy ones;
 * times lie from 180 days before the anchor to 30 days after it, in business
 * hours (UTC). Every webinar has its sessions, also upcoming and live ones: the
 * routes show a session only once it has begun (live) or the webinar has ended (past).
 */
export function* zoomWebinarRows(
  seed: string,
  sizes: ResolvedDatasetSizes,
  users: readonly ZoomUserTable[],
  anchorMs: number,
): Generator<GeneratedWebinar> {
  const r = new Prng(`${seed}/zoom_webinars`);
  const hosts = users.filter((u) => Number(u.type) === 2);
  if (hosts.length === 0 || sizes.zoomWebinars === 0) return;
  let participantId = 1;
  for (let j = 0; j < sizes.zoomWebinars; j++) {
    const host = hosts[skewed(r, hosts.length)] as ZoomUserTable;
    const webinar = zoomWebinar(r, zoomWebinarId(j, r.int(1000)), host.id, anchorMs);
    const n = participantCount(r, sizes.participantsPerWebinar);
    const participants = webinarParticipants(r, webinar, host, users, n, participantId);
    participantId += participants.length;
    webinar.participants_count = participants.length;
    yield { webinar, participants };
  }
}

/** One webinar (no sessions yet). Exported for the churn writer. */
export function zoomWebinar(
  r: Prng,
  id: number,
  hostId: string,
  anchorMs: number,
): ZoomWebinarTable {
  const day = Math.floor((anchorMs - 180 * DAY) / DAY) * DAY + r.int(210) * DAY;
  const start = day + r.range(13, 21) * 3_600_000 + 15 * r.int(4) * MINUTE;
  const scheduled = r.pick([30, 45, 60, 60, 60, 90, 120]);
  const end = start + (scheduled + r.range(-5, 15)) * MINUTE + r.int(60) * 1000;
  // VoIP and video nearly always; the rest by chance.
  let features = r.int(1024) & ~(2 | 8);
  if (r.chance(0.97)) features |= 2;
  if (r.chance(0.9)) features |= 8;
  const keys = r.chance(0.2)
    ? [r.pick(CUSTOM_KEYS), r.pick(CUSTOM_KEYS)].slice(0, r.range(1, 2))
    : [];
  return {
    id,
    uuid: zoomMeetingUuid(r.bytes(16)),
    host_id: hostId,
    topic: r.pick(WEBINAR_TOPICS),
    start_time: start,
    end_time: end,
    participants_count: 0,
    features,
    audio_quality: quality(r),
    video_quality: quality(r),
    screen_share_quality: quality(r),
    custom_keys: JSON.stringify(keys.map(([key, value]) => ({ key, value }))),
    origin: 0,
  };
}

/**
 * Sessions of a webinar: the host's, up to three panelists', then attendees'.
 * Attendees join around the start (a few late), most stay to the end; ids are
 * given in join order, from `firstId`. Exported for the churn writer.
 */
export function webinarParticipants(
  r: Prng,
  w: ZoomWebinarTable,
  host: ZoomUserTable,
  users: readonly ZoomUserTable[],
  n: number,
  firstId: number,
): ZoomWebinarParticipantTable[] {
  const start = Number(w.start_time);
  const end = Number(w.end_time);
  const sessions: Omit<ZoomWebinarParticipantTable, 'id' | 'user_id'>[] = [];
  for (let k = 0; k < n; k++) {
    const role = k === 0 ? 'host' : k <= 3 && r.chance(0.6) ? 'panelist' : 'attendee';
    const early = role === 'attendee' ? 0 : 15 * MINUTE;
    const x = r.next();
    const join = second(start - early - 5 * MINUTE + x * x * x * (end - start));
    const leave = r.chance(0.65) ? end + r.int(30) * 1000 : join + r.int(Math.max(1, end - join));
    const inAccount = role !== 'attendee' || r.chance(0.35);
    const who =
      k === 0 ? host : inAccount ? (users[r.int(users.length)] as ZoomUserTable) : undefined;
    const name = who
      ? `${who.first_name} ${who.last_name}`
      : `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
    sessions.push({
      webinar_id: w.id,
      participant_user_id: who?.id ?? '',
      user_name: name,
      email: who?.email ?? '',
      role,
      join_time: join,
      leave_time: Math.max(join, second(leave)),
      origin: 0,
    });
  }
  sessions.sort((a, b) => Number(a.join_time) - Number(b.join_time));
  return sessions.map((s, i) => ({
    id: firstId + i,
    user_id: String(33_554_432 + firstId + i),
    ...s,
  }));
}

/** A long tail (Pareto, α = 2) around `avg`: most webinars near it, a few ten times larger. */
function participantCount(r: Prng, avg: number): number {
  if (avg <= 0) return 0;
  const n = Math.round(avg / 2 / Math.sqrt(1 - r.next()));
  return Math.max(1, Math.min(n, Math.round(avg * 50)));
}

function quality(r: Prng): string {
  const x = r.next();
  return QUALITIES[x < 0.7 ? 0 : x < 0.88 ? 1 : x < 0.96 ? 2 : 3] as string;
}

function skewed(r: Prng, n: number): number {
  const x = r.next();
  return Math.min(n - 1, Math.floor(n * x * x));
}

function second(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
