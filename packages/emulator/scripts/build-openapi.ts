/**
 * npm run openapi
 *
 * Writes packages/emulator/openapi.json: the emulator's OpenAPI 3.1 document, generated
 * from its route schemas (the same document `GET /openapi.json` serves), so
 * that API clients and code generators can use it without running the
 * emulator. test/openapi.test.ts fails when the file drifts from the
 * routes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEmulator } from '../src/index.js';

/** The emulator's OpenAPI document, as pretty JSON text. */
export async function emulatorOpenApiText(): Promise<string> {
  const app = await buildEmulator({
    database: ':memory:',
    sizes: { zoomUsers: 2, zoomMeetings: 2, xUsers: 2, xTweets: 2, xFollows: 1 },
    logger: false,
    print: () => {},
    env: {},
    tokenKeys: 'doc:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    apiToken: 'doc',
    adminToken: 'doc-admin',
    rateLimit: 'off',
  });
  try {
    const res = await app.inject({ url: '/openapi.json' });
    return `${JSON.stringify(res.json(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const out = join(import.meta.dirname, '..', 'openapi.json');
  writeFileSync(out, await emulatorOpenApiText());
  process.stderr.write(`wrote ${out}\n`);
}
