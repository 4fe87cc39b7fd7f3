import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The emulator checks each request's prepared SQL against a fresh build (data/prepared-sources.ts).
    env: { PAGEWISE_EMULATOR_VERIFY_SQL: '1' },
    // Two cores: more workers only add contention.
    maxWorkers: 2,
    // The JSON report lets .ci/run print a plain 'N passed, N failed' closing line.
    // PAGEWISE_VITEST_REPORT moves it (bench/reliability.ts reads one per suite):
    // this reporter option wins over the command line's --outputFile.
    reporters: [
      'default',
      ['json', { outputFile: process.env['PAGEWISE_VITEST_REPORT'] ?? '.tmp/vitest-report.json' }],
    ],
  },
});
