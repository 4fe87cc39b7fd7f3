/**
 * npm run reliability [-- --fuzz 1000000 --fc 3000 --kills 100 --soak 120]
 *
 * Runs the reliability checks at higher counts than CI and prints one summary
 * table: the token fuzz, the engine property tests on SQLite and PostgreSQL,
 * the emulator's bad-input corpus, the client's fault-injection walks against
 * the emulator, the kill-and-resume loop, and the soak (faults + churn +
 * replicas). Each suite runs in its own vitest process with its knob raised;
 * the soak reports rows lost, rows duplicated and 5xx itself. Exits non-zero
 * when anything failed; the last line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function flag(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} takes a positive whole number`);
  return v;
}
const FUZZ = flag('fuzz', 1_000_000);
const FC = flag('fc', 3000);
const KILLS = flag('kills', 100);
const SOAK = flag('soak', 120);

interface Row {
  suite: string;
  knob: string;
  cases: number;
  failures: number;
  lost: number | '';
  duplicated: number | '';
  fiveXx: number | '';
  seconds: number;
}

function vitest(
  files: string[],
  env: Record<string, string>,
): { tests: number; failed: number; seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'pagewise-rel-'));
  const out = join(dir, 'report.json');
  const started = Date.now();
  // The config's JSON reporter writes where PAGEWISE_VITEST_REPORT says (see vitest.config.ts).
  spawnSync('npx', ['vitest', 'run', ...files], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env, PAGEWISE_VITEST_REPORT: out },
  });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  try {
    const r = JSON.parse(readFileSync(out, 'utf8')) as {
      numTotalTests: number;
      numFailedTests: number;
      success: boolean;
    };
    return {
      tests: r.numTotalTests,
      failed: r.numFailedTests + (r.success || r.numFailedTests ? 0 : 1),
      seconds,
    };
  } catch {
    return { tests: 0, failed: 1, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What bench/soak.ts reports for one of its phases. */
interface SoakPhase {
  walks: number;
  walksCorrect: number;
  lost: number;
  duplicated: number;
  unexpected5xx: number;
  badInput5xx: number;
}

const rows: Row[] = [];
const say = (s: string) => process.stderr.write(`${s}\n`);

say(`token fuzz: ${FUZZ} mutated tokens`);
{
  const r = vitest(
    [
      'packages/pagewise/test/token/fuzz.test.ts',
      'packages/pagewise/test/token/round-trip.test.ts',
    ],
    {
      PAGEWISE_FUZZ_RUNS: String(FUZZ),
    },
  );
  rows.push({
    suite: 'token fuzz + round trips',
    knob: `PAGEWISE_FUZZ_RUNS=${FUZZ}`,
    cases: FUZZ,
    failures: r.failed,
    lost: '',
    duplicated: '',
    fiveXx: '',
    seconds: r.seconds,
  });
}
say(`engine property tests: ${FC} runs per database`);
{
  const r = vitest(['packages/pagewise/test/sources/keyset-properties.test.ts'], {
    PAGEWISE_FC_RUNS: String(FC),
  });
  rows.push({
    suite: 'engine properties (SQLite + PostgreSQL)',
    knob: `PAGEWISE_FC_RUNS=${FC}`,
    cases: FC * 2,
    failures: r.failed,
    lost: r.failed ? '' : 0,
    duplicated: r.failed ? '' : 0,
    fiveXx: '',
    seconds: r.seconds,
  });
}
say('bad-input corpus');
{
  const r = vitest(
    ['packages/emulator/test/bad-input.test.ts', 'packages/pagewise/test/server'],
    {},
  );
  rows.push({
    suite: 'bad-input corpus (emulator + styles)',
    knob: '-',
    cases: r.tests,
    failures: r.failed,
    lost: '',
    duplicated: '',
    fiveXx: r.failed ? '' : 0,
    seconds: r.seconds,
  });
}
say('fault-injection walks');
{
  const r = vitest(
    ['test/integration/client-emulator.test.ts', 'packages/emulator/test/walks.test.ts'],
    {},
  );
  rows.push({
    suite: 'fault-injection walks (client vs emulator)',
    knob: '-',
    cases: r.tests,
    failures: r.failed,
    lost: r.failed ? '' : 0,
    duplicated: r.failed ? '' : 0,
    fiveXx: '',
    seconds: r.seconds,
  });
}
say(`kill-and-resume: ${KILLS} SIGKILLs`);
{
  const r = vitest(['packages/pagewise/test/client/kill-resume.test.ts'], {
    PAGEWISE_KILLS: String(KILLS),
  });
  rows.push({
    suite: 'kill-and-resume (client)',
    knob: `PAGEWISE_KILLS=${KILLS}`,
    cases: KILLS,
    failures: r.failed,
    lost: r.failed ? '' : 0,
    duplicated: r.failed ? '' : 0,
    fiveXx: '',
    seconds: r.seconds,
  });
}
say(`soak: ${SOAK} s`);
{
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/soak.ts',
      '--seconds',
      String(SOAK),
      '--replica-seconds',
      String(Math.ceil(SOAK / 2)),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const last = r.stdout.trimEnd().split('\n').pop() ?? '{}';
  let soak: { single?: SoakPhase; replicas?: SoakPhase } = {};
  try {
    soak = JSON.parse(last);
  } catch {}
  const phases = [soak.single, soak.replicas].filter((p) => p !== undefined);
  rows.push({
    suite: 'soak (faults, churn, bad input, two replicas)',
    knob: `--seconds ${SOAK}`,
    cases: phases.reduce((a, p) => a + p.walks, 0),
    failures: phases.reduce((a, p) => a + (p.walks - p.walksCorrect), 0) + (r.status === 0 ? 0 : 1),
    lost: phases.reduce((a, p) => a + p.lost, 0),
    duplicated: phases.reduce((a, p) => a + p.duplicated, 0),
    fiveXx: phases.reduce((a, p) => a + p.unexpected5xx + p.badInput5xx, 0),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  });
}

console.log(
  '\n| suite | knob | cases tried | failures | data lost | data duplicated | 5xx seen | seconds |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.suite} | ${r.knob} | ${r.cases} | ${r.failures} | ${r.lost} | ${r.duplicated} | ${r.fiveXx} | ${r.seconds} |`,
  );
}
const ok = rows.every((r) => r.failures === 0);
console.log(`\nresult: ${ok ? 'PASS' : 'FAIL'}`);
console.log(JSON.stringify({ bench: 'reliability', ok, rows }));
process.exit(ok ? 0 : 1);
