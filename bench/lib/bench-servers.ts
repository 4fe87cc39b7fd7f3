import { existsSync, statSync } from 'node:fs';
import { getJson } from './http-load.js';
import type { DatasetIds } from './server-lists.js';
import { type ChildServer, spawnServer } from './spawn-server.js';

/** The dataset's anchor (see server-child.ts), where the emulator's clock is pinned. */
export const ANCHOR_MS = Date.parse('2026-01-01');

/** Dataset sizes of the server benches. */
export function benchSizes(quick: boolean): Record<string, number> {
  return quick
    ? {
        // The smallest dataset with every page the bench needs: user 0 of 256
        // X users writes 1 post in 16 (~3,500, so rows 3000–3099 exist) and
        // has ~220 followers (3 pages of 100); Zoom has 3 pages of 300 users.
        zoomUsers: 1000,
        zoomMeetings: 10_000,
        participantsPerMeeting: 1,
        xUsers: 256,
        xTweets: 56_000,
        xFollows: 56_000,
      }
    : {
        zoomUsers: 1000,
        zoomMeetings: 50_000,
        participantsPerMeeting: 2.5,
        xUsers: 1000,
        xTweets: 300_000,
        xFollows: 500_000,
      };
}

/** The emulator and the servers compared with it, over one database. */
export interface BenchServers {
  readonly emulator: ChildServer;
  readonly handWritten: ChildServer;
  readonly library: ChildServer;
  /** The hand-written X timeline with pagewise's sealed tokens (the library route's bound). */
  readonly sealed: ChildServer;
  readonly ids: DatasetIds;
  /** Size of the SQLite WAL file left beside the database by seeding (0 on PostgreSQL). */
  readonly walBytes: number;
  /** Starts one more child (stopped with the others). */
  spawn(args: string[]): Promise<ChildServer>;
  stop(): Promise<void>;
}

/**
 * Starts the emulator on `database` (seeding it with `sizes`, clock pinned
 * to the anchor), then the hand-written and library servers over the same
 * database, each in its own child process.
 */
export async function startBenchServers(
  database: string,
  sizes: Record<string, number>,
): Promise<BenchServers> {
  const children: ChildServer[] = [];
  const spawn = async (args: string[]) => {
    const child = await spawnServer(args);
    children.push(child);
    return child;
  };
  const stop = async () => {
    for (const child of children.reverse()) await child.stop();
  };
  try {
    const emulator = await spawn([
      'emulator',
      database,
      JSON.stringify(sizes),
      '{"pinClock":true}',
    ]);
    const wal = `${database}-wal`;
    const walBytes = existsSync(wal) ? statSync(wal).size : 0;
    const ds = (await getJson(`${emulator.url}/__admin/dataset`, emulator.adminToken)).body as {
      owner: { xUserId: string };
    };
    const handWritten = await spawn(['hand-written', database, String(ANCHOR_MS)]);
    const library = await spawn(['library', database, String(ANCHOR_MS)]);
    const sealed = await spawn(['sealed', database, String(ANCHOR_MS)]);
    return {
      emulator,
      handWritten,
      library,
      sealed,
      ids: { xUserId: ds.owner.xUserId },
      walBytes,
      spawn,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
