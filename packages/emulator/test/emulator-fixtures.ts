import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeySpec } from 'pagewise/token';
import { createTestDatabase, hasPg } from '../../../test/helpers/pg.js';
import type { DatasetSizes, EmulatorOptions } from '../src/index.js';

/** Small dataset: every list spans several pages, the suite stays fast. */
export const TEST_SIZES: DatasetSizes = {
  zoomUsers: 40,
  zoomMeetings: 400,
  participantsPerMeeting: 3,
  xUsers: 30,
  xTweets: 4000,
  xFollows: 400,
  xLikes: 6000,
  xQuotes: 300,
};

/** Shared page-token keys, so two emulators open each other's tokens. */
export const TEST_TOKEN_KEYS = generateKeySpec('k1');

/** A database for one test file: a temp SQLite file or a fresh PostgreSQL database. */
export interface TestDb {
  readonly name: 'sqlite' | 'postgres';
  readonly url: string;
  drop(): Promise<void>;
}

/** The backends to loop a suite over: SQLite always, PostgreSQL when the run has it. */
export const BACKENDS: readonly { name: 'sqlite' | 'postgres'; skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !hasPg },
];

/** Creates the database of `backend`. */
export async function createDb(backend: 'sqlite' | 'postgres'): Promise<TestDb> {
  if (backend === 'postgres') {
    const db = await createTestDatabase();
    return { name: 'postgres', url: db.url, drop: db.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'pagewise-emu-'));
  return {
    name: 'sqlite',
    url: join(dir, 'emulator.sqlite'),
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Options for a quiet test emulator on `db`. */
export function testOptions(db: TestDb, extra: EmulatorOptions = {}): EmulatorOptions {
  return {
    database: db.url,
    host: '127.0.0.1',
    port: 0,
    logger: false,
    print: () => {},
    sizes: TEST_SIZES,
    apiToken: 'test-api-token',
    adminToken: 'test-admin-token',
    tokenKeys: TEST_TOKEN_KEYS,
    rateLimit: 'off',
    env: {},
    ...extra,
  };
}

/** GET as JSON with a bearer token. */
export async function getJson(
  url: string,
  token: string,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}
