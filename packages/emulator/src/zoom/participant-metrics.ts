import { ZOOM_USER_ID_ALPHABET } from '../data/ids.js';
import { Prng } from '../data/prng.js';

/**
 * What Zoom's Dashboard reports about one participant session beyond who and
 * when: device, network, addresses, quality scores, sharing. The dataset does
 * not store these: they are drawn from a PRNG seeded with the dataset seed and
 * the session's row id, so the same session shows the same values on every
 * page, every request and both databases, and no table grows by twenty columns.
 */
export interface ParticipantMetrics {
  readonly device: string;
  readonly ipAddress: string;
  readonly internalIpAddresses: readonly string[];
  readonly location: string;
  readonly networkType: string;
  readonly dataCenter: string;
  readonly fullDataCenter: string;
  readonly connectionType: string;
  readonly version: string;
  readonly pcName: string;
  readonly domain: string;
  readonly macAddr: string;
  readonly harddiskId: string;
  readonly microphone: string;
  readonly speaker: string;
  readonly camera: string;
  readonly audioQuality: string;
  readonly videoQuality: string;
  readonly screenShareQuality: string;
  readonly shareApplication: boolean;
  readonly shareDesktop: boolean;
  readonly shareWhiteboard: boolean;
  readonly recording: boolean;
  /** One of the document's `leave_reason` values, with `meeting` or `webinar` as written there. */
  readonly leaveReason: string;
  readonly registrantId: string;
  /** SIP URIs, for `H.323/SIP` sessions only. */
  readonly sipUri: string | undefined;
  /** The audio call of a `Phone` session; empty otherwise. */
  readonly audioCall: readonly { call_number: string; call_type: string; zoom_number: string }[];
}

// [weight, value] tables; weights need not sum to anything in particular.
const DEVICES: readonly (readonly [number, string])[] = [
  [35, 'Windows'],
  [30, 'Mac'],
  [12, 'iOS'],
  [10, 'Android'],
  [8, 'Phone'],
  [5, 'H.323/SIP'],
];
const NETWORKS: readonly (readonly [number, string])[] = [
  [50, 'Wifi'],
  [35, 'Wired'],
  [10, 'Cellular'],
  [1, 'PPP'],
  [4, 'Others'],
];
const QUALITY: readonly (readonly [number, string])[] = [
  [70, 'good'],
  [18, 'fair'],
  [8, 'poor'],
  [4, 'bad'],
];
const PLACES = [
  ['United States', 'United States (SC Top)', 'United States (SC Top);'],
  ['United States', 'United States (NY)', 'United States (NY);United States (DV RWG);'],
  ['Germany', 'Germany (FR)', 'Germany (FR);'],
  ['United Kingdom', 'United Kingdom (LN)', 'United Kingdom (LN);'],
  ['Japan', 'Japan (TY)', 'Japan (TY);'],
  ['Brazil', 'Brazil (SP)', 'Brazil (SP);'],
  ['Nigeria', 'Europe (AMS)', 'Europe (AMS);'],
] as const;
const VERSIONS = ['5.17.11.34827', '5.16.10.26186', '5.15.12.24251', '6.0.2.33403', '5.9.1.2581'];
const MICROPHONES = [
  'MacBook Pro Microphone',
  'Microphone (2- High Definition Audio Device)',
  'Plantronics BT600',
  'Jabra Evolve2 65',
];
const SPEAKERS = [
  'MacBook Pro Speakers',
  'speaker (2- High Definition Audio Device)',
  'Plantronics BT600',
  'Jabra Evolve2 65',
];
const CAMERAS = ['FaceTime HD Camera', 'Integrated Webcam', 'Logitech BRIO', ''];

/** The document's `leave_reason` values (`$name` as written there), with weights. */
function leaveReasons(kind: 'meeting' | 'webinar'): readonly (readonly [number, string])[] {
  return [
    [70, `$name left the ${kind}.`],
    [7, `$name got disconnected from the ${kind}.`],
    [15, `Host ended the ${kind}.`],
    [2, `Host closed the ${kind}.`],
    [2, 'Network connection error.'],
    [2, 'Removed by host.'],
    [2, 'Unknown reason.'],
  ];
}

function weighted(r: Prng, table: readonly (readonly [number, string])[]): string {
  let total = 0;
  for (const [w] of table) total += w;
  let x = r.next() * total;
  for (const [w, v] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return (table[table.length - 1] as readonly [number, string])[1];
}

/**
 * The metrics of session `rowId` of `kind`, deterministic from `seed`.
 * `inAccount`: the participant belongs to the host's account; Zoom sends
 * empty strings for the machine details of anyone else.
 */
export function participantMetrics(
  seed: string,
  kind: 'meeting' | 'webinar',
  rowId: number,
  inAccount: boolean,
): ParticipantMetrics {
  const r = new Prng(`${seed}/participant_metrics/${kind}/${rowId}`);
  const device = weighted(r, DEVICES);
  const phone = device === 'Phone';
  const sip = device === 'H.323/SIP';
  const computer = device === 'Windows' || device === 'Mac';
  const [location, dataCenter, fullDataCenter] = r.pick(PLACES);
  const mine = (v: string) => (inAccount && !phone ? v : '');
  const shared = !phone && r.chance(0.3);
  const octet = () => r.range(1, 254);
  return {
    device,
    ipAddress: phone ? '' : `${r.pick(['192.0.2', '198.51.100', '203.0.113'])}.${octet()}`,
    internalIpAddresses: phone ? [] : [`10.${r.int(256)}.${r.int(256)}.${octet()}`],
    location,
    networkType: phone ? 'Others' : weighted(r, NETWORKS),
    dataCenter,
    fullDataCenter,
    connectionType: phone ? 'PSTN' : r.chance(0.8) ? 'UDP' : r.chance(0.5) ? 'TCP' : 'SSL',
    version: phone || sip ? '' : r.pick(VERSIONS),
    pcName: computer ? `HW${String(r.int(10_000_000)).padStart(7, '0')}` : '',
    domain: mine(computer ? 'example.com' : ''),
    macAddr: mine(computer ? `${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}` : ''),
    harddiskId: mine(computer ? `Disk${String(r.int(100)).padStart(2, '0')}` : ''),
    microphone: mine(r.pick(MICROPHONES)),
    speaker: mine(r.pick(SPEAKERS)),
    camera: mine(phone ? '' : r.pick(CAMERAS)),
    audioQuality: weighted(r, QUALITY),
    videoQuality: phone ? '' : weighted(r, QUALITY),
    screenShareQuality: shared ? weighted(r, QUALITY) : '',
    shareApplication: shared && r.chance(0.2),
    shareDesktop: shared,
    shareWhiteboard: shared && r.chance(0.1),
    recording: r.chance(0.2),
    leaveReason: weighted(r, leaveReasons(kind)),
    registrantId: r.chars(22, ZOOM_USER_ID_ALPHABET),
    sipUri: sip ? `sip:${r.int(1_000_000)}@sip.example.com` : undefined,
    audioCall: phone
      ? [
          {
            call_number: `+1 555 ${String(r.int(10_000)).padStart(4, '0')}`,
            call_type: r.chance(0.9) ? 'call-in' : 'call-out',
            zoom_number: '18773690926',
          },
        ]
      : [],
  };
}

function hex(r: Prng, n: number): string {
  return r.chars(n, '0123456789abcdef');
}
