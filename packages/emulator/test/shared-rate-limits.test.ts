import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator, type EmulatorApp } from '../src/index.js';
import { BACKENDS, createDb, type TestDb, testOptions } from './emulator-fixtures.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(
    `rate-limit counters shared in the database (${backend.name})`,
    () => {
      let db: TestDb;
      let a: EmulatorApp;
      let b: EmulatorApp;
      const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 100;
      let me = '';

      beforeAll(async () => {
        db = await createDb(backend.name);
        const opts = testOptions(db, {
          rateLimit: 'realistic',
          rateLimitStore: 'database',
          now: () => frozen,
        });
        a = await buildEmulator(opts);
        b = await buildEmulator(opts);
        const res = await a.inject({
          url: '/2/users/me',
          headers: { authorization: 'Bearer test-api-token' },
        });
        me = (res.json() as { data: { id: string } }).data.id;
      });
      afterAll(async () => {
        await a?.close();
        await b?.close();
        await db?.drop();
      });

      it('two replicas together serve exactly the limit of one window', async () => {
        const url = `/2/users/${me}/followers?max_results=1`;
        const headers = { authorization: 'Bearer test-api-token' };
        const ask = (app: EmulatorApp) =>
          app.inject({ url, headers }).then((r) => ({
            status: r.statusCode,
            remaining: r.headers['x-rate-limit-remaining'],
          }));
        let answers: { status: number; remaining: unknown }[];
        if (backend.name === 'postgres') {
          // Truly concurrent: 40 requests spread over both replicas.
          answers = await Promise.all(
            Array.from({ length: 40 }, (_, i) => ask(i % 2 === 0 ? a : b)),
          );
        } else {
          // Two connections to one SQLite file in one process would block each other's event loop:
          // alternate sequentially (separate processes share the file safely).
          answers = [];
          for (let i = 0; i < 40; i++) answers.push(await ask(i % 2 === 0 ? a : b));
          expect(answers.slice(0, 15).map((x) => x.remaining)).toEqual(
            Array.from({ length: 15 }, (_, i) => String(14 - i)),
          );
        }
        expect(answers.filter((x) => x.status === 200)).toHaveLength(15);
        expect(answers.filter((x) => x.status === 429)).toHaveLength(25);
      });
    },
  );
}
