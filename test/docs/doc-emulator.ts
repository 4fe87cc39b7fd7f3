import { type RunningEmulator, startEmulator } from '@pagewise/emulator';
import { generateKeySpec } from 'pagewise/token';

/**
 * The placeholders documentation examples use, as a reader would set them:
 * the emulator's default address, and shell/`process.env` variables.
 */
export const DOC_BASE_URL = 'http://127.0.0.1:3000';

/** An emulator for documentation examples, and the values of their placeholders. */
export interface DocEmulator {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /**
   * `PAGEWISE_API_TOKEN`, `PAGEWISE_ADMIN_TOKEN` (the emulator's bearer tokens),
   * `X_USER_ID` (an X user with posts and followers: the default principal),
   * `ZOOM_USER_ID` (the default principal's Zoom user),
   * `ZOOM_MEETING_UUID` (a past meeting with participants).
   */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
  /** Clears faults and stops the churn writer (between examples). */
  reset(): Promise<void>;
}

/** Starts one small in-memory emulator on a free port (a couple of seconds to seed). */
export async function startDocEmulator(): Promise<DocEmulator> {
  const emu: RunningEmulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    database: ':memory:',
    seed: 'docs',
    sizes: {
      zoomUsers: 60,
      zoomMeetings: 200,
      participantsPerMeeting: 2,
      xUsers: 20,
      xTweets: 400,
      xFollows: 100,
    },
    rateLimit: 'off',
    apiToken: 'pw_api_docs',
    adminToken: 'pw_admin_docs',
    tokenKeys: generateKeySpec('docs'),
    logger: false,
    print: () => {},
    env: {},
  });
  const admin = async (method: 'GET' | 'PUT', path: string, body?: unknown) => {
    const res = await fetch(`${emu.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${emu.adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const dataset = (await admin('GET', '/__admin/dataset')) as {
    owner: { zoomUserId: string; xUserId: string };
    samples: { zoomPastMeetingUuids: string[] };
  };
  return {
    url: emu.url,
    env: {
      PAGEWISE_API_TOKEN: emu.apiToken,
      PAGEWISE_ADMIN_TOKEN: emu.adminToken,
      X_USER_ID: dataset.owner.xUserId,
      ZOOM_USER_ID: dataset.owner.zoomUserId,
      ZOOM_MEETING_UUID: dataset.samples.zoomPastMeetingUuids[0] ?? '',
    },
    close: () => emu.close(),
    async reset() {
      await admin('PUT', '/__admin/faults', {});
      await admin('PUT', '/__admin/churn', {});
    },
  };
}

/** Points the documented address (`http://127.0.0.1:3000`, `localhost:3000`) at `url`. */
export function pointAt(text: string, url: string): string {
  const host = url.replace(/^https?:\/\//, '');
  return text
    .replaceAll('http://127.0.0.1:3000', url)
    .replaceAll('http://localhost:3000', url)
    .replace(/\b(?:127\.0\.0\.1|localhost):3000\b/g, host);
}

/** True when a URL word of an example addresses the documented emulator. */
export function isEmulatorUrl(word: string): boolean {
  return /^(?:https?:\/\/)?(?:127\.0\.0\.1|localhost):3000(?:[/?]|$)/.test(word);
}
