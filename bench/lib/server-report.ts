import { barChart } from './svg-chart.js';

/** What bench/report.ts reads from bench:server's last line. */
export interface ServerBenchJson {
  readonly goals?: { readonly library?: number; readonly emulator?: number };
  readonly libraryVsHandWritten?: RatioJson;
  readonly emulatorVsHandWritten?: RatioJson;
  /** The library route over the hand-written route with pagewise's sealed tokens: the library beside its bound. */
  readonly libraryVsSealed?: RatioJson;
  /** The hand-written route with sealed tokens over the plain one: what the tokens alone cost. */
  readonly sealedVsHandWritten?: RatioJson;
}

interface RatioJson {
  readonly min: number | null;
  readonly byDb: Record<string, Record<string, { first?: number; deep?: number }>>;
}

const DB_LABEL: Readonly<Record<string, string>> = { sqlite: 'SQLite', postgres: 'PG' };

function bars(r: RatioJson | undefined, withList: boolean): { label: string; value: number }[] {
  const out: { label: string; value: number }[] = [];
  for (const [db, lists] of Object.entries(r?.byDb ?? {})) {
    for (const [list, depths] of Object.entries(lists)) {
      for (const depth of ['first', 'deep'] as const) {
        const v = depths[depth];
        if (v === undefined) continue;
        out.push({
          label: `${DB_LABEL[db] ?? db} ${withList ? `${list} ` : ''}${depth}`,
          value: v,
        });
      }
    }
  }
  return out;
}

/**
 * The two charts of bench:server: library ÷ hand-written and emulator ÷
 * hand-written (req/s measured side by side), each with its goal as a line.
 */
export function serverCharts(json: ServerBenchJson): { library: string; emulator: string } {
  const libraryGoal = json.goals?.library ?? 1;
  const emulatorGoal = json.goals?.emulator ?? 0.8;
  const emulatorBars = bars(json.emulatorVsHandWritten, true);
  return {
    library: barChart({
      title: 'X timeline: pagewise library route ÷ hand-written route (req/s)',
      yLabel: 'library ÷ hand-written',
      bars: bars(json.libraryVsHandWritten, false),
      reference: { value: libraryGoal, label: `goal ≥ ${libraryGoal}` },
      width: 640,
    }),
    emulator: barChart({
      title: 'Emulator endpoint ÷ hand-written route for the same list (req/s)',
      yLabel: 'emulator ÷ hand-written',
      bars: emulatorBars,
      reference: { value: emulatorGoal, label: `goal ≥ ${emulatorGoal}` },
      width: Math.max(720, 70 * emulatorBars.length),
      height: 420,
    }),
  };
}

/** The headline lines of RESULTS.md: library ÷ hand-written and emulator ÷ hand-written, with their goals. */
export function serverHeadline(json: ServerBenchJson): string[] {
  const line = (name: string, r: RatioJson | undefined, goal: number) => {
    const min = r?.min;
    if (min === null || min === undefined) return `- ${name}: not measured`;
    return `- **${name}: ${min.toFixed(2)}** (lowest over every database and page measured; goal ≥ ${goal}: ${min >= goal ? 'met' : 'not met'})`;
  };
  const context = (name: string, r: RatioJson | undefined, what: string) => {
    const min = r?.min;
    if (min === null || min === undefined) return undefined;
    return `- ${name}: ${min.toFixed(2)} (lowest; ${what})`;
  };
  return [
    line('library ÷ hand-written', json.libraryVsHandWritten, json.goals?.library ?? 1),
    line('emulator ÷ hand-written', json.emulatorVsHandWritten, json.goals?.emulator ?? 0.8),
    context(
      "hand-written with pagewise's sealed tokens ÷ hand-written",
      json.sealedVsHandWritten,
      'what sealed, bound, expiring tokens cost a hand-written route: the bound of the first line',
    ),
    context(
      'library ÷ hand-written with sealed tokens',
      json.libraryVsSealed,
      'the library beside that bound, with the same token work',
    ),
  ].filter((l): l is string => l !== undefined);
}
